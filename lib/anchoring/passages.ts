// Which passages of a version a range touches, by binary search over their sorted ranges.

/**
 * The passages (sorted, non-overlapping half-open {start, end} ranges) that text[start, end) overlaps, in order.
 * A passage overlaps when they share at least one character, so an empty range overlaps nothing.
 * Throws RangeError when start > end or either is not a number.
 */
export function overlappingPassages<P extends { start: number; end: number }>(passages: readonly P[], start: number, end: number): P[] {
  if (Number.isNaN(start) || Number.isNaN(end) || start > end) throw new RangeError(`range ${start}..${end} is not a range`);
  if (start === end) return [];
  // First passage ending after `start`.
  let lo = 0;
  let hi = passages.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((passages[mid] as P).end <= start) lo = mid + 1;
    else hi = mid;
  }
  const out: P[] = [];
  for (let i = lo; i < passages.length; i++) {
    const passage = passages[i] as P;
    if (passage.start >= end) break;
    if (passage.end > passage.start) out.push(passage);
  }
  return out;
}
