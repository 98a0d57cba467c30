// Finds a quote in a text the way the Hypothesis client's match-quote.ts does: every exact occurrence, else
// approximate matches (Myers' bit-parallel edit distance, approx-search.ts), each candidate scored on quote,
// prefix, suffix and position similarity; the best one above a threshold wins. Where this departs from
// Hypothesis (short quotes, edited copies, long quotes, version diffs) the comment at that place says why.
// The work is bounded whatever the input (a quote, its context and a text are all user-supplied): contexts are cut,
// the exact occurrences scored are capped, and every search draws on one work budget (see WORK_BUDGET).
import { approxSearch, bestErrors, workBudget, type WorkBudget } from './approx-search';
import type { Provenance } from './position-map';
import { CONTEXT_LENGTH, contextMatchesAt, splitsSurrogatePair } from './selectors';
import { lowerBound } from '../sorted';

/** Hypothesis's weights: the quote counts most, then its context; position only breaks ties. */
export const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const;
const TOTAL_WEIGHT = WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position;

/**
 * Default acceptance threshold on the normalised score, for approximate matches and short quotes. Measured on the
 * corpus edits in reanchor-corpus.test.ts: a quote with a few typos in place scores above 0.9; a sentence whose
 * surroundings were all rewritten still scores 0.61-0.7 (50 for the quote plus about 0.3 similarity for unrelated
 * 32-character contexts); the best approximate match for a quote whose passage was deleted is mostly below 0.5
 * (at most half the quote wrong, unrelated contexts), the few above being near-copies of the deleted sentence.
 * 0.6 keeps every right answer there and rejects all but those near-copies; 0.65 starts losing right answers.
 */
export const DEFAULT_THRESHOLD = 0.6;

/**
 * A quote this long is evidence on its own: found verbatim, it is accepted whatever its context and score (as
 * Hypothesis's client always takes an exact match). A shorter one ("the model") must also have at least one side
 * of its context recognisably in place (similarity >= CONTEXT_SUPPORT; unrelated English scores about 0.3, 99%
 * under 0.45), otherwise any other occurrence of a common phrase would pass once its passage is gone.
 */
export const SELF_EVIDENT_LENGTH = 32;
export const CONTEXT_SUPPORT = 0.65;

/** Approximate search looks this far either side of the hint before searching the whole text. */
const WINDOW = 2048;
/** Quotes longer than this are searched by their two ends (EDGE characters each) and stitched. */
export const LONG_QUOTE = 1000;
const EDGE = 64;
/** At most this many approximate candidates (nearest the hint) are scored per search. */
const MAX_CANDIDATES = 200;
/**
 * Of a prefix or suffix, the characters nearest the quote that are compared: twice what a selector stores
 * (CONTEXT_LENGTH), so a longer context given by an API client or another annotation tool still counts for that
 * much, and no more (comparing contexts costs their length squared).
 */
export const MAX_CONTEXT = 2 * CONTEXT_LENGTH;
/** At most this many exact occurrences of the quote, those nearest the hint, are scored. */
export const MAX_EXACT = 100;
/**
 * The work one search may do, in the steps of approx-search.ts (10 to 50 million a second on a busy two-core
 * machine). The corpus re-anchoring tests need at most 4.2 million for one annotation; this allows the whole-text
 * search of a quote and its context in some 1.5 million characters. Past it the best candidate so far is kept, or
 * the annotation is an orphan.
 */
export const WORK_BUDGET = 10_000_000;

export type Quote = { exact: string; prefix: string; suffix: string };
export type ScoredMatch = { start: number; end: number; errors: number; score: number; isSupported: boolean };
type Span = { start: number; end: number; errors: number };

/**
 * Hypothesis's error budget: half the quote, capped at 256 (the cost of the search grows with it). Quotes shorter
 * than SELF_EVIDENT_LENGTH get a quarter: a phrase of a dozen characters is within half its length of something in
 * almost any paragraph, so at that budget the quote stops being evidence and only its context decides.
 */
