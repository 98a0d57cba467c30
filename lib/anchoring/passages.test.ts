// overlappingPassages: which passages a range shares characters with, on hand-made ranges and a corpus text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../corpus/normalize';
import { overlappingPassages } from './index';

// "aaaa\n\nbbbb\n\ncccc": passages at 0-4, 6-10, 12-16.
const passages = [
  { id: 'a', start: 0, end: 4 },
  { id: 'b', start: 6, end: 10 },
  { id: 'c', start: 12, end: 16 },
];
const ids = (start: number, end: number) => overlappingPassages(passages, start, end).map((p) => p.id);

describe('overlappingPassages', () => {
  it('returns the passages a range shares at least one character with, in order', () => {
    expect(ids(1, 3)).toEqual(['a']);
    expect(ids(0, 4)).toEqual(['a']);
    expect(ids(3, 7)).toEqual(['a', 'b']);
    expect(ids(2, 14)).toEqual(['a', 'b', 'c']);
    expect(ids(0, 16)).toEqual(['a', 'b', 'c']);
    expect(ids(9, 100)).toEqual(['b', 'c']);
  });

  it('leaves out passages that only touch the range at an edge', () => {
    expect(ids(4, 6)).toEqual([]); // the separator between a and b
    expect(ids(4, 7)).toEqual(['b']);
    expect(ids(3, 6)).toEqual(['a']);
    expect(ids(16, 20)).toEqual([]);
  });

  it('returns nothing for an empty range or no passages', () => {
    expect(ids(2, 2)).toEqual([]);
    expect(overlappingPassages([], 0, 10)).toEqual([]);
  });

  it('returns the passage objects themselves', () => {
    expect(overlappingPassages(passages, 7, 8)[0]).toBe(passages[1]);
  });

  it('throws a RangeError for a reversed or NaN range', () => {
    expect(() => overlappingPassages(passages, 5, 3)).toThrow(RangeError);
    expect(() => overlappingPassages(passages, Number.NaN, 3)).toThrow(RangeError);
  });

  it('agrees with a linear scan on every sentence of a corpus text', () => {
    const source = readFileSync(path.join(import.meta.dirname, '..', '..', 'content', 'power-seeking-agents.txt'), 'utf8');
    const doc = normalizeDocument(source, { filename: 'power-seeking-agents.txt' });
    for (let start = 0; start < doc.text.length; start += 97) {
      for (const length of [1, 40, 700]) {
        const end = Math.min(doc.text.length, start + length);
        const expected = doc.passages.filter((p) => p.start < end && start < p.end);
        expect(overlappingPassages(doc.passages, start, end)).toEqual(expected);
      }
    }
  });
});
