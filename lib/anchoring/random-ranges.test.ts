// Property-style checks over seeded random ranges of the corpus texts: a range re-anchors onto itself on an
// unchanged text, and onto exactly its shifted place once a paragraph is put in front of the text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../corpus/normalize';
import { anchor, describeRange, reanchorAll } from './index';
import { seededRandom } from '../seeded-random';


const slugs = ['power-seeking-agents', 'deceptive-alignment-flimsy-arguments', 'reward-maximization', 'steven-byrnes-comments', 'scheming-ais-section-3'];

describe.each(slugs)('random ranges of %s', (slug) => {
  const source = readFileSync(path.join(import.meta.dirname, '..', '..', 'content', `${slug}.txt`), 'utf8');
  const { text } = normalizeDocument(source, { filename: `${slug}.txt` });
  const next = seededRandom(slug.length * 7919);
  // Lengths from one character to a few paragraphs, short ones most often; some at the very start or end.
  const ranges = Array.from({ length: 150 }, (_, i) => {
    const length = 1 + Math.floor(next() ** 3 * 1500);
    const start = i === 0 ? 0 : i === 1 ? text.length - length : Math.floor(next() * (text.length - length));
    return { id: i, ...describeRange(text, start, start + length) };
  });

  it('anchor every one in place on the unchanged text', () => {
    for (const selectors of ranges) {
      expect(anchor(text, selectors), JSON.stringify(selectors)).toEqual({ status: 'anchored', start: selectors.start, end: selectors.end, score: 1 });
    }
  });

  it('re-anchor every one onto its shifted place after a paragraph is put in front', () => {
    const added = 'A preface added in version 2, before everything else.\n\n';
    const results = reanchorAll(text, added + text, ranges);
    results.forEach(({ item, result }, i) => {
      expect(item).toBe(ranges[i]);
      expect(result, JSON.stringify(item)).toEqual({ status: 'reanchored', start: item.start + added.length, end: item.end + added.length, score: 1, method: 'exact' });
    });
  });

  it('find every one by its quote alone on the shifted text, with the old start as the only hint', () => {
    const added = 'A preface added in version 2, before everything else.\n\n';
    for (const selectors of ranges) {
      const result = anchor(added + text, selectors);
      expect(result, JSON.stringify(selectors)).toMatchObject({ status: 'reanchored', start: selectors.start + added.length, method: 'exact' });
    }
  });
});