export const maxErrorsFor = (length: number): number => (length < SELF_EVIDENT_LENGTH ? Math.floor(length / 4) : Math.min(256, Math.floor(length / 2)));

/**
 * 1 - (edit distance of `expected` against the best-matching part of `actual`) / |expected|; 1 if nothing is
 * expected; 0 once the budget is spent.
 */
export function similarity(actual: string, expected: string, budget: WorkBudget): number {
  if (expected.length === 0 || actual === expected) return 1;
  if (actual.length === 0) return 0;
  const errors = bestErrors(actual, expected, expected.length, budget);
  return errors === undefined ? 0 : 1 - errors / expected.length;
}

/** Starts of every occurrence of `exact` in `text`, overlapping ones included, in order. */
export function exactOccurrences(text: string, exact: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) starts.push(at);
  return starts;
}

/** The `count` items of a list sorted by start nearest `hint` (the first ones without a hint), nearest first. */
function nearestOfSorted(starts: readonly number[], hint: number | undefined, count: number): number[] {
  if (hint === undefined) return starts.slice(0, count);
  let right = lowerBound(starts, hint);
  let left = right - 1;
  const picked: number[] = [];
  while (picked.length < count && (left >= 0 || right < starts.length)) {
    const l = starts[left];
    const r = starts[right];
    if (r !== undefined && (l === undefined || r - hint < hint - l)) {
      picked.push(r);
      right++;
    } else if (l !== undefined) {
      picked.push(l);
      left--;
    }
  }
  return picked;
}

type Scorer = (span: Span) => ScoredMatch;

function makeScorer(text: string, quote: Quote, hint: number | undefined, budget: WorkBudget): Scorer {
  const length = quote.exact.length;
  const hasContext = quote.prefix.length + quote.suffix.length > 0;
  return ({ start, end, errors }) => {
    const quoteScore = Math.max(0, 1 - errors / length);
    const prefixScore = similarity(text.slice(Math.max(0, start - quote.prefix.length), start), quote.prefix, budget);
    const suffixScore = similarity(text.slice(end, end + quote.suffix.length), quote.suffix, budget);
    const positionScore = hint === undefined ? 1 : Math.max(0, 1 - Math.abs(start - hint) / Math.max(1, text.length));
    const score =
      (WEIGHTS.quote * quoteScore + WEIGHTS.prefix * prefixScore + WEIGHTS.suffix * suffixScore + WEIGHTS.position * positionScore) /
      TOTAL_WEIGHT;
    const isSupported =
      length >= SELF_EVIDENT_LENGTH ||
      !hasContext ||
      (quote.prefix.length > 0 && prefixScore >= CONTEXT_SUPPORT) ||
      (quote.suffix.length > 0 && suffixScore >= CONTEXT_SUPPORT);
    return { start, end, errors, score, isSupported };
  };
}

/**
 * Approximate matches of `pattern` in text[from, to), in text offsets: at most MAX_CANDIDATES of them, the ones
 * nearest `hint` when more have the lowest error count.
 */
function searchIn(text: string, pattern: string, from: number, to: number, maxErrors: number, budget: WorkBudget, hint?: number): Span[] {
  if (to - from < pattern.length - maxErrors) return [];
  const near = hint === undefined ? undefined : hint - from;
  return approxSearch(text.slice(from, to), pattern, maxErrors, budget, MAX_CANDIDATES, near).map((m) => ({
    start: m.start + from,
    end: m.end + from,
    errors: m.errors,
  }));
}

/**
 * Edit distance between a long quote and a span of about its length, estimated in linear time: the quote is
 * aligned piece by piece (256 characters at a time), each piece matched approximately just after the previous
 * one. Pieces not found are counted as deleted; span characters skipped before the next piece found are counted
 * as inserted, or as replacing the missing pieces (the larger of the two counts). Exact for scattered edits and
 * for whole stretches added, removed or rewritten; an over-estimate when edits are dense enough to hide a piece.
 */
