// The linear-time helpers do what the regular expressions they replace did, on any input.
/* eslint-disable regexp/no-super-linear-move -- the replaced patterns are the oracles here, on inputs of 40 characters */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtFirst, replaceTags, trailingDigits, trimChars, trimEndSpaceAnd } from './text-edges';

const text = fc.string({ unit: fc.constantFrom('a', '1', '2', ' ', '\n', '\u2028', '<', '>', '-', ',', '—', '?', '#', '/'), maxLength: 40 });

describe('text-edges', () => {
  it('agree with the patterns they replace', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(replaceTags(s, ' ')).toBe(s.replace(/<[^>]*>/gu, ' '));
        expect(trailingDigits(s)).toBe(/\d+$/u.exec(s)?.[0] ?? '');
        expect(trimChars(s, '\n')).toBe(s.replace(/^\n+|\n+$/g, ''));
        expect(trimEndSpaceAnd(s, ',;:–—-')).toBe(s.replace(/[\s,;:–—-]+$/u, ''));
        expect(cutAtFirst(s, '?#')).toBe(s.split(/[?#]/u)[0]);
      }),
      { numRuns: 500 },
    );
  });
});
