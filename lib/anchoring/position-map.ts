// A cheap diff of two versions' passages (the text cut at "\n\n"): unchanged passages kept in order or moved,
// edited ones paired with their new form. It maps old offsets to new ones and tells which new text is unchanged
// text that was somewhere else in the old version.

const SEPARATOR = '\n\n';
/** Below this share of common words an unmatched old passage is not treated as an edited copy of a new one. */
const MIN_EDIT_SIMILARITY = 0.5;
/** Gaps larger than this (old passages × new passages) are not searched for edited pairs. */
const MAX_PAIRING_WORK = 10_000;
/** Ranges larger than this (cells) get no quadratic LCS when they have no unique passage to anchor on. */
const MAX_DP_CELLS = 250_000;

type Chunk = { start: number; end: number; text: string };

/** The text cut at "\n\n", with each piece's range. */
export function splitPassages(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  for (;;) {
    const at = text.indexOf(SEPARATOR, start);
    const end = at === -1 ? text.length : at;
    chunks.push({ start, end, text: text.slice(start, end) });
    if (at === -1) return chunks;
    start = at + SEPARATOR.length;
  }
}

/** Indexes (into `items`, sorted by `a`) of a longest run whose `b` values increase. */
function longestIncreasing(items: ReadonlyArray<{ a: number; b: number }>): number[] {
  const tails: number[] = [];
  const previous = new Int32Array(items.length).fill(-1);
  items.forEach((item, i) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((items[tails[mid] as number] as { b: number }).b < item.b) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[i] = tails[lo - 1] as number;
    tails[lo] = i;
  });
  const out: number[] = [];
  for (let i = tails.at(-1) ?? -1; i !== -1; i = previous[i] as number) out.push(i);
  return out.reverse();
}

/**
 * Pairs [i, j] with a[i] === b[j], increasing in both, forming a common subsequence: patience diff (common ends
 * trimmed, then elements unique in both sides as anchors, recursively), with a quadratic LCS for small ranges
 * that have no unique element.
 */
export function commonSubsequence(a: readonly number[], b: readonly number[]): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  const solve = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) pairs.push([aLo++, bLo++]);
    const tail: Array<[number, number]> = [];
    while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) tail.push([--aHi, --bHi]);
    if (aLo < aHi && bLo < bHi) {
      const seen = new Map<number, { inA: number; a: number; inB: number; b: number }>();
      for (let i = aLo; i < aHi; i++) {
        const entry = seen.get(a[i] as number);
        if (entry) entry.inA += 1;
        else seen.set(a[i] as number, { inA: 1, a: i, inB: 0, b: -1 });
      }
      for (let j = bLo; j < bHi; j++) {
        const entry = seen.get(b[j] as number);
        if (entry) {
          entry.inB += 1;
          entry.b = j;
        }
      }
      const unique = [...seen.values()].filter((e) => e.inA === 1 && e.inB === 1).sort((x, y) => x.a - y.a);
      if (unique.length > 0) {
        let pa = aLo;
        let pb = bLo;
        for (const index of longestIncreasing(unique)) {
          const anchor = unique[index] as { a: number; b: number };
          solve(pa, anchor.a, pb, anchor.b);
          pairs.push([anchor.a, anchor.b]);
          pa = anchor.a + 1;
          pb = anchor.b + 1;
        }
        solve(pa, aHi, pb, bHi);
      } else if ((aHi - aLo) * (bHi - bLo) <= MAX_DP_CELLS) {
        quadratic(aLo, aHi, bLo, bHi);
      }
    }
    pairs.push(...tail.reverse());
  };
  const quadratic = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    const width = bHi - bLo + 1;
    // lengths[(i - aLo) * width + (j - bLo)] = LCS length of a[i..aHi) and b[j..bHi)
    const lengths = new Uint32Array((aHi - aLo + 1) * width);
    for (let i = aHi - 1; i >= aLo; i--) {
      for (let j = bHi - 1; j >= bLo; j--) {
        const at = (i - aLo) * width + (j - bLo);
        lengths[at] = a[i] === b[j] ? (lengths[at + width + 1] as number) + 1 : Math.max(lengths[at + width] as number, lengths[at + 1] as number);
      }
    }
    let i = aLo;
    let j = bLo;
    while (i < aHi && j < bHi) {
      const at = (i - aLo) * width + (j - bLo);
      if (a[i] === b[j]) pairs.push([i++, j++]);
      else if ((lengths[at + width] as number) >= (lengths[at + 1] as number)) i++;
      else j++;
    }
  };
  solve(0, a.length, 0, b.length);
  return pairs;
}

