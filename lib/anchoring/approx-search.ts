// Approximate string matching with Myers' bit-parallel algorithm, after approx-string-match 2.0 (Robert Knight,
// MIT licence), whose search we used as is until an annotation showed its cost is unbounded: it finds the start of
// every lowest-error match (O(m²/32) each, and a short text against a long pattern ties at every position), with
// no way to ask for the error count alone or to stop. Here each call charges its work to a budget and stops when
// the budget is spent; `bestErrors` skips the starts; `approxSearch` finds at most `maxStarts` of them.

/**
 * Work allowance shared by the searches of one anchoring. `spent` counts steps: one per text character read plus
 * one per 32-character block of the pattern advanced over it (the algorithm's cost is made of these), and a call's
 * setup (the pattern's length, and 256). A search that would go past `limit` stops where it is (its matches so far
 * are real matches) and sets `isExhausted`.
 */
export type WorkBudget = { spent: number; readonly limit: number; isExhausted: boolean };

export const workBudget = (limit: number): WorkBudget => ({ spent: 0, limit, isExhausted: false });

export type ApproxMatch = { start: number; end: number; errors: number };
type MatchEnd = { end: number; errors: number };

const WORD = 32;

// by UTF-16 code unit, as offsets are
const reverse = (s: string): string => s.split('').reverse().join('');

const oneIfNotZero = (n: number): number => ((n | -n) >> 31) & 1;

type BlockState = { P: Uint32Array; M: Uint32Array; lastRowMask: Uint32Array };

/** One block step (Myers 1999, fig. 8, branch-free as in Šošić 2014): returns the horizontal delta out. */
function advanceBlock(ctx: BlockState, peq: Uint32Array, b: number, hIn: number): number {
  let pV = ctx.P[b] as number;
  let mV = ctx.M[b] as number;
  const hInIsNegative = hIn >>> 31;
  const eq = (peq[b] as number) | hInIsNegative;
  const xV = eq | mV;
  const xH = (((eq & pV) + pV) ^ pV) | eq;
  let pH = mV | ~(xH | pV);
  let mH = pV & xH;
  const mask = ctx.lastRowMask[b] as number;
  const hOut = oneIfNotZero(pH & mask) - oneIfNotZero(mH & mask);
  pH <<= 1;
  mH <<= 1;
  mH |= hInIsNegative;
  pH |= oneIfNotZero(hIn) - hInIsNegative;
  pV = mH | ~(xV | pH);
  mV = pH & xV;
  ctx.P[b] = pV;
  ctx.M[b] = mV;
  return hOut;
}

/**
 * Ends and error counts of the lowest-error matches of `pattern` in `text` (at most `maxErrors` errors), by the
 * block-based algorithm (Myers 1999, fig. 9). Charges `budget` per block step and stops once it is spent.
 */
