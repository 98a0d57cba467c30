// The word alignment under the rendering merge: a longest common subsequence, and a cleanup that drops
// coincidental matches.
import { describe, expect, it } from 'vitest';
import { alignSequences, matchRuns } from './diff';
import { seededRandom } from '../seeded-random';

/** Deterministic pseudo-random numbers (mulberry32), so the cases are the same on every run. */

function lcsLength(a: Int32Array, b: Int32Array): number {
  const row = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1] as number);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

describe('matchRuns', () => {
  it('finds a longest common subsequence of any two sequences', () => {
    const next = seededRandom(42);
    for (let round = 0; round < 300; round++) {
      const alphabet = 2 + Math.floor(next() * 6);
      const a = Int32Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * alphabet));
      const b = Int32Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * alphabet));
      const runs = matchRuns(a, b);
      let matched = 0;
      let lastA = -1;
      let lastB = -1;
      for (const run of runs) {
        expect(run.a).toBeGreaterThan(lastA);
        expect(run.b).toBeGreaterThan(lastB);
        for (let k = 0; k < run.length; k++) expect(a[run.a + k]).toBe(b[run.b + k]);
        lastA = run.a + run.length - 1;
        lastB = run.b + run.length - 1;
        matched += run.length;
      }
      expect(matched).toBe(lcsLength(a, b));
    }
  });
});

describe('alignSequences', () => {
  it('keeps an insertion between long shared runs as a one-sided change', () => {
    const a = Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const b = Int32Array.from([1, 2, 3, 4, 5, 20, 21, 6, 7, 8, 9, 10]);
    expect(alignSequences(a, b)).toEqual([
      { type: 'equal', aStart: 0, bStart: 0, length: 5 },
      { type: 'change', aStart: 5, aLength: 0, bStart: 5, bLength: 2 },
      { type: 'equal', aStart: 5, bStart: 7, length: 5 },
    ]);
  });

  it('dissolves a word that two different passages share by chance', () => {
    // 9 plays "the": shared by two otherwise different passages between common context.
    const a = Int32Array.from([1, 2, 3, 30, 31, 9, 32, 33, 4, 5, 6]);
    const b = Int32Array.from([1, 2, 3, 40, 41, 9, 42, 43, 4, 5, 6]);
    expect(alignSequences(a, b)).toEqual([
      { type: 'equal', aStart: 0, bStart: 0, length: 3 },
      { type: 'change', aStart: 3, aLength: 5, bStart: 3, bLength: 5 },
      { type: 'equal', aStart: 8, bStart: 8, length: 3 },
    ]);
  });
});
