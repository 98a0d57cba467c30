// W3C TextQuoteSelector + TextPositionSelector for a range of a version's canonical text: describing a range,
// and checking that a text still holds a quote where the positions say.

/** How many characters of context a quote selector keeps on each side (fewer at the text's edges). */
export const CONTEXT_LENGTH = 32;

export type QuoteSelector = { exact: string; prefix: string; suffix: string };
export type PositionSelector = { start: number; end: number };
export type Selectors = QuoteSelector & PositionSelector;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Is `offset` strictly inside a surrogate pair (between its two UTF-16 code units)? */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/**
 * The selectors describing text[start, end): the exact quote, up to CONTEXT_LENGTH characters either side, and
 * the positions. A context that would begin or end half-way through a surrogate pair is one code unit shorter,
 * so a selector never holds a lone surrogate (which could not be stored as UTF-8).
 * Throws RangeError unless 0 <= start < end <= text.length (integers) with neither end inside a surrogate pair:
 * an empty range selects nothing and cannot be found again.
 */
export function describeRange(text: string, start: number, end: number): Selectors {
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new RangeError(`range ${start}..${end} is not a pair of integers`);
  if (start < 0 || end > text.length || start >= end) {
    throw new RangeError(`range ${start}..${end} is not a non-empty range of a text of length ${text.length}`);
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new RangeError(`range ${start}..${end} cuts a character (surrogate pair) in two`);
  }
  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return {
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
    start,
    end,
  };
}

/** Does the text hold exactly `exact` (non-empty) at start..end? False for any range that does not fit the text. */
export function matchesAt(text: string, selectors: { exact: string; start: number; end: number }): boolean {
  const { exact, start, end } = selectors;
  return (
    exact.length > 0 &&
    Number.isInteger(start) &&
    start >= 0 &&
    end - start === exact.length &&
    end <= text.length &&
    text.startsWith(exact, start)
  );
}

/** Does the text read exactly `prefix` just before `start` and `suffix` just after `end`? */
export function contextMatchesAt(text: string, start: number, end: number, prefix: string, suffix: string): boolean {
  return text.slice(Math.max(0, start - prefix.length), start) === prefix && text.slice(end, end + suffix.length) === suffix;
}
