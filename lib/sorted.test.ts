import { describe, expect, it } from 'vitest';
import { lowerBound } from './sorted';

describe('lowerBound', () => {
  it('gives the first index not below the value', () => {
    const values = [1, 3, 3, 7];
    expect([0, 1, 2, 3, 4, 7, 8].map((v) => lowerBound(values, v))).toEqual([0, 0, 1, 1, 3, 3, 4]);
    expect(lowerBound([], 5)).toBe(0);
  });
});
