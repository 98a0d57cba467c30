// Binary search over ascending arrays, shared where code looks up positions in sorted lists.

/** The first index whose element is not below `value` (`values.length` when every element is): values ascending. */
export function lowerBound(values: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
