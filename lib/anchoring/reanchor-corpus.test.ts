// Re-anchoring on the five corpus texts: version 2 of each is made from version 1 by edits whose effect on every
// character is tracked, so each annotation's right place in version 2 (or its absence) is known exactly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../corpus/normalize';
import type { NormalizedDocument } from '../corpus/schemas';
import { anchor, describeRange, reanchorAll, type AnchorResult, type Selectors } from './index';
import { seededRandom } from '../seeded-random';

const contentDir = path.join(import.meta.dirname, '..', '..', 'content');
const slugs = [
  'power-seeking-agents',
  'deceptive-alignment-flimsy-arguments',
  'reward-maximization',
  'steven-byrnes-comments',
  'scheming-ais-section-3',
] as const;
const docs = Object.fromEntries(
  slugs.map((slug) => [slug, normalizeDocument(readFileSync(path.join(contentDir, `${slug}.txt`), 'utf8'), { filename: `${slug}.txt` })]),
) as Record<(typeof slugs)[number], NormalizedDocument>;


// ---- Annotations: sentences, short phrases, whole passages, ranges across two passages -------------------------

type Annotation = Selectors & { id: string; kind: 'sentence' | 'phrase' | 'passage' | 'spanning' };

function sentencesOf(doc: NormalizedDocument): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const p of doc.passages) {
    for (const m of p.text.matchAll(/\S[^.!?]*[.!?]*["”’)\]]*/gu)) {
      if (m[0].trim().length >= 8) out.push({ start: p.start + m.index, end: p.start + m.index + m[0].trimEnd().length });
    }
  }
  return out;
}

function annotationsOf(doc: NormalizedDocument): Annotation[] {
  const { text, passages } = doc;
  const sentences = sentencesOf(doc);
  const items: Annotation[] = [];
  const add = (kind: Annotation['kind'], start: number, end: number) => items.push({ id: `${kind}-${start}-${end}`, kind, ...describeRange(text, start, end) });
  const step = Math.max(1, Math.floor(sentences.length / 80));
  sentences.forEach((s, i) => {
    if (i % step === 0) add('sentence', s.start, s.end);
    if (i % (step * 3) === 1) {
      // Two to four words from the middle of the sentence: short quotes that recur more easily.
      const words = [...text.slice(s.start, s.end).matchAll(/\S+/gu)];
      if (words.length >= 6) {
        const first = words[2] as RegExpExecArray;
        const last = words[Math.min(words.length - 2, 2 + (i % 3) + 1)] as RegExpExecArray;
        add('phrase', s.start + first.index, s.start + last.index + last[0].length);
      }
    }
  });
  passages.forEach((p, i) => {
    if (i % 9 === 4) add('passage', p.start, p.end);
    const next = passages[i + 1];
    if (i % 11 === 7 && next) add('spanning', Math.max(p.start, p.end - 40), Math.min(next.end, next.start + 40));
  });
  return items;
}

// ---- Version 2 as a draft: passages made of segments copied from version 1 or new -----------------------------

type Segment = { text: string; from?: number };
type Draft = Segment[][];

const draftOf = (doc: NormalizedDocument): Draft => doc.passages.map((p) => [{ text: p.text, from: p.start }]);

/** Replaces version-1 text [start, end) with `replacement`, if that text is still an untouched copy. */
function replace(draft: Draft, start: number, end: number, replacement: string): boolean {
  for (const passage of draft) {
    const at = passage.findIndex((s) => s.from !== undefined && s.from <= start && end <= s.from + s.text.length);
    const segment = passage[at];
    if (!segment || segment.from === undefined) continue;
    const cut = start - segment.from;
    const pieces: Segment[] = [
      { text: segment.text.slice(0, cut), from: segment.from },
      { text: replacement },
      { text: segment.text.slice(cut + end - start), from: end },
    ];
    passage.splice(at, 1, ...pieces.filter((s) => s.text.length > 0));
    return true;
  }
  return false;
}

type Version = { text: string; oldToNew: Int32Array };

function render(oldText: string, draft: Draft): Version {
  const oldToNew = new Int32Array(oldText.length).fill(-1);
  let text = '';
  draft.forEach((passage, i) => {
    if (i > 0) text += '\n\n';
    for (const segment of passage) {
      if (segment.from !== undefined) for (let k = 0; k < segment.text.length; k++) oldToNew[segment.from + k] = text.length + k;
      text += segment.text;
    }
  });
  return { text, oldToNew };
}

type Expected = { kind: 'range'; start: number; end: number } | { kind: 'gone' } | { kind: 'broken' };

/**
 * Where version-1 text [start, end) is in version 2: the range from its first to its last character when the
 * characters that survive keep their order with only small edits between them (typos, whitespace), "gone" when
 * none survives, else "broken" (cut by a deletion, a move or an inserted paragraph: not asserted).
 */
function expectedRange(version: Version, start: number, end: number): Expected {
  let first = -1;
  let last = -1;
  let missingRun = 0;
  let isCoherent = true;
  for (let i = start; i < end; i++) {
    const to = version.oldToNew[i] as number;
    if (to < 0) {
      if (++missingRun > 5) isCoherent = false;
      continue;
    }
    missingRun = 0;
    if (last >= 0 && (to <= last || to - last > 6)) isCoherent = false;
    if (first < 0) first = to;
    last = to;
  }
  if (first < 0) return { kind: 'gone' };
  if (!isCoherent || version.oldToNew[start] !== first || version.oldToNew[end - 1] !== last) return { kind: 'broken' };
  return { kind: 'range', start: first, end: last + 1 };
}

type Outcome = { asserted: number; orphans: number; broken: number; failures: string[] };

function check(version: Version, items: readonly Annotation[], results: ReadonlyArray<{ item: Annotation; result: AnchorResult }>): Outcome {
  const outcome: Outcome = { asserted: 0, orphans: 0, broken: 0, failures: [] };
  results.forEach(({ item, result }, i) => {
    expect(item).toBe(items[i]);
    const expected = expectedRange(version, item.start, item.end);
    const show = (what: unknown) => `${item.id} ${JSON.stringify(item.exact.slice(0, 60))}: expected ${JSON.stringify(what)}, got ${JSON.stringify(result)}`;
    if (expected.kind === 'broken') {
      outcome.broken += 1;
      return;
    }
    outcome.asserted += 1;
    if (expected.kind === 'gone') {
      outcome.orphans += 1;
      if (result.status !== 'orphan') outcome.failures.push(show('orphan'));
      return;
    }
    if (result.status === 'orphan' || result.start !== expected.start || result.end !== expected.end) {
      outcome.failures.push(show(expected));
      return;
    }
    const isVerbatim = version.text.slice(expected.start, expected.end) === item.exact;
    if (result.status === 'anchored' && (result.start !== item.start || !isVerbatim)) outcome.failures.push(show('reanchored'));
    if (result.status === 'reanchored' && result.method !== (isVerbatim ? 'exact' : 'fuzzy')) outcome.failures.push(show(isVerbatim ? 'exact' : 'fuzzy'));
  });
  return outcome;
}

// ---- The edits ---------------------------------------------------------------------------------------------------

/** Paragraphs of another corpus text, to insert as new ones. */
function foreignParagraphs(doc: NormalizedDocument): string[] {
  const other = doc === docs['reward-maximization'] ? docs['power-seeking-agents'] : docs['reward-maximization'];
  return other.passages.filter((p) => p.kind === 'paragraph' && p.text.length > 150).map((p) => p.text);
}

/**
 * A new paragraph before every fifth passage; every other one a copy of the passage seven further on (as it
 * reads in the draft), so its text recurs: the original stays the one to follow.
 */
function insertParagraphs(doc: NormalizedDocument, draft: Draft): Draft {
  const paragraphs = foreignParagraphs(doc);
  const out: Draft = [];
  draft.forEach((passage, i) => {
    if (i % 5 === 0) {
      const copy = (draft[(i + 7) % draft.length] as Segment[]).map((s) => s.text).join('');
      const fresh = `Inserted for version 2 (${i}): ${paragraphs[i % paragraphs.length] ?? ''}`;
      out.push([{ text: i % 10 === 5 ? copy : fresh }]);
    }
    out.push(passage);
  });
  return out;
}

const deleteParagraphs = (draft: Draft): Draft => draft.filter((_, i) => i % 4 !== 2);

/** Every sixth passage moves four passages further down (or to the end). */
function moveParagraphs(draft: Draft): Draft {
  const out = [...draft];
  for (let i = draft.length - 1; i >= 0; i--) {
    if (i % 6 !== 3) continue;
    const at = out.indexOf(draft[i] as Segment[]);
    const [moved] = out.splice(at, 1);
    out.splice(Math.min(out.length, at + 4), 0, moved as Segment[]);
  }
  return out;
}

/** One to three small edits inside most sentence annotations (never at their first or last three characters). */
function typos(draft: Draft, items: readonly Annotation[], seed: number): void {
  const next = seededRandom(seed);
  for (const item of items) {
    if (item.kind !== 'sentence' && item.kind !== 'phrase') continue;
    if (item.exact.length < 16 || next() < 0.2) continue;
    const count = item.exact.length < 40 ? 1 : 1 + Math.floor(next() * 3);
    for (let k = 0; k < count; k++) {
      const at = item.start + 3 + Math.floor(next() * (item.exact.length - 7));
      const pair = item.exact.slice(at - item.start, at - item.start + 2);
      const op = Math.floor(next() * 4);
      if (op === 0) replace(draft, at, at + 1, pair[0] === 'e' ? 'a' : 'e'); // substitution
      else if (op === 1) replace(draft, at, at + 2, `${pair[1] ?? ''}${pair[0] ?? ''}`); // transposition
      else if (op === 2) replace(draft, at, at + 1, ''); // deletion
      else replace(draft, at, at, 'x'); // insertion
    }
  }
}

/** Doubled spaces and soft line breaks inside some quotes, and a trailing space after every third passage. */
function whitespace(draft: Draft, items: readonly Annotation[], text: string): void {
  items.forEach((item, i) => {
    if (i % 2 === 1) return;
    const space = text.indexOf(' ', item.start + 3);
    if (space > 0 && space < item.end - 3) replace(draft, space, space + 1, i % 4 === 0 ? '  ' : '\n');
  });
  draft.forEach((passage, i) => {
    if (i % 3 === 0) passage.push({ text: ' ' });
  });
}

const scenarios: Record<string, (doc: NormalizedDocument, items: readonly Annotation[], seed: number) => Draft> = {
  'a new paragraph before every fifth passage, some of them copies of other passages': (doc) => insertParagraphs(doc, draftOf(doc)),
  'every fourth passage deleted': (doc) => deleteParagraphs(draftOf(doc)),
  'every sixth passage moved four passages down': (doc) => moveParagraphs(draftOf(doc)),
  'typos fixed inside most sentences': (doc, items, seed) => {
    const draft = draftOf(doc);
    typos(draft, items, seed);
    return draft;
  },
  'whitespace changed inside quotes and at passage ends': (doc, items) => {
    const draft = draftOf(doc);
    whitespace(draft, items, doc.text);
    return draft;
  },
  'all of it at once': (doc, items, seed) => {
    const draft = draftOf(doc);
    typos(draft, items, seed);
    whitespace(draft, items, doc.text);
    return moveParagraphs(deleteParagraphs(insertParagraphs(doc, draft)));
  },
};

describe.each(slugs)('re-anchoring %s', (slug) => {
  const doc = docs[slug];
  const items = annotationsOf(doc);
  const seed = slugs.indexOf(slug) + 1;

  it('has annotations of every kind spread over the text', () => {
    expect(items.length).toBeGreaterThan(40);
    for (const kind of ['sentence', 'phrase', 'passage', 'spanning'] as const) expect(items.some((item) => item.kind === kind)).toBe(true);
    expect(Math.max(...items.map((item) => item.end))).toBeGreaterThan(doc.text.length * 0.8);
  });

  it('keeps every annotation in place on an unchanged text', () => {
    for (const { item, result } of reanchorAll(doc.text, doc.text, items)) {
      expect(result).toEqual({ status: 'anchored', start: item.start, end: item.end, score: 1 });
    }
  });

  it.each(Object.keys(scenarios))('puts each annotation on exactly its new range, or makes it an orphan when its text is gone: %s', (name) => {
    const scenario = scenarios[name] as (typeof scenarios)[string];
    const version = render(doc.text, scenario(doc, items, seed));
    expect(version.text).not.toBe(doc.text);
    const outcome = check(version, items, reanchorAll(doc.text, version.text, items));
    expect(outcome.failures).toEqual([]);
    expect(outcome.asserted).toBeGreaterThan(items.length * 0.75);
    if (name.includes('deleted')) expect(outcome.orphans).toBeGreaterThan(items.length * 0.1);
  });

  it('finds the same ranges with anchor() alone (no diff) after typo and whitespace fixes', () => {
    const draft = draftOf(doc);
    typos(draft, items, seed);
    whitespace(draft, items, doc.text);
    const version = render(doc.text, draft);
    const results = items.map((item) => ({ item, result: anchor(version.text, item) }));
    expect(check(version, items, results).failures).toEqual([]);
  });
});

describe('ambiguous quotes in a corpus text', () => {
  const doc = docs['scheming-ais-section-3'];
  // A long passage, and a sentence in its middle with more than a context's length on both sides.
  const passage = doc.passages.find((p) => p.kind === 'paragraph' && p.text.length > 600) as NormalizedDocument['passages'][number];
  const sentence = sentencesOf(doc).find((s) => s.start > passage.start + 100 && s.end < passage.end - 100 && s.end - s.start > 40) as {
    start: number;
    end: number;
  };
  const texts = doc.passages.map((p) => p.text);
  const at = doc.passages.indexOf(passage);

  it('tells two copies of a sentence apart by their prefix and suffix, whatever the position hint says', () => {
    // The sentence again, alone, 20 passages further on: same words, other context.
    const copyIndex = at + 20;
    const withCopy = [...texts.slice(0, copyIndex), doc.text.slice(sentence.start, sentence.end), ...texts.slice(copyIndex)].join('\n\n');
    const original = describeRange(withCopy, sentence.start, sentence.end);
    const copyStart = withCopy.indexOf(original.exact, sentence.end);
    const copy = describeRange(withCopy, copyStart, copyStart + original.exact.length);
    expect(anchor(withCopy, original, { hint: copy.start })).toMatchObject({ start: original.start, end: original.end });
    expect(anchor(withCopy, copy, { hint: original.start })).toMatchObject({ start: copy.start, end: copy.end });
  });

  it('picks the occurrence nearest the hint when the prefix and suffix are the same too', () => {
    // The whole passage again 20 passages further on: the sentence and 100+ characters around it recur.
    const withCopy = [...texts.slice(0, at + 20), passage.text, ...texts.slice(at + 20)].join('\n\n');
    const selectors = describeRange(withCopy, sentence.start, sentence.end);
    const copyStart = withCopy.indexOf(selectors.exact, sentence.end);
    expect(withCopy.slice(copyStart - 32, copyStart + selectors.exact.length + 32)).toBe(selectors.prefix + selectors.exact + selectors.suffix);
    expect(anchor(withCopy, selectors)).toEqual({ status: 'anchored', start: sentence.start, end: sentence.end, score: 1 });
    expect(anchor(withCopy, selectors, { hint: copyStart - 500 })).toMatchObject({ status: 'reanchored', start: copyStart, method: 'exact' });
    expect(anchor(withCopy, { exact: selectors.exact }, { hint: withCopy.length })).toMatchObject({ start: copyStart });
    expect(anchor(withCopy, { exact: selectors.exact }, { hint: 0 })).toMatchObject({ start: sentence.start });
  });

  it('keeps annotations on each of two identical passages apart through insertions, and orphans the one whose passage goes', () => {
    const v1Texts = [...texts.slice(0, at + 20), passage.text, ...texts.slice(at + 20)];
    const v1 = v1Texts.join('\n\n');
    const copyStart = v1.indexOf(passage.text, passage.end) + (sentence.start - passage.start);
    const onOriginal = { id: 'original', ...describeRange(v1, sentence.start, sentence.end) };
    const onCopy = { id: 'copy', ...describeRange(v1, copyStart, copyStart + (sentence.end - sentence.start)) };
    expect(onCopy.prefix + onCopy.exact + onCopy.suffix).toBe(onOriginal.prefix + onOriginal.exact + onOriginal.suffix);

    const inserted = 'A paragraph added in version 2, before the original and before the copy.';
    const v2Texts = [...v1Texts];
    v2Texts.splice(at + 20, 0, inserted);
    v2Texts.splice(at, 0, inserted, inserted);
    const v2 = v2Texts.join('\n\n');
    const shift = 2 * (inserted.length + 2);
    const [original, copy] = reanchorAll(v1, v2, [onOriginal, onCopy]).map((r) => r.result);
    expect(original).toMatchObject({ status: 'reanchored', start: onOriginal.start + shift, method: 'exact' });
    expect(copy).toMatchObject({ status: 'reanchored', start: onCopy.start + shift + inserted.length + 2, method: 'exact' });

    const withoutOriginal = v1Texts.filter((_, i) => i !== at).join('\n\n');
    const [gone, kept] = reanchorAll(v1, withoutOriginal, [onOriginal, onCopy]).map((r) => r.result);
    expect(gone?.status).toBe('orphan');
    expect(kept).toMatchObject({ status: 'reanchored', start: onCopy.start - passage.text.length - 2, method: 'exact' });
  });
});
