// Sequence alignment for merging repeated renderings: Myers' O((N+M)·D) diff in linear space on interned
// tokens, then a semantic cleanup that dissolves short coincidental matches between unrelated passages.

/** A maximal run of the alignment: equal tokens, or a change where `aLength` tokens of A face `bLength` of B. */
export type AlignmentSegment =
  | { type: 'equal'; aStart: number; bStart: number; length: number }
  | { type: 'change'; aStart: number; aLength: number; bStart: number; bLength: number };

type Match = { a: number; b: number; length: number };

/** Above this many tokens in all, the sequences are first cut at anchors (tokens unique in both). */
const anchorThreshold = 4000;

/**
 * Common-subsequence matches of `a` and `b`, in order, as diagonal runs: a longest one for short inputs; for long
 * ones, Myers between anchors, which are tokens occurring once in each sequence and in the same order (as in
 * patience diff), so the cost stays near linear when the copies differ a lot.
 */
export function matchRuns(a: Int32Array, b: Int32Array): Match[] {
  const max = a.length + b.length + 2;
  const forward = new Int32Array(2 * max + 2);
  const backward = new Int32Array(2 * max + 2);
  const out: Match[] = [];
  const push = (x: number, y: number, length: number) => {
    if (length <= 0) return;
    const last = out.at(-1);
    if (last && last.a + last.length === x && last.b + last.length === y) last.length += length;
    else out.push({ a: x, b: y, length });
  };

  const solve = (aLo: number, aHi: number, bLo: number, bHi: number): void => {
    // Common prefix and suffix are matches whatever the rest is.
    let prefix = 0;
    while (aLo + prefix < aHi && bLo + prefix < bHi && a[aLo + prefix] === b[bLo + prefix]) prefix++;
    push(aLo, bLo, prefix);
    aLo += prefix;
    bLo += prefix;
    let suffix = 0;
    while (aHi - suffix > aLo && bHi - suffix > bLo && a[aHi - suffix - 1] === b[bHi - suffix - 1]) suffix++;
    const suffixA = aHi - suffix;
    const suffixB = bHi - suffix;
    if (aLo < suffixA && bLo < suffixB) {
      const snake = middleSnake(a, aLo, suffixA, b, bLo, suffixB, forward, backward);
      solve(aLo, snake.x, bLo, snake.y);
      push(snake.x, snake.y, snake.u - snake.x);
      solve(snake.u, suffixA, snake.v, suffixB);
    }
    push(suffixA, suffixB, suffix);
  };

  if (a.length + b.length <= anchorThreshold) {
    solve(0, a.length, 0, b.length);
    return out;
  }
  let x = 0;
  let y = 0;
  for (const [i, j] of uniqueAnchors(a, b)) {
    if (i < x || j < y) continue;
    solve(x, i, y, j);
    push(i, j, 1);
    x = i + 1;
    y = j + 1;
  }
  solve(x, a.length, y, b.length);
  return out;
}