function commonEnds(x: string, y: string): { prefix: number; suffix: number } {
  const limit = Math.min(x.length, y.length);
  let prefix = 0;
  while (prefix < limit && x.charCodeAt(prefix) === y.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < limit - prefix && x.charCodeAt(x.length - 1 - suffix) === y.charCodeAt(y.length - 1 - suffix)) suffix++;
  return { prefix, suffix };
}

/** Where a stretch of new text comes from, as seen from one old range (an annotation). */
export type Provenance =
  /** it touches text unchanged from an old passage outside the old range: that text was already elsewhere */
  | 'foreign'
  /** it touches text unchanged from the old range's own passages (in place, moved, or around an edit), none foreign */
  | 'own'
  /** new or edited text: the diff cannot tell */
  | 'unknown';

export type PassageDiff = {
  /**
   * The new offset for an old one. Inside a passage found unchanged in the new text (in place or moved) it
   * follows the passage exactly; inside an edited passage it follows the common beginning or end and is
   * interpolated in the changed middle; inside a passage with no counterpart it is placed proportionally
   * between the nearest unchanged passages around it.
   */
  toNew: (oldOffset: number) => number;
  /** Where new text [newStart, newEnd) comes from, relative to old text [oldStart, oldEnd). */
  provenance: (oldStart: number, oldEnd: number, newStart: number, newEnd: number) => Provenance;
  /** The parts of new text [from, to) that are not foreign to old text [oldStart, oldEnd), in order. */
  searchable: (oldStart: number, oldEnd: number, from: number, to: number) => Array<[number, number]>;
};

const overlaps = (range: { start: number; end: number }, start: number, end: number) =>
  range.start < range.end && range.start < end && start < range.end;

