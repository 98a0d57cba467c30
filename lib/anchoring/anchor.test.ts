// anchor() on small hand-made texts: positions kept, quotes moved exactly or approximately, ambiguity settled by
// context then position, orphans with their best score, short and long quotes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../corpus/normalize';
import { anchor, DEFAULT_THRESHOLD, describeRange } from './index';

const text = [
  'Reward is not the optimization target. Reward chisels cognition into the agent during training.',
  'A schemer plays the training game for instrumental reasons. It behaves well until it can defect.',
  'Counting arguments say there are many more schemers than aligned models. We should doubt them.',
].join('\n\n');

const range = (haystack: string, needle: string, from = 0) => {
  const start = haystack.indexOf(needle, from);
  if (start < 0) throw new Error(`not found: ${needle}`);
  return { start, end: start + needle.length };
};
const selectorsOf = (haystack: string, needle: string, from = 0) => {
  const { start, end } = range(haystack, needle, from);
  return describeRange(haystack, start, end);
};

describe('anchor', () => {
  it('keeps positions that still hold the quote and its context', () => {
    const selectors = selectorsOf(text, 'plays the training game');
    expect(anchor(text, selectors)).toEqual({ status: 'anchored', start: selectors.start, end: selectors.end, score: 1 });
  });

  it('moves a quote that shifted, exactly, with a perfect score', () => {
    const selectors = selectorsOf(text, 'plays the training game');
    const edited = `A new opening paragraph.\n\n${text}`;
    expect(anchor(edited, selectors, { hint: selectors.start + 26 })).toEqual({
      status: 'reanchored',
      ...range(edited, 'plays the training game'),
      score: 1,
      method: 'exact',
    });
    const result = anchor(edited, selectors);
    expect(result).toMatchObject({ status: 'reanchored', ...range(edited, 'plays the training game'), method: 'exact' });
    expect(result.score).toBeGreaterThan(0.99);
  });

  it('finds a quote whose words were edited, on exactly the edited range', () => {
    const selectors = selectorsOf(text, 'Reward chisels cognition into the agent');
    const edited = text.replace('Reward chisels cognition into', 'Reward chiselled cognitions in');
    const result = anchor(edited, selectors);
    expect(result).toMatchObject({ status: 'reanchored', ...range(edited, 'Reward chiselled cognitions in the agent'), method: 'fuzzy' });
    expect(result.score).toBeGreaterThan(0.8);
    expect(result.score).toBeLessThan(1);
  });

  it('finds a quote after whitespace changes inside and around it', () => {
    const selectors = selectorsOf(text, 'many more schemers than aligned models');
    const edited = text.replace('many more schemers than', 'many  more\nschemers than').replace('. We should', '.  We should');
    expect(anchor(edited, selectors)).toMatchObject({ status: 'reanchored', ...range(edited, 'many  more\nschemers than aligned models'), method: 'fuzzy' });
  });

  it('picks the occurrence whose prefix and suffix match, however far the hint is', () => {
    const twice = `${text}\n\nAs Turner put it: the optimization target. Then the thread moved on.`;
    const first = selectorsOf(twice, 'the optimization target');
    const second = selectorsOf(twice, 'the optimization target', first.end);
    expect(anchor(twice, first, { hint: second.start })).toMatchObject({ start: first.start, end: first.end });
    expect(anchor(twice, second, { hint: first.start })).toMatchObject({ start: second.start, end: second.end });
  });

  it('picks the occurrence nearest the hint when the contexts are the same too', () => {
    const paragraph = text.split('\n\n')[1] as string;
    const twice = `${paragraph}\n\n${text}\n\n${paragraph}`;
    const first = selectorsOf(twice, 'training game');
    const last = twice.lastIndexOf('training game');
    expect(anchor(twice, first, { hint: twice.length })).toMatchObject({ status: 'reanchored', start: last, method: 'exact' });
    expect(anchor(twice, { ...first, start: undefined, end: undefined }, { hint: 0 })).toMatchObject({ start: first.start });
    // No hint and no positions: every occurrence is as good; the first one wins.
    expect(anchor(twice, { exact: 'training game' })).toMatchObject({ start: first.start });
  });

  it('prefers the edited quote in place over a verbatim copy elsewhere with other surroundings', () => {
    const withCopy = `${text}\n\nOne commenter wrote "Counting arguments say there are many more schemers" and left.`;
    const selectors = selectorsOf(withCopy, 'Counting arguments say there are many more schemers');
    const edited = withCopy.replace('Counting arguments say there are many', 'Counting arguments say there are far');
    expect(anchor(edited, selectors)).toMatchObject({ start: selectors.start, end: selectors.end - 1, method: 'fuzzy' });
  });

  it('makes an orphan of a quote that is gone, reporting the best score it saw', () => {
    const selectors = selectorsOf(text, 'It behaves well until it can defect.');
    const without = text.replace(' It behaves well until it can defect.', '');
    const result = anchor(without, selectors);
    expect(result.status).toBe('orphan');
    expect(result.score).toBeLessThan(DEFAULT_THRESHOLD);
    expect(anchor('zzzz zzzz zzzz zzzz zzzz zzzz zzzz zzzz zzzz', selectors)).toEqual({ status: 'orphan', score: 0 });
    expect(anchor('', selectors)).toEqual({ status: 'orphan', score: 0 });
  });

  it('does not move a short common phrase to another occurrence once its own surroundings are gone', () => {
    const selectors = selectorsOf(text, 'the agent');
    const rewritten = text.replace('Reward chisels cognition into the agent during training.', 'Nothing of that sentence is left here.');
    const elsewhere = `${rewritten}\n\nAnd the agent, some say, is a mesa-optimizer.`;
    expect(anchor(elsewhere, selectors).status).toBe('orphan');
    // With one side of its context in place, the same phrase is found.
    const halfKept = text.replace('Reward chisels cognition into', 'Training pushes thoughts into');
    expect(anchor(halfKept, selectors)).toMatchObject({ status: 'reanchored', ...range(halfKept, 'the agent'), method: 'exact' });
  });

  it('accepts a verbatim quote of 32 characters or more whatever now surrounds it', () => {
    const selectors = selectorsOf(text, 'plays the training game for instrumental reasons');
    const moved = `Entirely different opening words here. ${selectors.exact}, as the saying goes, and so on.`;
    const result = anchor(moved, selectors);
    expect(result).toMatchObject({ status: 'reanchored', ...range(moved, selectors.exact), method: 'exact' });
    expect(result.score).toBeLessThan(0.75);
  });

  it('lets the threshold decide between a weak approximate match and an orphan', () => {
    const selectors = selectorsOf(text, 'Counting arguments say there are many more schemers');
    const edited = `Completely new words sit here now. Counting arguments hold there are many fewer schemers. Fin.`;
    const lax = anchor(edited, selectors, { threshold: 0.3 });
    expect(lax).toMatchObject({ status: 'reanchored', method: 'fuzzy' });
    expect(anchor(edited, selectors, { threshold: 0.95 })).toEqual({ status: 'orphan', score: lax.score });
  });

  it('uses selectors without context or positions as a plain search', () => {
    expect(anchor(text, { exact: 'schemer plays' })).toMatchObject({ status: 'reanchored', ...range(text, 'schemer plays'), method: 'exact' });
    expect(anchor(text, { exact: 'schemer plaus the training game' })).toMatchObject({ ...range(text, 'schemer plays the training game'), method: 'fuzzy' });
    expect(anchor(text, { exact: '' })).toEqual({ status: 'orphan', score: 0 });
  });
});

