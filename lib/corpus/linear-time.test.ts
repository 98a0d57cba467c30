// The importer on the inputs that made its regular expressions backtrack (issue 13, finding 2): a run of 60 000
// characters that an end-anchored pattern retried from every start. Each answers within a bound some 50× its normal
// time (a few milliseconds) and far below what the quadratic patterns took (seconds): a stall regression test, not
// a benchmark. Output on ordinary documents is checked by normalize.test.ts and corpus-texts.test.ts.
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from './normalize';
import type { SourceFormat } from './schemas';

const RUN = 60_000;
const BOUND_MS = 1000;

const adversarial: Array<[string, string, SourceFormat]> = [
  ['a line of spaces not at its end', `a${' '.repeat(RUN)}b`, 'text'],
  ['a caret note header whose text has a line separator', `  1. ^${' '.repeat(RUN)}\u2028x`, 'text'],
  ['a footnote id of digits not at its end', `<p>x</p><section class="footnotes"><ol><li id="${'1'.repeat(RUN)}x">note</li></ol></section>`, 'html'],
  ['a footnote definition whose text has a line separator', `[^1]:${' '.repeat(RUN)}\u2028x`, 'markdown'],
  ['inline HTML of unclosed tags', `a <b${'<'.repeat(RUN)} c`, 'markdown'],
  ['a title cut before a run of commas', `x${', '.repeat(RUN / 2)}y ${'z'.repeat(200)}`, 'text'],
];

describe('normalizeDocument on adversarial input', () => {
  it.each(adversarial)('reads %s in linear time', (_name, input, format) => {
    const started = performance.now();
    const doc = normalizeDocument(input, { format });
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
    expect(doc.text.length).toBeGreaterThan(0);
  });
});
