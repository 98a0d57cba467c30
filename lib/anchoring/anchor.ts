// Anchoring one annotation: its selectors in, the range they now describe in a text out — kept as given,
// moved (exactly or approximately), or an orphan with the best score that was found.
import { DEFAULT_THRESHOLD, findQuote, type SearchOptions } from './match-quote';
import { contextMatchesAt, matchesAt, type PositionSelector, type QuoteSelector } from './selectors';

export type AnchorResult =
  | { status: 'anchored'; start: number; end: number; score: 1 }
  | { status: 'reanchored'; start: number; end: number; score: number; method: 'exact' | 'fuzzy' }
  | { status: 'orphan'; score: number };

export type AnchorOptions = {
  /**
   * Where the quote is expected; defaults to selectors.start. Approximate search looks around it first, and of
   * matches whose quote and context are equally similar the nearest wins (position weighs 2 of 92).
   */
  hint?: number;
  /**
   * Minimum normalised score in [0, 1] for an approximate match, or a short verbatim one, to count;
   * DEFAULT_THRESHOLD (0.6) by default. A verbatim quote of 32+ characters counts whatever its score.
   */
  threshold?: number;
};

/**
 * Finds selectors in a text. "anchored" means the positions hold as given: the exact quote is at start..end with
 * its prefix and suffix around it (and nothing else fits better). Otherwise the best match is "reanchored"
 * (method "exact" when the quote is there verbatim, "fuzzy" when approximately), or the annotation is an orphan.
 */
export function anchor(
  text: string,
  selectors: Partial<QuoteSelector> & { exact: string } & Partial<PositionSelector>,
  options: AnchorOptions = {},
): AnchorResult {
  return anchorWithin(text, selectors, options);
}

/** anchor(), with what a version diff knows about candidate ranges (see SearchOptions.classify). */
export function anchorWithin(
  text: string,
  selectors: Partial<QuoteSelector> & { exact: string } & Partial<PositionSelector>,
  options: AnchorOptions & Pick<SearchOptions, 'classify' | 'searchable'>,
): AnchorResult {
  const quote = { exact: selectors.exact, prefix: selectors.prefix ?? '', suffix: selectors.suffix ?? '' };
  const { start, end } = selectors;
  const hint = options.hint ?? start;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const isInPlace = (from: number, to: number) =>
    start === from && end === to && matchesAt(text, { exact: quote.exact, start, end }) && contextMatchesAt(text, start, end, quote.prefix, quote.suffix);

  if (
    start !== undefined &&
    end !== undefined &&
    (hint === undefined || hint === start) &&
    isInPlace(start, end) &&
    options.classify?.(start, end) !== 'foreign'
  ) {
    return { status: 'anchored', start, end, score: 1 };
  }
  const { match, bestScore } = findQuote(text, quote, { hint, threshold, classify: options.classify, searchable: options.searchable });
  if (!match) return { status: 'orphan', score: bestScore };
  if (isInPlace(match.start, match.end)) return { status: 'anchored', start: match.start, end: match.end, score: 1 };
  return { status: 'reanchored', start: match.start, end: match.end, score: match.score, method: match.errors === 0 ? 'exact' : 'fuzzy' };
}