export function stitchedErrors(span: string, quote: string, budget: WorkBudget): number {
  const piece = 256;
  let at = 0;
  let errors = 0;
  let missing = 0;
  for (let i = 0; i < quote.length; i += piece) {
    const part = quote.slice(i, i + piece);
    const isLast = i + piece >= quote.length;
    const region = span.slice(at, isLast ? span.length : at + missing + part.length * 2);
    const found = searchIn(region, part, 0, region.length, Math.floor(part.length / 2), budget).sort((a, b) => a.start - b.start)[0];
    if (!found) {
      missing += part.length;
      continue;
    }
    errors += found.errors + Math.max(found.start, missing);
    missing = 0;
    at += found.end;
  }
  return errors + Math.max(span.length - at, missing);
}

/** Candidate spans for a long quote in text[from, to): its first and last EDGE characters, found and paired. */
function stitchedCandidates(text: string, exact: string, from: number, to: number, hint: number | undefined, budget: WorkBudget): Span[] {
  const length = exact.length;
  const edgeErrors = maxErrorsFor(EDGE);
  const near = (spans: Span[]) => (hint === undefined ? spans : nearest(spans, hint)).slice(0, 20);
  const heads = near(searchIn(text, exact.slice(0, EDGE), from, to, edgeErrors, budget, hint));
  const tails = near(searchIn(text, exact.slice(-EDGE), from, to, edgeErrors, budget, hint === undefined ? undefined : hint + length - EDGE));
  const ranges: Array<[number, number]> = [];
  for (const head of heads) {
    for (const tail of tails) {
      if (Math.abs(tail.end - head.start - length) <= length / 2) ranges.push([head.start, tail.end]);
    }
  }
  if (ranges.length === 0) {
    for (const head of heads) ranges.push([head.start, Math.min(text.length, head.start + length)]);
    for (const tail of tails) ranges.push([Math.max(0, tail.end - length), tail.end]);
  }
  const spans: Span[] = [];
  for (const [start, end] of ranges) {
    const errors = stitchedErrors(text.slice(start, end), exact, budget);
    if (errors <= length / 2) spans.push({ start, end, errors });
  }
  return spans;
}

function nearest<T extends { start: number }>(items: T[], hint: number): T[] {
  return [...items].sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint) || a.start - b.start);
}

/** Widens a span that would cut a surrogate pair, so a match never splits a character. */
function snap(text: string, span: Span): Span {
  const start = splitsSurrogatePair(text, span.start) ? span.start - 1 : span.start;
  const end = splitsSurrogatePair(text, span.end) ? span.end + 1 : span.end;
  return start === span.start && end === span.end ? span : { ...span, start, end };
}

/**
 * Approximate matches in text[from, to) that are not exact occurrences: the search runs on the stretches between
 * exact occurrences, because approx-string-match reports only the lowest-error matches and would otherwise
 * return the exact ones again, hiding an edited copy of the quote that sits where the annotation was.
 */