describe('anchor on long quotes (over 1000 characters), found by their two ends', () => {
  const source = readFileSync(path.join(import.meta.dirname, '..', '..', 'content', 'scheming-ais-section-3.txt'), 'utf8');
  const doc = normalizeDocument(source, { filename: 'scheming-ais-section-3.txt' });
  const start = (doc.passages[10] as { start: number }).start;
  const end = (doc.passages.find((p) => p.end > start + 2500) as { end: number }).end;
  const selectors = describeRange(doc.text, start, end);

  it('finds one verbatim, moved', () => {
    const added = `${'A new first paragraph. '.repeat(20)}\n\n`;
    const edited = added + doc.text;
    expect(anchor(edited, selectors)).toMatchObject({ status: 'reanchored', start: start + added.length, end: end + added.length, method: 'exact' });
  });

  it('finds one with edits scattered through it, on exactly the edited range', () => {
    const cut = (s: string, at: number, length: number, put: string) => s.slice(0, at) + put + s.slice(at + length);
    let edited = doc.text;
    for (const offset of [2000, 1500, 900, 400, 30]) edited = cut(edited, start + offset, 3, 'XY');
    const result = anchor(edited, selectors);
    expect(result).toMatchObject({ status: 'reanchored', start, end: end - 5, method: 'fuzzy' });
    expect(result.score).toBeGreaterThan(0.95);
  });

  it.each([150, 600])('finds one with a paragraph added in the middle and %i characters removed further on', (removed) => {
    const middle = start + 1200;
    const cut = start + 1800;
    const added = 'An inserted remark, a paragraph of its own.\n\n';
    const edited = doc.text.slice(0, middle) + added + doc.text.slice(middle, cut) + doc.text.slice(cut + removed);
    expect(anchor(edited, selectors)).toMatchObject({ status: 'reanchored', start, end: end + added.length - removed, method: 'fuzzy' });
  });

  it('makes an orphan of one whose text is gone', () => {
    const without = doc.text.slice(0, start) + doc.text.slice(end);
    expect(anchor(without, selectors).status).toBe('orphan');
  });
});
