// Scrapes often hold a page twice (a reader view and the page itself), neither copy complete. This module finds
// where a long run of the document starts repeating and merges the copies word by word, so every paragraph
// either copy has appears once, in order. Repeated single lines (a quotation in a comment) are not copies.
import { alignSequences, type AlignmentSegment } from './diff';
import { isBreak, isStrong, PARA, SOFT, SPACE, HARD, sliceStream, type BlockMeta, type Separator, type TokenStream } from './token-stream';
import { lowerBound } from '../sorted';

const shingleSize = 6;
/** Window (in words) in which most shingles must repeat earlier text for a copy to start there. */
const densityWindow = 40;
const densityThreshold = 0.6;
/** Share of each copy's shingles that the other copy must contain. */
const coverageThreshold = 0.4;
const minimumCopyWords = 20;
/** Shared runs of at most this many words between differing passages may be coincidences ("of the"). */
const maxCoincidence = 4;
/** Longest differing wording (in words) inside a paragraph for which one copy's version is chosen. */
const maxInlineVariant = 12;

/** Start offsets (token indices) of each rendering of the document; [0] when it appears once. */
export function findRenderings(stream: TokenStream): number[] {
  const starts = [0];
  let from = 0;
  for (;;) {
    const next = findNextRendering(stream, from);
    if (next === null) break;
    starts.push(next);
    from = next;
  }
  return starts;
}

function shingleKeys(tokens: readonly string[], start: number, end: number): string[] {
  const keys: string[] = [];
  for (let i = start; i + shingleSize <= end; i++) keys.push(tokens.slice(i, i + shingleSize).join('\u0001'));
  return keys;
}

/** The start of a second rendering within stream[from..], or null. */
function findNextRendering(stream: TokenStream, from: number): number | null {
  const end = stream.tokens.length;
  const keys = shingleKeys(stream.tokens, from, end);
  if (keys.length < 2 * minimumCopyWords) return null;
  // For each shingle: where its text first and last occurs (indices into keys).
  const firstSeen = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  keys.forEach((key, i) => {
    if (!firstSeen.has(key)) firstSeen.set(key, i);
    lastSeen.set(key, i);
  });
  const first = Int32Array.from(keys, (key) => firstSeen.get(key) as number);
  const last = Int32Array.from(keys, (key) => lastSeen.get(key) as number);
  const repeats = Uint8Array.from(keys, (_, i) => ((first[i] as number) + shingleSize <= i ? 1 : 0));
  const prefix = new Int32Array(keys.length + 1);
  for (let i = 0; i < keys.length; i++) prefix[i + 1] = (prefix[i] as number) + (repeats[i] as number);

  // Both copies must mostly consist of text the other one has, and the second in the first one's order.
  const isCopySplit = (split: number): boolean => {
    if (split < minimumCopyWords || keys.length - split < minimumCopyWords) return false;
    const positions: number[] = [];
    for (let i = split; i < keys.length; i++) if ((first[i] as number) < split) positions.push(first[i] as number);
    const secondInFirst = increasingRunLength(positions);
    let firstInSecond = 0;
    for (let i = 0; i < split; i++) if ((last[i] as number) >= split) firstInSecond++;
    // Measured against the shorter side: what follows the split may hold further copies.
    return secondInFirst / Math.min(split, keys.length - split) >= coverageThreshold && firstInSecond / split >= coverageThreshold;
  };

  for (let i = 0; i < keys.length; i++) {
    if (!repeats[i]) continue;
    const windowEnd = Math.min(keys.length, i + densityWindow);
    const density = ((prefix[windowEnd] as number) - (prefix[i] as number)) / densityWindow;
    if (density < densityThreshold) continue;
    let start = from + i;
    while (start > from && !stream.lineStart[start]) start--;
    if (start > from && isCopySplit(start - from)) return start;
    // Not a copy (a long quotation, say): skip past this dense run.
    while (i + 1 < keys.length && repeats[i + 1]) i++;
  }
  return null;
}