function approximateCandidates(
  text: string,
  quote: Quote,
  ranges: ReadonlyArray<readonly [number, number]>,
  occurrences: readonly number[],
  hint: number | undefined,
  budget: WorkBudget,
): Span[] {
  const { exact, prefix, suffix } = quote;
  const maxErrors = maxErrorsFor(exact.length);
  const withContext = prefix + exact + suffix;
  const stretches: Array<[number, number]> = [];
  for (const [from, to] of ranges) {
    let cursor = from;
    for (const start of occurrences) {
      if (start + exact.length <= from) continue;
      if (start >= to) break;
      if (start > cursor) stretches.push([cursor, start]);
      cursor = Math.max(cursor, start + exact.length);
    }
    if (cursor < to) stretches.push([cursor, to]);
  }
  const spans: Span[] = [];
  for (const [start, end] of stretches) {
    if (exact.length > LONG_QUOTE) {
      spans.push(...stitchedCandidates(text, exact, start, end, hint, budget));
      continue;
    }
    spans.push(...searchIn(text, exact, start, end, maxErrors, budget, hint));
    if (withContext.length === exact.length) continue;
    // The lowest-error matches of the quote alone can be some other phrase one error away, hiding the edited
    // quote with its context intact; the quote with its context finds that place, then the quote is found in it.
    const regions = new Set<string>();
    const aroundHint = hint === undefined ? undefined : hint - prefix.length;
    for (const around of searchIn(text, withContext, start, end, maxErrorsFor(withContext.length), budget, aroundHint)) {
      const lo = Math.max(start, around.start + prefix.length - around.errors);
      const hi = Math.min(end, around.end - suffix.length + around.errors);
      const key = `${lo}:${hi}`;
      if (regions.size >= 8 || regions.has(key)) continue;
      regions.add(key);
      spans.push(...searchIn(text, exact, lo, hi, maxErrors, budget));
    }
  }
  const unique = new Map(spans.map((span) => [`${span.start}:${span.end}`, snap(text, span)]));
  const all = [...unique.values()];
  return (hint === undefined ? all : nearest(all, hint)).slice(0, MAX_CANDIDATES);
}

const isBetter = (a: ScoredMatch, b: ScoredMatch | undefined, hint: number | undefined): boolean => {
  if (!b) return true;
  if (a.score !== b.score) return a.score > b.score;
  const distance = (m: ScoredMatch) => (hint === undefined ? 0 : Math.abs(m.start - hint));
  return distance(a) !== distance(b) ? distance(a) < distance(b) : a.start < b.start;
};

/** `work`: what the search spent of WORK_BUDGET (or of `budget`). */
export type QuoteSearch = { match: ScoredMatch | undefined; bestScore: number; work: number };
export type SearchOptions = {
  hint: number | undefined;
  threshold: number;
  /**
   * Re-anchoring's passage diff: "foreign" ranges (text that was already elsewhere) are never candidates; an
   * "own" one (text unchanged from the annotation's own passages) at the hint needs no context support, and a
   * verbatim quote there is accepted whatever its score: the diff has already shown it is the same text.
   */
  classify?: (start: number, end: number) => Provenance;
  /** The parts of text [from, to) worth searching (those that are not foreign); all of it by default. */
  searchable?: (from: number, to: number) => Array<[number, number]>;
  /** The work allowed (WORK_BUDGET by default). */
  budget?: number;
};

/**
 * The best-scoring supported candidate at or above `threshold` (undefined if none), and the best score seen.
 * Order of work, cheapest first: the quote with its whole context exactly at the hint; the exact occurrences
 * (MAX_EXACT of them), nearest the hint first, stopping once no farther one can score higher; approximate matches
 * within WINDOW of the hint when one could still beat the best exact occurrence; the rest of the text only when
 * nothing passed. Contexts count for their MAX_CONTEXT characters nearest the quote; once the work budget is spent
 * the search stops with the best candidate it has (or none).
 */
