// The search page cursor (pure): the last item's score and key (keyset: score descending, then key), and the
// near-match words chosen on the first page, so every page ranks the same way.
import { AppError } from '../errors';

/** `fuzzy`: pairs [word as typed, a near-match of it in the index] */
export type NearMatch = [string, string];

export type SearchCursor = { score: number; key: string; fuzzy: NearMatch[] | null };

export const MAX_CURSOR_LENGTH = 2000;

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.score, cursor.key, cursor.fuzzy])).toString('base64url');
}

const invalid = () => new AppError('BAD_REQUEST', 'The request is invalid.', { fields: { cursor: ['is not a valid cursor'] } });

export function decodeSearchCursor(value: string): SearchCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [score, key, fuzzy] = parsed as unknown[];
  if (typeof score !== 'number' || !Number.isFinite(score) || typeof key !== 'string' || key.length > 500) throw invalid();
  const isPair = (p: unknown) => Array.isArray(p) && p.length === 2 && p.every((w) => typeof w === 'string' && w.length > 0 && w.length <= 40);
  if (fuzzy !== null && !(Array.isArray(fuzzy) && fuzzy.length <= 32 && fuzzy.every(isPair))) throw invalid();
  return { score, key, fuzzy: fuzzy as NearMatch[] | null };
}
