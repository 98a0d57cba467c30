import { describe, expect, it } from 'vitest';
import { VISIT_GAP_MS, visitBoundary } from './boundary';

const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1) + minutes * 60_000);

describe('visitBoundary', () => {
  it('marks nothing new on a first visit', () => {
    expect(visitBoundary(null, at(0))).toBeNull();
  });

  it('compares a later visit with the last one', () => {
    expect(visitBoundary({ visitedAt: at(0), since: null }, at(31))).toEqual(at(0));
    expect(visitBoundary({ visitedAt: at(60), since: at(0) }, at(60 * 24))).toEqual(at(60));
  });

  it('keeps the boundary within one visit (a reload, the map after the text), up to 30 minutes apart', () => {
    expect(visitBoundary({ visitedAt: at(100), since: at(0) }, at(100 + 29))).toEqual(at(0));
    expect(visitBoundary({ visitedAt: at(100), since: null }, at(101))).toBeNull();
    expect(visitBoundary({ visitedAt: at(100), since: at(0) }, new Date(at(100).getTime() + VISIT_GAP_MS))).toEqual(at(100));
  });
});
