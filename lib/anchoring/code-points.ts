// Offsets in two units: the app counts UTF-16 code units (JavaScript's string indices, the JSON API's start/end),
// the W3C Web Annotation model counts characters — Unicode code points — in TextPositionSelector. They differ by one
// for every character outside the Basic Multilingual Plane (an emoji, 𝔸) before the offset. A table of where the
// surrogate pairs are, built once per text in linear time, converts either way in logarithmic time.

/** The UTF-16 indices at which a surrogate pair starts, ascending; null when the text has none (the common case). */
export function astralStarts(text: string): Uint32Array | null {
  let count = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count++;
        i++;
      }
    }
  }
  if (count === 0) return null;
  const starts = new Uint32Array(count);
  for (let i = 0, k = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        starts[k++] = i;
        i++;
      }
    }
  }
  return starts;
}

/** How many of `values` (ascending) satisfy `below(v)` — a prefix of them. */
function countPrefix(values: Uint32Array, below: (value: number, index: number) => boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(values[mid] as number, mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A UTF-16 offset as a code-point offset (an offset inside a pair counts the pair's character as before it). */
export function toCodePoints(starts: Uint32Array | null, utf16: number): number {
  if (!starts) return utf16;
  return utf16 - countPrefix(starts, (s) => s + 1 < utf16);
}

/** A code-point offset as a UTF-16 offset. */
export function fromCodePoints(starts: Uint32Array | null, codePoints: number): number {
  if (!starts) return codePoints;
  // the pair at starts[i] is character starts[i] − i
  return codePoints + countPrefix(starts, (s, i) => s - i < codePoints);
}
