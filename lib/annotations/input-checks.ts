// The annotation forms' checks as you type, before anything is sent: the same limits the API enforces
// (schemas.ts), worded for the field they are shown at. A value out of range is explained, never clamped or cut.
import { plainText } from '../richtext/plain-text';
import type { RichTextDoc } from '../richtext/types';
import { MAX_TEXT_CHARS } from '../richtext/limits';
import { STATEMENT_MAX } from './limits';

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A probability typed in percent ("70", "33.5", " 0 ") as a fraction 0..1; anything else says why not. */
export function percentFromText(text: string): Checked<number> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'must be a number between 0% and 100%' };
  // digits with an optional decimal part only: "1e2", "0x10" and "Infinity" are not percentages
  if (!/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(trimmed)) return { ok: false, message: 'must be a number between 0% and 100%' };
  const n = Number(trimmed);
  if (n < 0 || n > 100) return { ok: false, message: 'must be between 0% and 100%' };
  return { ok: true, value: n / 100 };
}

/** A claim statement: not empty, at most STATEMENT_MAX characters (after trimming, as the API counts). */
export function statementProblem(text: string): string | null {
  const length = text.trim().length;
  if (length === 0) return 'must not be empty';
  if (length > STATEMENT_MAX) return `must be at most ${STATEMENT_MAX} characters: shorten it by ${length - STATEMENT_MAX}`;
  return null;
}

/** An evidence source: empty, or an absolute http(s) URL of at most 2000 characters. */
export function sourceProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (trimmed.length > 2000) return 'is too long (at most 2000 characters)';
  try {
    const url = new URL(trimmed);
    if (url.protocol === 'http:' || url.protocol === 'https:') return null;
  } catch {
    // not a URL at all
  }
  return 'must be an http or https URL';
}

/** A rationale: at most MAX_TEXT_CHARS characters of text. */
export function rationaleProblem(doc: RichTextDoc | null): string | null {
  if (!doc) return null;
  const length = plainText(doc).trim().length;
  return length > MAX_TEXT_CHARS ? `may contain at most ${MAX_TEXT_CHARS.toLocaleString('en')} characters of text (now ${length.toLocaleString('en')})` : null;
}