/** Length of a longest strictly increasing subsequence (patience sorting). */
function increasingRunLength(values: number[]): number {
  const tails: number[] = [];
  for (const value of values) tails[lowerBound(tails, value)] = value;
  return tails.length;
}

type Origin = { a?: number; b?: number };

/**
 * Merges two renderings. Words both copies share are aligned; words only one copy has are kept in place; where
 * both copies have different paragraphs at the same point, the second copy's come first, then the first's;
 * where they word a few words of one paragraph differently, the longer wording wins. Paragraph breaks: a certain signal
 * (a space within a line, a blank line) beats a guessed one; between two certain ones the space wins, since a
 * rendering that splits a sentence across lines is more common than one that glues two paragraphs.
 */
export function mergeRenderings(a: TokenStream, b: TokenStream): TokenStream {
  const ids = new Map<string, number>();
  const intern = (tokens: string[]) =>
    Int32Array.from(tokens, (t) => {
      let id = ids.get(t);
      if (id === undefined) {
        id = ids.size;
        ids.set(t, id);
      }
      return id;
    });
  const breakBefore = (stream: TokenStream, start: number) => start === 0 || isBreak(stream.seps[start - 1] ?? PARA);
  const breakAfter = (stream: TokenStream, start: number, length: number) => isBreak(stream.seps[start + length - 1] ?? PARA);
  const idsA = intern(a.tokens);
  const idsB = intern(b.tokens);
  const aligned = alignSequences(idsA, idsB, {
    maxCoincidence: maxCoincidence,
    // A short paragraph both copies have ("TLDR") is an anchor, not a coincidence.
    isAnchor: ({ aStart, bStart, length }) =>
      breakBefore(a, aStart) && breakAfter(a, aStart, length) && breakBefore(b, bStart) && breakAfter(b, bStart, length),
  });
  const segments = slideToParagraphBounds(aligned, a, b, idsA, idsB);

  const origins: Origin[] = [];
  const pushA = (start: number, length: number) => {
    for (let i = 0; i < length; i++) origins.push({ a: start + i });
  };
  const pushB = (start: number, length: number) => {
    for (let i = 0; i < length; i++) origins.push({ b: start + i });
  };

  for (const segment of segments) {
    if (segment.type === 'equal') {
      for (let i = 0; i < segment.length; i++) origins.push({ a: segment.aStart + i, b: segment.bStart + i });
      continue;
    }
    const { aStart, aLength, bStart, bLength } = segment;
    if (aLength === 0) pushB(bStart, bLength);
    else if (bLength === 0) pushA(aStart, aLength);
    else {
      const wholeA = breakBefore(a, aStart) && breakAfter(a, aStart, aLength);
      const wholeB = breakBefore(b, bStart) && breakAfter(b, bStart, bLength);
      // A short difference inside a paragraph is one wording against another; anything longer is kept whole.
      if ((wholeA && wholeB) || Math.min(aLength, bLength) > maxInlineVariant) {
        pushB(bStart, bLength);
        pushA(aStart, aLength);
      } else {
        const chars = (stream: TokenStream, start: number, length: number) =>
          stream.tokens.slice(start, start + length).reduce((n, t) => n + t.length + 1, 0);
        if (chars(b, bStart, bLength) > chars(a, aStart, aLength)) pushB(bStart, bLength);
        else pushA(aStart, aLength);
      }
    }
  }

  const merged: TokenStream = { tokens: [], seps: [], lineStart: [], meta: [] };
  origins.forEach((origin, i) => {
    const next = origins[i + 1];
    const token = origin.a !== undefined ? a.tokens[origin.a] : b.tokens[origin.b as number];
    merged.tokens.push(token as string);
    merged.lineStart.push((origin.a !== undefined && !!a.lineStart[origin.a]) || (origin.b !== undefined && !!b.lineStart[origin.b]));
    const meta: BlockMeta | undefined = (origin.a !== undefined ? a.meta[origin.a] : undefined) ?? (origin.b !== undefined ? b.meta[origin.b] : undefined);
    merged.meta.push(meta);
    merged.seps.push(next ? separatorBetween(origin, next, a, b) : PARA);
  });
  return merged;
}