function findMatchEnds(text: string, pattern: string, maxErrorsIn: number, budget: WorkBudget): MatchEnd[] {
  if (pattern.length === 0 || budget.isExhausted) return [];
  const setup = pattern.length + 256;
  if (budget.spent + setup > budget.limit) {
    budget.isExhausted = true;
    return [];
  }
  let maxErrors = Math.min(maxErrorsIn, pattern.length);
  const matches: MatchEnd[] = [];
  const bMax = Math.ceil(pattern.length / WORD) - 1;
  const ctx: BlockState = { P: new Uint32Array(bMax + 1), M: new Uint32Array(bMax + 1), lastRowMask: new Uint32Array(bMax + 1) };
  ctx.lastRowMask.fill(1 << 31);
  ctx.lastRowMask[bMax] = 1 << (pattern.length - 1) % WORD;
  const emptyPeq = new Uint32Array(bMax + 1);
  const peq = new Map<number, Uint32Array>();
  const asciiPeq: Uint32Array[] = Array.from({ length: 256 }, () => emptyPeq);
  for (let idx = 0; idx < pattern.length; idx += 1) {
    const val = pattern.charCodeAt(idx);
    let charPeq = peq.get(val);
    if (!charPeq) {
      charPeq = new Uint32Array(bMax + 1);
      peq.set(val, charPeq);
      if (val < asciiPeq.length) asciiPeq[val] = charPeq;
    }
    const b = Math.floor(idx / WORD);
    charPeq[b] = (charPeq[b] as number) | (1 << idx % WORD);
  }
  let y = Math.max(0, Math.ceil(maxErrors / WORD) - 1);
  const score = new Uint32Array(bMax + 1);
  for (let b = 0; b <= y; b += 1) score[b] = (b + 1) * WORD;
  score[bMax] = pattern.length;
  for (let b = 0; b <= y; b += 1) {
    ctx.P[b] = ~0;
    ctx.M[b] = 0;
  }
  let spent = budget.spent + setup;
  const limit = budget.limit;
  for (let j = 0; j < text.length; j += 1) {
    if (spent + y + 3 > limit) {
      budget.isExhausted = true;
      break;
    }
    spent += y + 2;
    const charCode = text.charCodeAt(j);
    const charPeq = charCode < asciiPeq.length ? (asciiPeq[charCode] as Uint32Array) : (peq.get(charCode) ?? emptyPeq);
    let carry = 0;
    for (let b = 0; b <= y; b += 1) {
      carry = advanceBlock(ctx, charPeq, b, carry);
      score[b] = (score[b] as number) + carry;
    }
    if ((score[y] as number) - carry <= maxErrors && y < bMax && (((charPeq[y + 1] as number) & 1) !== 0 || carry < 0)) {
      y += 1;
      spent += 1;
      ctx.P[y] = ~0;
      ctx.M[y] = 0;
      const remainder = pattern.length % WORD;
      const maxBlockScore = y === bMax && remainder !== 0 ? remainder : WORD;
      score[y] = (score[y - 1] as number) + maxBlockScore - carry + advanceBlock(ctx, charPeq, y, carry);
    } else {
      while (y > 0 && (score[y] as number) >= maxErrors + WORD) y -= 1;
    }
    if (y === bMax && (score[y] as number) <= maxErrors) {
      if ((score[y] as number) < maxErrors) matches.length = 0;
      matches.push({ end: j + 1, errors: score[y] as number });
      // only the lowest error count is reported, so later matches need be no worse than this one
      maxErrors = score[y] as number;
    }
  }
  budget.spent = spent;
  return matches;
}

/** The error count of the best match of `pattern` in `text` within `maxErrors`, or undefined (none, or no budget). */
export function bestErrors(text: string, pattern: string, maxErrors: number, budget: WorkBudget): number | undefined {
  const ends = findMatchEnds(text, pattern, maxErrors, budget);
  return ends.at(-1)?.errors;
}

/**
 * The lowest-error approximate matches of `pattern` in `text`, each with its start (the longest match ending
 * there), in text order. At most `maxStarts` matches are returned, the first ones: finding a start costs as much
 * as searching the pattern's length of text again.
 */
export function approxSearch(
  text: string,
  pattern: string,
  maxErrors: number,
  budget: WorkBudget,
  maxStarts = Number.POSITIVE_INFINITY,
  near?: number,
): ApproxMatch[] {
  const found = findMatchEnds(text, pattern, maxErrors, budget);
  // Past maxStarts, the starts worth finding are those of the ends nearest `near` (where a match would begin).
  const ends =
    near === undefined || found.length <= maxStarts
      ? found
      : found.map((m, i) => ({ m, i, d: Math.abs(m.end - pattern.length - near) })).sort((a, b) => a.d - b.d || a.i - b.i).map(({ m }) => m);
  const patternReversed = reverse(pattern);
  const matches: ApproxMatch[] = [];
  for (const m of ends) {
    if (matches.length >= maxStarts || budget.isExhausted) break;
    const minStart = Math.max(0, m.end - pattern.length - m.errors);
    const textReversed = reverse(text.slice(minStart, m.end));
    let start = m.end;
    for (const r of findMatchEnds(textReversed, patternReversed, m.errors, budget)) start = Math.min(start, m.end - r.end);
    matches.push({ start, end: m.end, errors: m.errors });
  }
  return matches;
}
