// The importer on the inputs that made its regular expressions backtrack (issue 13, finding 2): a run of 100 000
// characters that a pattern retried from every start. Each answers within a bound some 50× its normal time (a few
// milliseconds) and well below what the quadratic patterns took (4 to 20 s): a stall regression test, not a
// benchmark. Output on ordinary documents is checked by normalize.test.ts and corpus-texts.test.ts.
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from './normalize';
import type { SourceFormat } from './schemas';

const RUN = 100_000;
const BOUND_MS = 500;

const adversarial: Array<[string, string, SourceFormat]> = [
  ['a line of spaces not at its end', `a${' '.repeat(RUN)}b`, 'text'],
  ['a caret note header whose text has a line separator', `  1. ^${' '.repeat(RUN)}\u2028x`, 'text'],
  ['a footnote id of digits not at its end', `<p>x</p><section class="footnotes"><ol><li id="${'1'.repeat(RUN)}x">note</li></ol></section>`, 'html'],
  ['a footnote definition whose text has a line separator', `[^1]:${' '.repeat(RUN)}a\u2028`, 'markdown'],
  ['an HTML block of unclosed tags', `<div>\n${'<'.repeat(RUN)}`, 'markdown'],
];

describe('normalizeDocument on adversarial input', () => {
  it.each(adversarial)('reads %s in linear time', (_name, input, format) => {
    const started = performance.now();
    const doc = normalizeDocument(input, { format });
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(doc.text.length).toBeGreaterThan(0);
  });
});
