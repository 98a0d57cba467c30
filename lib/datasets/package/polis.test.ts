import { describe, expect, it } from 'vitest';
import { polisDatetime, polisVote } from './polis';

describe('polisVote', () => {
  it('maps a credence above 0.6 to agree, below 0.4 to disagree, and the edges themselves to pass', () => {
    expect([0, 0.1, 0.39, 0.3999].map(polisVote)).toEqual([-1, -1, -1, -1]);
    expect([0.4, 0.5, 0.6].map(polisVote)).toEqual([0, 0, 0]);
    expect([0.6001, 0.61, 1].map(polisVote)).toEqual([1, 1, 1]);
  });
});

describe('polisDatetime', () => {
  it("writes JavaScript's Date string in UTC, as Polis's datetime column has it", () => {
    expect(polisDatetime(new Date(Date.UTC(2026, 11, 3, 14, 5, 9)))).toBe('Thu Dec 03 2026 14:05:09 GMT+0000 (Coordinated Universal Time)');
    expect(polisDatetime(new Date(Date.UTC(2018, 1, 26, 20, 3, 46)))).toBe('Mon Feb 26 2018 20:03:46 GMT+0000 (Coordinated Universal Time)');
  });
});
