import { describe, expect, it } from 'vitest';
import { parsePercent } from './percent';

describe('parsePercent', () => {
  it('reads percentages, with or without the sign and a decimal comma', () => {
    expect(parsePercent('70')).toEqual({ value: 0.7 });
    expect(parsePercent(' 12.5 % ')).toEqual({ value: 0.125 });
    expect(parsePercent('0')).toEqual({ value: 0 });
    expect(parsePercent('100%')).toEqual({ value: 1 });
    expect(parsePercent('33,3')).toEqual({ value: 0.333 });
  });

  it('refuses what is out of range or not a number, saying why, never clamping', () => {
    expect(parsePercent('150%')).toEqual({ error: '150% is outside 0–100%: a probability cannot be below 0% or above 100%.' });
    expect(parsePercent('-5')).toEqual({ error: '-5% is outside 0–100%: a probability cannot be below 0% or above 100%.' });
    expect(parsePercent('')).toEqual({ error: 'Enter your probability, from 0 to 100%.' });
    expect(parsePercent('seventy')).toEqual({ error: '“seventy” is not a number: enter a probability from 0 to 100%.' });
    expect(parsePercent('1e2')).toEqual({ error: '“1e2” is not a number: enter a probability from 0 to 100%.' });
    expect('error' in parsePercent('9'.repeat(10_000))).toBe(true);
  });
});
