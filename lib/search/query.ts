// Web-search syntax → a small query tree (pure): words, "quoted phrases", -exclusions, `or` between groups, and
// prefix matching for the last word as typed. The tree is turned into a tsquery in SQL (queries.ts), each word
// through PostgreSQL's own parsers, so no user text is ever spliced into tsquery syntax. One pass over the
// input: linear time, whatever it holds.

/** A word or a phrase; `prefix`: the last word as typed (no space after it), matched as a prefix. */
export type SearchTerm =
  | { type: 'word'; text: string; negated: boolean; prefix: boolean }
  | { type: 'phrase'; text: string; negated: boolean };

/** Groups joined by `or`; the terms of a group all apply (and). Every group has a term that is not negated. */
export type ParsedSearch = { groups: SearchTerm[][]; termCount: number };

export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 32;
/** A prefix shorter than this would match too much of the index; it is matched as a whole word. */
export const MIN_PREFIX_LENGTH = 3;

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v' || ch === '\u00a0';
const prefixable = /^[\p{L}\p{N}]+$/u;
/** A term with no letter or digit would be dropped by the database's parser anyway. */
const hasWordCharacter = /[\p{L}\p{N}]/u;

export function parseSearchQuery(input: string): ParsedSearch {
  const groups: SearchTerm[][] = [];
  let group: SearchTerm[] = [];
  let termCount = 0;
  let i = 0;
  const n = input.length;
  const closeGroup = () => {
    // a group of exclusions only would match nearly everything: it is dropped
    if (group.some((t) => !t.negated)) groups.push(group);
    group = [];
  };
  while (i < n) {
    while (i < n && isSpace(input[i]!)) i++;
    if (i >= n) break;
    let negated = false;
    if (input[i] === '-') {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? n : close;
      const text = input.slice(i + 1, end).trim().replace(/\s+/g, ' ');
      i = close === -1 ? n : close + 1;
      if (hasWordCharacter.test(text)) {
        group.push({ type: 'phrase', text, negated });
        termCount++;
      }
      continue;
    }
    const start = i;
    while (i < n && !isSpace(input[i]!) && input[i] !== '"') i++;
    const text = input.slice(start, i);
    if (!negated && text.toLowerCase() === 'or') {
      closeGroup();
      continue;
    }
    if (!hasWordCharacter.test(text)) continue;
    const isLast = i >= n;
    group.push({ type: 'word', text, negated, prefix: isLast && !negated && text.length >= MIN_PREFIX_LENGTH && prefixable.test(text) });
    termCount++;
  }
  closeGroup();
  return { groups, termCount };
}

/** The words a near-match may stand for: the positive words and phrase words, lower-cased, at most `max`. */
export function fuzzyCandidates(parsed: ParsedSearch, max = 8): string[] {
  const words = new Set<string>();
  for (const group of parsed.groups) {
    for (const term of group) {
      if (term.negated) continue;
      for (const word of term.text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
        if (word.length >= MIN_PREFIX_LENGTH && word.length <= 40 && !/\p{N}/u.test(word)) words.add(word);
        if (words.size >= max) return [...words];
      }
    }
  }
  return [...words];
}