/**
 * A run only one copy has can often sit at several offsets ("…this. [This will be…] This is…"); moves it to
 * the offset where it starts and ends at paragraph breaks of its own copy, so it is inserted as whole paragraphs.
 */
function slideToParagraphBounds(
  input: AlignmentSegment[],
  a: TokenStream,
  b: TokenStream,
  idsA: Int32Array,
  idsB: Int32Array,
): AlignmentSegment[] {
  const segments = input.map((s) => ({ ...s }));
  for (let i = 1; i + 1 < segments.length; i++) {
    const before = segments[i - 1];
    const change = segments[i];
    const after = segments[i + 1];
    if (!before || !change || !after || before.type !== 'equal' || after.type !== 'equal' || change.type !== 'change') continue;
    const inA = change.bLength === 0;
    if (!inA && change.aLength !== 0) continue;
    const ids = inA ? idsA : idsB;
    const stream = inA ? a : b;
    const start = inA ? change.aStart : change.bStart;
    const length = inA ? change.aLength : change.bLength;
    const score = (s: number) =>
      (s === 0 || isBreak(stream.seps[s - 1] ?? PARA) ? 1 : 0) + (isBreak(stream.seps[s + length - 1] ?? PARA) ? 1 : 0);
    let best = 0;
    let bestScore = score(start);
    for (let shift = -1; shift >= -before.length && ids[start + shift] === ids[start + shift + length]; shift--) {
      if (score(start + shift) > bestScore) [best, bestScore] = [shift, score(start + shift)];
    }
    for (let shift = 1; shift <= after.length && ids[start + shift - 1] === ids[start + shift - 1 + length]; shift++) {
      if (score(start + shift) > bestScore) [best, bestScore] = [shift, score(start + shift)];
    }
    if (best === 0) continue;
    before.length += best;
    after.aStart += best;
    after.bStart += best;
    after.length -= best;
    if (inA) change.aStart += best;
    else change.bStart += best;
    change.aStart = inA ? change.aStart : before.aStart + before.length;
    change.bStart = inA ? before.bStart + before.length : change.bStart;
  }
  return segments.filter((s) => s.type !== 'equal' || s.length > 0);
}

function separatorBetween(here: Origin, next: Origin, a: TokenStream, b: TokenStream): Separator {
  const fromA = here.a !== undefined && next.a === here.a + 1 ? (a.seps[here.a] ?? PARA) : undefined;
  const fromB = here.b !== undefined && next.b === here.b + 1 ? (b.seps[here.b] ?? PARA) : undefined;
  if (fromA !== undefined && fromB !== undefined) return combine(fromA, fromB);
  if (fromA !== undefined) return fromA;
  if (fromB !== undefined) return fromB;
  // The seam between the two copies' different paragraphs.
  return PARA;
}

function combine(x: Separator, y: Separator): Separator {
  if (x === y) return x;
  if (isStrong(x) !== isStrong(y)) return isStrong(x) ? x : y;
  if (isStrong(x)) return SPACE;
  // Two guesses: keep the break (a heading one wrapping hid is worse than an extra paragraph).
  return isBreak(x) || isBreak(y) ? HARD : SOFT;
}

/** The document with every repeated rendering merged into one; `copies` is how many there were. */
export function mergeAllRenderings(stream: TokenStream): { stream: TokenStream; copies: number } {
  const starts = findRenderings(stream);
  if (starts.length === 1) return { stream, copies: 1 };
  let merged = sliceStream(stream, 0, starts[1] as number);
  for (let i = 1; i < starts.length; i++) {
    const copy = sliceStream(stream, starts[i] as number, starts[i + 1] ?? stream.tokens.length);
    merged = mergeRenderings(merged, copy);
  }
  return { stream: merged, copies: starts.length };
}
