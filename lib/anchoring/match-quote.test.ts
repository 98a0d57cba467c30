// findQuote's bounded work (issue 13, finding 1): the worst inputs found so far answer with the best candidate or
// an orphan within a fixed amount of work, counted in the search's own units rather than timed.
import { describe, expect, it } from 'vitest';
import { anchor } from './anchor';
import { approxSearch, workBudget } from './approx-search';
import { findQuote, MAX_CONTEXT, MAX_EXACT, WORK_BUDGET } from './match-quote';

describe('findQuote on adversarial input', () => {
  it('answers a one-letter quote in "e "×300 with 1 000-character contexts with an orphan, comparing 64 characters of context', () => {
    // the request of issue 13 that took 12.8 s and held up every other request
    const text = 'e '.repeat(300);
    for (const context of ['x', 'ab']) {
      const prefix = context.repeat(1000).slice(0, 1000);
      const search = findQuote(text, { exact: 'e', prefix, suffix: prefix }, { hint: 0, threshold: 0.6 });
      expect(search.match).toBeUndefined();
      // MAX_EXACT occurrences, two contexts of MAX_CONTEXT each: about 100 000 steps, bounded 10× looser
      expect(search.work).toBeLessThan(1_000_000);
    }
  });

  it('scores only the MAX_EXACT exact occurrences nearest the hint', () => {
    const filler = 'one word. '.repeat(MAX_EXACT + 20);
    const text = `${'The marked word here. '}${filler}`;
    const quote = { exact: 'word', prefix: 'The marked ', suffix: ' here.' };
    // from the far end, the occurrence with the right context is beyond the nearest MAX_EXACT
    expect(findQuote(text, quote, { hint: text.length, threshold: 0.6 }).match).toBeUndefined();
    expect(findQuote(text, quote, { hint: 0, threshold: 0.6 }).match).toMatchObject({ start: 11, end: 15 });
  });

  it('compares only the MAX_CONTEXT characters of a longer context nearest the quote', () => {
    const text = `${'Unrelated opening words. '.repeat(10)}Here the quoted phrase sits. ${'And more after it. '.repeat(10)}`;
    const start = text.indexOf('quoted phrase');
    const nearPrefix = text.slice(start - MAX_CONTEXT, start);
    const nearSuffix = text.slice(start + 13, start + 13 + MAX_CONTEXT);
    // characters farther out than MAX_CONTEXT are wrong, and do not count against it
    const quote = { exact: 'quoted phrase', prefix: `${'z'.repeat(900)}${nearPrefix}`, suffix: `${nearSuffix}${'z'.repeat(900)}` };
    expect(findQuote(text, quote, { hint: 3, threshold: 0.6 }).match).toMatchObject({ start, end: start + 13, errors: 0 });
    expect(anchor(text, { ...quote, start: 3, end: 16 })).toMatchObject({ status: 'reanchored', start, end: start + 13, method: 'exact' });
  });

  it('stops at the work budget with an orphan when nothing was found by then', () => {
    // a long quote that is nowhere in a long text: searching all of it would take several million units
    const text = 'a b c d e f g h '.repeat(20_000);
    const exact = 'the quick brown fox jumps over the lazy dog; '.repeat(20);
    const search = findQuote(text, { exact, prefix: '', suffix: '' }, { hint: 0, threshold: 0.6, budget: 300_000 });
    expect(search.match).toBeUndefined();
    expect(search.work).toBeLessThanOrEqual(300_000);
    expect(search.work).toBeGreaterThan(290_000);
    expect(WORK_BUDGET).toBeGreaterThan(300_000);
  });

  it('keeps the best candidate found before the budget ran out', () => {
    const text = `${'Some words of a passage. '.repeat(100)}Reward chiselled cognitions in the agent. ${'x y z '.repeat(50_000)}`;
    const exact = 'Reward chisels cognition into the agent';
    const hint = text.indexOf('Reward chiselled');
    const search = findQuote(text, { exact, prefix: '', suffix: '' }, { hint, threshold: 0.6, budget: 200_000 });
    expect(search.match).toMatchObject({ start: hint, end: hint + 'Reward chiselled cognitions in the agent'.length });
    expect(search.work).toBeLessThanOrEqual(200_000);
  });
});

describe('findQuote among many tied approximate copies', () => {
  it('anchors an edited quote at the copy at its old position, not at the first copies of the window', () => {
    // 600 copies, each one letter away from the quote: the window around the hint holds about 400 of them
    const text = 'brown fax '.repeat(600);
    const search = findQuote(text, { exact: 'brown fox', prefix: '', suffix: '' }, { hint: 3_000, threshold: 0.6 });
    expect(search.match).toMatchObject({ start: 3_000, end: 3_009, errors: 1 });
  });
});

describe('approxSearch', () => {
  it('past maxStarts, finds the starts of the tied matches nearest `near`', () => {
    const text = 'brown fax '.repeat(600);
    const matches = approxSearch(text, 'brown fox', 1, workBudget(10_000_000), 3, 4_000);
    expect(matches.map((m) => m.start)).toEqual([4_000, 3_990, 4_010]);
  });


  it('finds the starts of at most maxStarts lowest-error matches, within the budget', () => {
    // a pattern longer than the text ties at every position: each tie's start costs a search of its own
    const budget = workBudget(1_000_000);
    const matches = approxSearch('e '.repeat(500), 'x'.repeat(1000), 1000, budget, 5);
    expect(matches.length).toBeLessThanOrEqual(5);
    expect(budget.spent).toBeLessThanOrEqual(1_000_000);
  });
});