export function findQuote(text: string, given: Quote, options: SearchOptions): QuoteSearch {
  const quote = { exact: given.exact, prefix: given.prefix.slice(-MAX_CONTEXT), suffix: given.suffix.slice(0, MAX_CONTEXT) };
  const { exact } = quote;
  const length = exact.length;
  const { threshold, classify = () => 'unknown', searchable = (from, to) => [[from, to]] } = options;
  const budget = workBudget(options.budget ?? WORK_BUDGET);
  const done = (match: ScoredMatch | undefined, bestScore: number): QuoteSearch => ({ match, bestScore, work: budget.spent });
  if (length === 0 || text.length < 1) return done(undefined, 0);
  const hint = options.hint === undefined ? undefined : Math.min(Math.max(0, Math.round(options.hint)), text.length);

  if (
    hint !== undefined &&
    text.startsWith(exact, hint) &&
    contextMatchesAt(text, hint, hint + length, quote.prefix, quote.suffix) &&
    classify(hint, hint + length) !== 'foreign'
  ) {
    return done({ start: hint, end: hint + length, errors: 0, score: 1, isSupported: true }, 1);
  }

  const scoreOf = makeScorer(text, quote, hint, budget);
  let match: ScoredMatch | undefined;
  let bestScore = 0;
  // Where the diff maps the old start, within the slack an edit earlier in the same passage can cause.
  const near = Math.max(8, maxErrorsFor(length));
  const isOwnAtHint = (span: Span) => hint !== undefined && Math.abs(span.start - hint) <= near && classify(span.start, span.end) === 'own';
  const consider = (span: Span) => {
    const provenance = classify(span.start, span.end);
    if (provenance === 'foreign') return;
    const candidate = scoreOf(span);
    // a score computed after the budget ran out has compared nothing: it is no evidence
    if (budget.isExhausted) return;
    const isConfirmed = provenance === 'own' && isOwnAtHint(span);
    if (isConfirmed) candidate.isSupported = true;
    bestScore = Math.max(bestScore, candidate.score);
    const isVerbatim = candidate.errors === 0;
    const isAccepted = candidate.score >= threshold || (isVerbatim && (length >= SELF_EVIDENT_LENGTH || isConfirmed));
    if (candidate.isSupported && isAccepted && isBetter(candidate, match, hint)) match = candidate;
  };

  const occurrences = exactOccurrences(text, exact);
  for (const start of nearestOfSorted(occurrences, hint, MAX_EXACT)) {
    const positionScore = hint === undefined ? 1 : 1 - Math.abs(start - hint) / text.length;
    const ceiling = (WEIGHTS.quote + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position * positionScore) / TOTAL_WEIGHT;
    if (budget.isExhausted || (match && ceiling <= match.score)) break;
    consider({ start, end: start + length, errors: 0 });
  }

  // No approximate match can beat a verbatim one scoring more than any approximate match can reach, nor a verbatim
  // one exactly where the diff says the annotation's own (unchanged) text went.
  const maxErrors = length > LONG_QUOTE ? Math.floor(length / 2) : maxErrorsFor(length);
  const fuzzyCeiling = (WEIGHTS.quote * (1 - 1 / length) + WEIGHTS.prefix + WEIGHTS.suffix + WEIGHTS.position) / TOTAL_WEIGHT;
  if (maxErrors === 0 || (match && (match.score >= fuzzyCeiling || (match.start === hint && isOwnAtHint(match))))) return done(match, bestScore);

  const searchBetween = (from: number, to: number) => {
    if (from >= to || budget.isExhausted) return;
    for (const span of approximateCandidates(text, quote, searchable(from, to), occurrences, hint, budget)) consider(span);
  };
  if (hint === undefined) {
    searchBetween(0, text.length);
    return done(match, bestScore);
  }
  const from = Math.max(0, hint - WINDOW);
  const to = Math.min(text.length, hint + length + WINDOW);
  searchBetween(from, to);
  const reach = length + maxErrors;
  if (match && ((from > 0 && match.start < from + reach) || (to < text.length && match.end > to - reach))) {
    // A match at the window's edge may be the visible part of one that goes on beyond it: look again around it.
    searchBetween(Math.max(0, match.start - reach), Math.min(text.length, match.end + reach));
  }
  if (match) return done(match, bestScore);
  // The rest of the text, overlapping the window by a quote's length so no match straddling its edges is lost.
  const overlap = quote.prefix.length + length + quote.suffix.length + maxErrors;
  if (from > 0) searchBetween(0, Math.min(text.length, from + overlap));
  if (to < text.length) searchBetween(Math.max(0, to - overlap), text.length);
  return done(match, bestScore);
}
