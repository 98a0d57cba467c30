import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { astralStarts, fromCodePoints, toCodePoints } from './code-points';

describe('code points and UTF-16 code units', () => {
  it('counts an astral character as one in code points and two in UTF-16', () => {
    const text = 'a😀b𝔸c';
    const starts = astralStarts(text);
    expect([...(starts ?? [])]).toEqual([1, 4]);
    // a=0, 😀=1–2, b=3, 𝔸=4–5, c=6 in UTF-16; a=0, 😀=1, b=2, 𝔸=3, c=4 in code points
    expect([0, 1, 3, 4, 6, 7].map((o) => toCodePoints(starts, o))).toEqual([0, 1, 2, 3, 4, 5]);
    expect([0, 1, 2, 3, 4, 5].map((o) => fromCodePoints(starts, o))).toEqual([0, 1, 3, 4, 6, 7]);
    expect([...text.slice(fromCodePoints(starts, 2), fromCodePoints(starts, 4))]).toEqual([...'b𝔸']);
  });

  it('leaves combining marks, CRLF and lone surrogates as one unit each', () => {
    expect(astralStarts('e\u0301\r\n\ud800x')).toBeNull();
    expect(toCodePoints(null, 5)).toBe(5);
  });

  it('agrees with the string iterator on any text, both ways (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'é', '\u0301', '😀', '𝔸', '\r', '\n', '中'), maxLength: 60 }), (text) => {
        const starts = astralStarts(text);
        const chars = [...text];
        let utf16 = 0;
        for (let cp = 0; cp <= chars.length; cp++) {
          expect(fromCodePoints(starts, cp)).toBe(utf16);
          expect(toCodePoints(starts, utf16)).toBe(cp);
          utf16 += (chars[cp] ?? '').length;
        }
      }),
    );
  });
});
