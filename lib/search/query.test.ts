import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzyCandidates, MAX_QUERY_LENGTH, parseSearchQuery } from './query';

describe('parseSearchQuery', () => {
  it('reads words, quoted phrases, -exclusions and `or` as web search does', () => {
    expect(parseSearchQuery('"deceptive alignment" -mesa or janus doors').groups).toEqual([
      [
        { type: 'phrase', text: 'deceptive alignment', negated: false },
        { type: 'word', text: 'mesa', negated: true, prefix: false },
      ],
      [
        { type: 'word', text: 'janus', negated: false, prefix: false },
        { type: 'word', text: 'doors', negated: false, prefix: true },
      ],
    ]);
  });

  it('matches the last word as a prefix only while it is being typed, and only from three letters', () => {
    expect(parseSearchQuery('deceptiv').groups[0]).toEqual([{ type: 'word', text: 'deceptiv', negated: false, prefix: true }]);
    expect(parseSearchQuery('deceptiv ').groups[0]![0]).toMatchObject({ prefix: false });
    expect(parseSearchQuery('de').groups[0]![0]).toMatchObject({ prefix: false });
    expect(parseSearchQuery("don't").groups[0]![0]).toMatchObject({ prefix: false });
    expect(parseSearchQuery('-deceptiv').groups).toEqual([]);
  });

  it('drops groups of exclusions only, punctuation-only terms and stray `or`s; an open quote runs to the end', () => {
    expect(parseSearchQuery('or -a or ... or').groups).toEqual([]);
    expect(parseSearchQuery('"open phrase').groups).toEqual([[{ type: 'phrase', text: 'open phrase', negated: false }]]);
    expect(parseSearchQuery('a  ""  b').termCount).toBe(2);
  });

  it('never throws, keeps only terms with a letter or digit, and stays linear on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: MAX_QUERY_LENGTH, unit: fc.constantFrom('a', 'B', '1', ' ', '"', '-', 'o', 'r', ':', '*', '!', '&', '|', '(', ')', "'", 'é', '\n') }), (input) => {
        const parsed = parseSearchQuery(input);
        for (const group of parsed.groups) {
          expect(group.some((t) => !t.negated)).toBe(true);
          for (const term of group) {
            expect(term.text).toMatch(/[\p{L}\p{N}]/u);
            if (term.type === 'word' && term.prefix) expect(term.text).toMatch(/^[\p{L}\p{N}]{3,}$/u);
          }
        }
        expect(parsed.termCount).toBeLessThanOrEqual(input.length);
      }),
      { numRuns: 500 },
    );
    // the worst inputs we can think of, far beyond the API's cap, in well under a second
    for (const worst of ['"'.repeat(100_000), '-'.repeat(100_000), 'or '.repeat(50_000), 'a '.repeat(50_000), '"a'.repeat(50_000)]) {
      const started = performance.now();
      parseSearchQuery(worst);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});

describe('fuzzyCandidates', () => {
  it('offers the positive words (phrase words included), lower-cased, without numbers or short words, at most eight', () => {
    expect(fuzzyCandidates(parseSearchQuery('Deceptve "mesa optimizer" -janus 2026 is'))).toEqual(['deceptve', 'mesa', 'optimizer']);
    expect(fuzzyCandidates(parseSearchQuery('alpha bravo charlie delta echo foxtrot golf hotel india juliet'))).toHaveLength(8);
  });
});