/** Index of the last item starting at or before `offset` (items sorted by start), or -1. */
function lastStartingAtOrBefore(items: ReadonlyArray<{ start: number }>, offset: number): number {
  let lo = -1;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((items[mid] as { start: number }).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const wordsOf = (text: string) => text.split(/\s+/u).filter(Boolean);

/** Shared words (as a multiset) over the larger word count: robust to typos and whitespace, unlike common ends. */
function wordSimilarity(xs: readonly string[], ys: readonly string[]): number {
  if (xs.length === 0 || ys.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const word of xs) counts.set(word, (counts.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of ys) {
    const count = counts.get(word) ?? 0;
    if (count > 0) {
      shared += 1;
      counts.set(word, count - 1);
    }
  }
  return shared / Math.max(xs.length, ys.length);
}

/**
 * Pairs of (old, new) passage indexes, in order in both, with similarity >= MIN_EDIT_SIMILARITY and the largest
 * total similarity: an edited passage is paired with its own new form even when a neighbour is closer to it.
 */
function alignBySimilarity(olds: readonly number[], news: readonly number[], similarityOf: (i: number, j: number) => number): Array<[number, number]> {
  const width = news.length + 1;
  const similarity = new Float64Array(olds.length * news.length);
  const total = new Float64Array((olds.length + 1) * width);
  for (let a = olds.length - 1; a >= 0; a--) {
    for (let b = news.length - 1; b >= 0; b--) {
      const s = similarityOf(olds[a] as number, news[b] as number);
      similarity[a * news.length + b] = s;
      const skip = Math.max(total[(a + 1) * width + b] as number, total[a * width + b + 1] as number);
      total[a * width + b] = s >= MIN_EDIT_SIMILARITY ? Math.max(skip, s + (total[(a + 1) * width + b + 1] as number)) : skip;
    }
  }
  const pairs: Array<[number, number]> = [];
  let a = 0;
  let b = 0;
  while (a < olds.length && b < news.length) {
    const here = total[a * width + b] as number;
    const s = similarity[a * news.length + b] as number;
    if (s >= MIN_EDIT_SIMILARITY && here === s + (total[(a + 1) * width + b + 1] as number)) pairs.push([olds[a++] as number, news[b++] as number]);
    else if (here === total[(a + 1) * width + b]) a++;
    else b++;
  }
  return pairs;
}

type Target =
  | { kind: 'same'; start: number }
  | { kind: 'edited'; chunk: Chunk; prefix: number; suffix: number }
  | { kind: 'gap'; oldFrom: number; oldTo: number; newFrom: number; newTo: number };

/** A stretch of new text identical to the same stretch of an old passage (`source` is its index). */
type Region = { start: number; end: number; source: number };

export function diffPassages(oldText: string, newText: string): PassageDiff {
  const olds = splitPassages(oldText);
  const news = splitPassages(newText);
  const ids = new Map<string, number>();
  const intern = (chunk: Chunk) => {
    let id = ids.get(chunk.text);
    if (id === undefined) ids.set(chunk.text, (id = ids.size));
    return id;
  };
  const oldIds = olds.map(intern);
  const newIds = news.map(intern);
  const lcs = oldText === newText ? olds.map((_, i): [number, number] => [i, i]) : commonSubsequence(oldIds, newIds);

  const targets = new Array<Target | undefined>(olds.length);
  const isNewTaken = new Uint8Array(news.length);
  const regions: Region[] = [];
  const same = (i: number, j: number) => {
    const chunk = news[j] as Chunk;
    targets[i] = { kind: 'same', start: chunk.start };
    isNewTaken[j] = 1;
    regions.push({ start: chunk.start, end: chunk.end, source: i });
  };
  for (const [i, j] of lcs) same(i, j);

  /** How far apart old passage i and new passage j are, as fractions of their texts' lengths. */
  const relativeDistance = (i: number, j: number) =>
    Math.abs((news[j] as Chunk).start / Math.max(1, newText.length) - (olds[i] as Chunk).start / Math.max(1, oldText.length));

  // Moved passages: an old passage left over whose exact text is a new passage left over.
  const leftover = new Map<number, number[]>();
  news.forEach((chunk, j) => {
    if (isNewTaken[j] || chunk.text.length === 0) return;
    const list = leftover.get(newIds[j] as number) ?? [];
    list.push(j);
    leftover.set(newIds[j] as number, list);
  });
  olds.forEach((_, i) => {
    if (targets[i]) return;
    // Of several copies, the one whose relative place in the text is nearest the old passage's.
    const list = leftover.get(oldIds[i] as number);
    if (!list || list.length === 0) return;
    const k = list.reduce((best, j, at) => (relativeDistance(i, j) < relativeDistance(i, list[best] as number) ? at : best), 0);
    same(i, list.splice(k, 1)[0] as number);
  });

  // Edited passages: a passage left over in each version, mostly the same words. Looked for first in the same gap
  // between passages unchanged in order (keeping order), then anywhere (a passage both moved and edited).
  const words = new Map<Chunk, string[]>();
  const wordsOfChunk = (chunk: Chunk): string[] => {
    let list = words.get(chunk);
    if (!list) words.set(chunk, (list = wordsOf(chunk.text)));
    return list;
  };
  const pair = (i: number, j: number) => {
    const old = olds[i] as Chunk;
    const chunk = news[j] as Chunk;
    const ends = commonEnds(old.text, chunk.text);
    targets[i] = { kind: 'edited', chunk, ...ends };
    isNewTaken[j] = 1;
    regions.push({ start: chunk.start, end: chunk.start + ends.prefix, source: i }, { start: chunk.end - ends.suffix, end: chunk.end, source: i });
  };
  const similarityOf = (i: number, j: number) => wordSimilarity(wordsOfChunk(olds[i] as Chunk), wordsOfChunk(news[j] as Chunk));
  const bounds: Array<[number, number]> = [[-1, -1], ...lcs, [olds.length, news.length]];
  const gaps: Array<{ oldFrom: number; oldTo: number; newFrom: number; newTo: number; olds: number[] }> = [];
  for (let g = 1; g < bounds.length; g++) {
    const [aBefore, bBefore] = bounds[g - 1] as [number, number];
    const [aAfter, bAfter] = bounds[g] as [number, number];
    if (aAfter - aBefore <= 1) continue;
    const gap = {
      oldFrom: aBefore < 0 ? 0 : (olds[aBefore] as Chunk).end,
      oldTo: aAfter >= olds.length ? oldText.length : (olds[aAfter] as Chunk).start,
      newFrom: bBefore < 0 ? 0 : (news[bBefore] as Chunk).end,
      newTo: bAfter >= news.length ? newText.length : (news[bAfter] as Chunk).start,
      olds: [] as number[],
    };
    for (let i = aBefore + 1; i < aAfter; i++) if (!targets[i]) gap.olds.push(i);
    gaps.push(gap);
    const newGap: number[] = [];
    for (let j = bBefore + 1; j < bAfter; j++) if (!isNewTaken[j]) newGap.push(j);
    if (gap.olds.length * newGap.length > MAX_PAIRING_WORK) continue;
    for (const [i, j] of alignBySimilarity(gap.olds, newGap, similarityOf)) pair(i, j);
  }
  const unpairedOld = olds.map((_, i) => i).filter((i) => !targets[i]);
  const unpairedNew = news.map((_, j) => j).filter((j) => !isNewTaken[j]);
  if (unpairedOld.length * unpairedNew.length <= MAX_PAIRING_WORK) {
    // Most similar pairs first (of equals, the nearest in place), so a passage is not taken by a look-alike.
    const candidates: Array<{ i: number; j: number; similarity: number; distance: number }> = [];
    for (const i of unpairedOld) {
      for (const j of unpairedNew) {
        const similarity = similarityOf(i, j);
        if (similarity >= MIN_EDIT_SIMILARITY) candidates.push({ i, j, similarity, distance: relativeDistance(i, j) });
      }
    }
    candidates.sort((x, y) => y.similarity - x.similarity || x.distance - y.distance);
    for (const { i, j } of candidates) if (!targets[i] && !isNewTaken[j]) pair(i, j);
  }
  for (const gap of gaps) {
    for (const i of gap.olds) targets[i] ??= { kind: 'gap', ...gap };
  }
  const sortedRegions = regions.filter((r) => r.end > r.start).sort((x, y) => x.start - y.start);

  const clampNew = (offset: number) => Math.min(Math.max(0, Math.round(offset)), newText.length);
  const toNew = (offset: number): number => {
    offset = Math.min(Math.max(0, offset), oldText.length);
    const index = Math.max(0, lastStartingAtOrBefore(olds, offset));
    const chunk = olds[index] as Chunk;
    const length = chunk.end - chunk.start;
    const within = offset - chunk.start;
    if (within > length) return clampNew(toNew(chunk.end) + (within - length)); // inside the separator after it
    const target = targets[index] as Target;
    switch (target.kind) {
      case 'same':
        return clampNew(target.start + within);
      case 'edited': {
        const newLength = target.chunk.end - target.chunk.start;
        if (within <= target.prefix) return clampNew(target.chunk.start + within);
        if (length - within <= target.suffix) return clampNew(target.chunk.end - (length - within));
        const ratio = (newLength - target.prefix - target.suffix) / (length - target.prefix - target.suffix);
        return clampNew(target.chunk.start + target.prefix + (within - target.prefix) * ratio);
      }
      case 'gap': {
        const ratio = target.oldTo > target.oldFrom ? (target.newTo - target.newFrom) / (target.oldTo - target.oldFrom) : 0;
        return clampNew(target.newFrom + (offset - target.oldFrom) * ratio);
      }
    }
  };

  const provenance = (oldStart: number, oldEnd: number, newStart: number, newEnd: number): Provenance => {
    let result: Provenance = 'unknown';
    // Regions are disjoint, so only the one starting at or before newStart and those after can overlap.
    for (let r = Math.max(0, lastStartingAtOrBefore(sortedRegions, newStart)); r < sortedRegions.length; r++) {
      const region = sortedRegions[r] as Region;
      if (region.start >= newEnd) break;
      if (!overlaps(region, newStart, newEnd)) continue;
      if (!overlaps(olds[region.source] as Chunk, oldStart, oldEnd)) return 'foreign';
      result = 'own';
    }
    return result;
  };

  const searchable = (oldStart: number, oldEnd: number, from: number, to: number): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    let cursor = from;
    for (let r = Math.max(0, lastStartingAtOrBefore(sortedRegions, from)); r < sortedRegions.length; r++) {
      const region = sortedRegions[r] as Region;
      if (region.start >= to) break;
      if (region.end <= cursor || overlaps(olds[region.source] as Chunk, oldStart, oldEnd)) continue;
      if (region.start > cursor) out.push([cursor, region.start]);
      cursor = region.end;
    }
    if (cursor < to) out.push([cursor, to]);
    return out;
  };
  return { toNew, provenance, searchable };
}