/** Pairs (i, j) with a[i] = b[j] occurring exactly once in each, longest increasing run of them by j. */
function uniqueAnchors(a: Int32Array, b: Int32Array): [number, number][] {
  const countIn = (seq: Int32Array) => {
    const counts = new Map<number, number>();
    for (const v of seq) counts.set(v, (counts.get(v) ?? 0) + 1);
    return counts;
  };
  const countA = countIn(a);
  const countB = countIn(b);
  const positionInB = new Map<number, number>();
  b.forEach((v, j) => {
    if (countB.get(v) === 1 && countA.get(v) === 1) positionInB.set(v, j);
  });
  const pairs: [number, number][] = [];
  a.forEach((v, i) => {
    const j = positionInB.get(v);
    if (j !== undefined) pairs.push([i, j]);
  });
  // Longest increasing subsequence of j (patience sorting), pairs already ordered by i.
  const tails: number[] = [];
  const previous = new Int32Array(pairs.length).fill(-1);
  pairs.forEach(([, j], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((pairs[tails[mid] as number] as [number, number])[1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1] as number;
    tails[lo] = k;
  });
  const chain: [number, number][] = [];
  for (let k = tails.at(-1) ?? -1; k !== -1; k = previous[k] as number) chain.push(pairs[k] as [number, number]);
  return chain.reverse();
}

/**
 * The middle snake of the shortest edit script between a[aLo,aHi) and b[bLo,bHi) (both non-empty, differing at
 * both ends): returns its start (x, y) and end (u, v) in absolute coordinates.
 */
function middleSnake(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
  vf: Int32Array,
  vb: Int32Array,
): { x: number; y: number; u: number; v: number } {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const delta = n - m;
  const odd = (delta & 1) !== 0;
  const offset = Math.ceil((n + m) / 2) + 1;
  const limit = offset;
  vf[offset + 1] = 0;
  vb[offset + 1] = 0;
  for (let d = 0; d <= limit; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (vf[offset + k - 1] as number) < (vf[offset + k + 1] as number))
          ? (vf[offset + k + 1] as number)
          : (vf[offset + k - 1] as number) + 1;
      let y = x - k;
      const x0 = x;
      const y0 = y;
      while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
        x++;
        y++;
      }
      vf[offset + k] = x;
      const kr = delta - k;
      if (odd && kr >= -(d - 1) && kr <= d - 1 && x + (vb[offset + kr] as number) >= n) {
        return { x: aLo + x0, y: bLo + y0, u: aLo + x, v: bLo + y };
      }
    }
    for (let k = -d; k <= d; k += 2) {
      // Backward search in reversed coordinates: xr counts tokens from the end of a.
      let xr =
        k === -d || (k !== d && (vb[offset + k - 1] as number) < (vb[offset + k + 1] as number))
          ? (vb[offset + k + 1] as number)
          : (vb[offset + k - 1] as number) + 1;
      let yr = xr - k;
      const xr0 = xr;
      const yr0 = yr;
      while (xr < n && yr < m && a[aHi - 1 - xr] === b[bHi - 1 - yr]) {
        xr++;
        yr++;
      }
      vb[offset + k] = xr;
      const kf = delta - k;
      if (!odd && kf >= -d && kf <= d && xr + (vf[offset + kf] as number) >= n) {
        return { x: aHi - xr, y: bHi - yr, u: aHi - xr0, v: bHi - yr0 };
      }
    }
  }
  // Unreachable for non-empty inputs; fall back to "no common run".
  return { x: aLo, y: bLo, u: aLo, v: bLo };
}

export type CleanupOptions = {
  /** equal runs longer than this are never coincidences */
  maxCoincidence: number;
  /** equal runs that are structural anchors (say, a whole paragraph in both sequences) are kept */
  isAnchor?: (segment: { aStart: number; bStart: number; length: number }) => boolean;
};

/** Alternating equal/change segments covering both sequences. */
export function alignSequences(a: Int32Array, b: Int32Array, options: CleanupOptions = { maxCoincidence: 4 }): AlignmentSegment[] {
  return cleanupSemantic(toSegments(matchRuns(a, b), a.length, b.length), options);
}

function toSegments(matches: Match[], aLength: number, bLength: number): AlignmentSegment[] {
  const segments: AlignmentSegment[] = [];
  let x = 0;
  let y = 0;
  for (const match of matches) {
    if (match.a > x || match.b > y) segments.push({ type: 'change', aStart: x, aLength: match.a - x, bStart: y, bLength: match.b - y });
    segments.push({ type: 'equal', aStart: match.a, bStart: match.b, length: match.length });
    x = match.a + match.length;
    y = match.b + match.length;
  }
  if (x < aLength || y < bLength) segments.push({ type: 'change', aStart: x, aLength: aLength - x, bStart: y, bLength: bLength - y });
  return segments;
}

/**
 * Dissolves a short equal run into the changes around it when it is no longer than the larger side of the
 * change before it and of the change after it (the rule of diff-match-patch's semantic cleanup): "the", "of a"
 * matched between two unrelated paragraphs are coincidences, not alignment.
 */
function cleanupSemantic(input: AlignmentSegment[], options: CleanupOptions): AlignmentSegment[] {
  let segments = input;
  for (let changed = true; changed; ) {
    changed = false;
    const out: AlignmentSegment[] = [];
    for (let i = 0; i < segments.length; i++) {
      const equal = segments[i] as AlignmentSegment;
      const before = out.at(-1);
      const after = segments[i + 1];
      const dissolve =
        equal.type === 'equal' &&
        before?.type === 'change' &&
        after?.type === 'change' &&
        equal.length <= options.maxCoincidence &&
        !options.isAnchor?.(equal) &&
        equal.length <= Math.max(before.aLength, before.bLength) &&
        equal.length <= Math.max(after.aLength, after.bLength);
      if (!dissolve || before?.type !== 'change' || after?.type !== 'change' || equal.type !== 'equal') {
        out.push(equal);
        continue;
      }
      out[out.length - 1] = {
        type: 'change',
        aStart: before.aStart,
        aLength: before.aLength + equal.length + after.aLength,
        bStart: before.bStart,
        bLength: before.bLength + equal.length + after.bLength,
      };
      i++;
      changed = true;
    }
    segments = out;
  }
  return segments;
}
