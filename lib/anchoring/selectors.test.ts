// describeRange and matchesAt: the selectors a range gets, at the text's edges too, and the ranges refused.
import { describe, expect, it } from 'vitest';
import { CONTEXT_LENGTH, describeRange, matchesAt } from './index';

const text = 'Reward is not the optimization target. '.repeat(4).trim(); // 155 characters

describe('describeRange', () => {
  it('gives the exact text, 32 characters either side, and the positions', () => {
    const selectors = describeRange(text, 60, 72);
    expect(selectors).toEqual({
      exact: text.slice(60, 72),
      prefix: text.slice(60 - CONTEXT_LENGTH, 60),
      suffix: text.slice(72, 72 + CONTEXT_LENGTH),
      start: 60,
      end: 72,
    });
    expect(CONTEXT_LENGTH).toBe(32);
    expect(selectors.prefix).toHaveLength(32);
    expect(selectors.suffix).toHaveLength(32);
  });

  it('keeps whatever context there is at the edges of the text', () => {
    expect(describeRange(text, 0, 6)).toMatchObject({ exact: 'Reward', prefix: '', suffix: text.slice(6, 38) });
    expect(describeRange(text, 10, 13)).toMatchObject({ exact: 'not', prefix: 'Reward is ' });
    expect(describeRange(text, text.length - 7, text.length)).toMatchObject({ exact: 'target.', suffix: '' });
    expect(describeRange(text, text.length - 20, text.length - 10).suffix).toBe(text.slice(-10));
    expect(describeRange(text, 0, text.length)).toMatchObject({ exact: text, prefix: '', suffix: '' });
    expect(describeRange('x', 0, 1)).toEqual({ exact: 'x', prefix: '', suffix: '', start: 0, end: 1 });
  });

  it('shortens a context rather than cut a character made of two UTF-16 units in half', () => {
    const emoji = '\u{1F600}'; // two code units
    const withEmoji = `${'a'.repeat(31)}${emoji}quote${emoji}${'b'.repeat(31)}`;
    const start = 33;
    const selectors = describeRange(withEmoji, start, start + 5);
    expect(selectors.exact).toBe('quote');
    expect(selectors.prefix).toBe(`${'a'.repeat(30)}${emoji}`); // 32 code units, the emoji whole
    expect(selectors.suffix).toBe(`${emoji}${'b'.repeat(30)}`);
    const tight = `${emoji}${'a'.repeat(31)}quote${'b'.repeat(31)}${emoji}`;
    const inner = describeRange(tight, 33, 38);
    expect(inner.prefix).toBe('a'.repeat(31)); // 32 units back is the emoji's second half: dropped
    expect(inner.suffix).toBe('b'.repeat(31));
    expect(() => describeRange(withEmoji, 32, 38)).toThrow(RangeError);
    expect(() => describeRange(withEmoji, start, 39)).toThrow(RangeError);
  });

  it.each([
    ['a negative start', -1, 5],
    ['an end past the text', 150, 156],
    ['an empty range', 10, 10],
    ['a reversed range', 12, 10],
    ['a fractional offset', 1.5, 4],
    ['NaN', Number.NaN, 4],
    ['an infinite end', 0, Number.POSITIVE_INFINITY],
  ])('throws a RangeError for %s', (_, start, end) => {
    expect(() => describeRange(text, start, end)).toThrow(RangeError);
  });
});

describe('matchesAt', () => {
  it('is true only when the text holds exactly the quote at start..end', () => {
    expect(matchesAt(text, { exact: 'not the', start: 10, end: 17 })).toBe(true);
    expect(matchesAt(text, { exact: 'not the', start: 11, end: 18 })).toBe(false);
    expect(matchesAt(text, { exact: 'not thE', start: 10, end: 17 })).toBe(false);
  });

  it('is false when the positions do not span the quote or leave the text', () => {
    expect(matchesAt(text, { exact: 'not the', start: 10, end: 18 })).toBe(false);
    expect(matchesAt(text, { exact: 'not the', start: 10, end: 16 })).toBe(false);
    expect(matchesAt(text, { exact: 'target.', start: text.length - 7, end: text.length })).toBe(true);
    expect(matchesAt(text, { exact: 'target.', start: text.length - 6, end: text.length + 1 })).toBe(false);
    expect(matchesAt(text, { exact: 'Rew', start: -0.5, end: 2.5 })).toBe(false);
    expect(matchesAt(text, { exact: '', start: 3, end: 3 })).toBe(false);
  });
});
