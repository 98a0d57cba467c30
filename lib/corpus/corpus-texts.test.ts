// Properties of the five bundled texts (raw scrapes) after normalisation: exact ranges, nothing lost from
// either rendering, nothing doubled, no sentence cut by a hard wrap, footnotes resolved, chrome gone.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, normalizeDocument } from './normalize';
import { normalizedDocumentSchema, type NormalizedDocument } from './schemas';

const contentDir = path.join(import.meta.dirname, '..', '..', 'content');
const slugs = [
  'power-seeking-agents',
  'deceptive-alignment-flimsy-arguments',
  'reward-maximization',
  'steven-byrnes-comments',
  'scheming-ais-section-3',
] as const;
type Slug = (typeof slugs)[number];

const sources = Object.fromEntries(slugs.map((slug) => [slug, readFileSync(path.join(contentDir, `${slug}.txt`), 'utf8')])) as Record<Slug, string>;
const docs = Object.fromEntries(slugs.map((slug) => [slug, normalizeDocument(sources[slug], { filename: `${slug}.txt` })])) as Record<
  Slug,
  NormalizedDocument
>;

const withoutSpace = (text: string) => text.replace(/\s+/gu, '');
/** Ends a sentence or introduces what follows: ". ! ? … :" before any closing quotes, brackets or "[n]" markers. */
const endsCleanly = (text: string) => /[.!?…:](?:[”’"')\]]|\[\d+\])*$/u.test(text);
const chromeStrings = ['New to LessWrong?', 'Show Unapproved', 'New Comment', 'comments, sorted by', 'Click to highlight new comments', 'Glossary'];

/** Source lines that are site chrome or note numbering ("  1. ^"), which the importer is meant to drop. */
function isDroppedLine(slug: Slug, line: string, index: number, lines: string[]): boolean {
  if (chromeStrings.some((c) => line.includes(c)) || /^\d+\.\s*\^$/u.test(line)) return true;
  if (slug !== 'reward-maximization') return false;
  // 002's glossary: the term lines between "Glossary" and "Show Unapproved".
  const glossary = lines.findIndex((l) => l.trim() === 'Glossary');
  const end = lines.findIndex((l) => l.trim() === 'Show Unapproved');
  return glossary >= 0 && index > glossary && index < end;
}

describe.each(slugs)('%s', (slug) => {
  const doc = docs[slug];

  it('is recognised as plain text, with or without its file name', () => {
    expect(doc.format).toBe('text');
    expect(detectFormat(sources[slug])).toBe('text');
  });

  it('cuts the canonical text into passages that are exact ranges of it, in reading order', () => {
    expect(normalizedDocumentSchema.parse(doc)).toEqual(doc);
    expect(doc.passages.length).toBeGreaterThan(10);
    doc.passages.forEach((p, i) => {
      expect(p.index).toBe(i);
      expect(doc.text.slice(p.start, p.end)).toBe(p.text);
      expect(p.text).toBe(p.text.trim());
      expect(p.text).not.toMatch(/ {2}|\n\n/u);
    });
    expect(new Set(doc.passages.map((p) => p.id)).size).toBe(doc.passages.length);
  });

  it('keeps every line of every rendering (all its words, in order, modulo whitespace)', () => {
    const flat = withoutSpace(doc.text);
    const lines = sources[slug].split('\n');
    const missing = lines.filter((line, i) => line.trim() !== '' && !isDroppedLine(slug, line.trim(), i, lines) && !flat.includes(withoutSpace(line)));
    expect(missing).toEqual([]);
  });

  it('shows no paragraph twice, except a short quotation repeated inside a comment, as a quote', () => {
    const byText = new Map<string, NormalizedDocument['passages']>();
    for (const p of doc.passages) byText.set(p.text, [...(byText.get(p.text) ?? []), p]);
    for (const [text, occurrences] of byText) {
      if (occurrences.length === 1) continue;
      // A quotation: exactly two occurrences, the later one a quote, under 300 characters.
      expect({ text, kinds: occurrences.map((p) => p.kind) }).toEqual({ text, kinds: ['paragraph', 'quote'] });
      expect(text.length).toBeLessThan(300);
    }
  });

  it('removes the site chrome', () => {
    for (const chrome of chromeStrings) expect(doc.text).not.toContain(chrome);
    for (const term of ['deceptively aligned\n', 'mech interp\n', 'loss landscape\n']) expect(doc.text).not.toContain(term);
  });

  it('resolves footnote markers and notes to each other wherever both exist', () => {
    const byId = new Map(doc.passages.map((p) => [p.id, p]));
    for (const link of doc.footnotes) {
      for (const ref of link.refs) expect(doc.text.slice(ref.start, ref.end)).toBe(`[${link.label}]`);
      if (link.passageId) expect(byId.get(link.passageId)?.attrs.label).toBe(link.label);
    }
    // Notes come last, in label order.
    const firstNote = doc.passages.findIndex((p) => p.kind === 'footnote');
    const tail = firstNote === -1 ? [] : doc.passages.slice(firstNote);
    expect(tail.filter((p) => p.kind !== 'footnote')).toEqual([]);
    const labels = tail.map((n) => Number(n.attrs.label));
    expect(labels).toEqual([...labels].sort((x, y) => x - y));
  });
});

const headings = (slug: Slug) => docs[slug].passages.filter((p) => p.kind === 'heading').map((p) => p.text);
const notesOf = (slug: Slug) => docs[slug].passages.filter((p) => p.kind === 'footnote');
const itemsAfter = (slug: Slug, intro: string) => {
  const passages = docs[slug].passages;
  const start = passages.findIndex((p) => p.text.endsWith(intro));
  const items = [];
  for (let i = start + 1; passages[i]?.kind === 'list_item'; i++) items.push(passages[i]?.text);
  return items;
};

describe('power-seeking-agents (000)', () => {
  it('merges its two renderings: the list items of the first and all five footnotes of the second', () => {
    expect(docs['power-seeking-agents'].warnings).toContain('merged 2 renderings of the document');
    expect(itemsAfter('power-seeking-agents', 'into three dimensions:')).toEqual([
      'The percent of compute spent on pretraining/SFT versus RL[5]',
      'The length of the RL tasks',
      'The amount of generalized problem-solving required for the RL tasks (potentially including interaction with and feedback from the real world)',
    ]);
    expect(notesOf('power-seeking-agents').map((n) => n.attrs.label)).toEqual(['1', '2', '3', '4', '5']);
    expect(notesOf('power-seeking-agents')[0]?.text).toBe(
      'This will be similar to and compatible with Why we should expect ruthless sociopath AI, but I will emphasize different points.',
    );
    expect(docs['power-seeking-agents'].footnotes.every((f) => f.passageId !== null && f.refs.length === 1)).toBe(true);
  });

  it('finds its headings', () => {
    expect(headings('power-seeking-agents')).toEqual([
      'TLDR',
      'Instrumental convergence does not apply to pretraining',
      'Long-horizon optimization leads to consequentialism',
      'Consequentialism is useful',
    ]);
  });
});

describe('deceptive-alignment-flimsy-arguments (001)', () => {
  const doc = docs['deceptive-alignment-flimsy-arguments'];

  it('merges its two renderings and keeps the quotations inside comments', () => {
    expect(doc.warnings).toContain('merged 2 renderings of the document');
    // The list item only the second rendering has, and the reply only the first has.
    expect(doc.passages.filter((p) => p.text.startsWith('Analogies to evolution'))).toHaveLength(1);
    expect(doc.passages.filter((p) => p.text.startsWith('Many people seem to expect that reward'))).toHaveLength(1);
    const quoted = doc.passages.filter((p) => p.text.startsWith('Why should we believe the “consistent-across-situations inner goals'));
    expect(quoted.map((p) => p.kind)).toEqual(['paragraph', 'quote']);
  });

  it('rebuilds the comment written in short lines as whole sentences', () => {
    const passage = doc.passages.find((p) => p.text.includes('Let’s take 50T tokens'));
    expect(passage?.text).toContain(
      'Let’s take 50T tokens as an estimate for available text data (as an anchor, there’s a filtered and deduplicated CommonCrawl dataset RedPajama-Data-v2 with 30T tokens).',
    );
    // Every short line of that comment (the first rendering's lines 91-128) lies in a passage ending a sentence.
    const lines = sources['deceptive-alignment-flimsy-arguments'].split('\n');
    const first = lines.indexOf('The main result is that up to 4 repetitions are about as good as unique data,');
    const last = lines.indexOf('is what I meant by “soon”.)');
    expect(last - first).toBeGreaterThan(30);
    for (const line of lines.slice(first, last + 1)) {
      const containing = doc.passages.filter((p) => p.text.includes(line));
      expect(containing.length).toBeGreaterThan(0);
      for (const p of containing) expect(endsCleanly(p.text)).toBe(true);
    }
  });

  it('splits the paragraphs the second rendering ran together', () => {
    expect(doc.passages.some((p) => p.text === 'P(observations∣deceptive alignment is how AI works)P(observations∣deceptive alignment is not how AI works)>>1?')).toBe(true);
  });

  it('reports its footnote markers, whose notes the scrape lost', () => {
    expect(doc.footnotes.length).toBeGreaterThan(0);
    for (const link of doc.footnotes) {
      expect(link.passageId).toBeNull();
      expect(doc.warnings.some((w) => w.startsWith(`footnote marker [${link.label}]`))).toBe(true);
    }
  });
});

describe('reward-maximization (002)', () => {
  const doc = docs['reward-maximization'];

  it('takes the "  1. ^" notes, the first of which is empty in the source', () => {
    expect(notesOf('reward-maximization').map((n) => n.attrs.label)).toEqual(['2', '3', '4']);
    expect(doc.footnotes.map((f) => [f.label, f.passageId !== null, f.refs.length])).toEqual([
      ['1', false, 1],
      ['2', true, 1],
      ['3', true, 1],
      ['4', true, 1],
    ]);
    expect(doc.warnings).toContain('footnote 1 has no text');
    expect(notesOf('reward-maximization').every((n) => !/^\s*\d+\.\s*\^/u.test(n.text))).toBe(true);
  });

  it('keeps the comment that quotes the post, as a quote after the post', () => {
    const quote = doc.passages.find((p) => p.text === "A smart enough AI system that knows it's in training");
    expect(quote?.kind).toBe('quote');
    expect(headings('reward-maximization')).toEqual([
      'The background',
      'In very capable systems trained with modern ML, natural instrumental goals will imply random terminal goals',
      "Goals won't necessarily start to crystallize the moment AI is capable enough to fake alignment",
    ]);
  });

  it('reads as one rendering, with no paragraph ending mid-sentence', () => {
    expect(doc.warnings.some((w) => w.startsWith('merged'))).toBe(false);
    expect(doc.passages.filter((p) => p.kind === 'paragraph' && !endsCleanly(p.text))).toEqual([]);
  });
});

describe('steven-byrnes-comments (003)', () => {
  it('reads as one rendering with its "- " list items', () => {
    const doc = docs['steven-byrnes-comments'];
    expect(doc.warnings).toEqual([]);
    expect(doc.passages.filter((p) => p.attrs.marker === '-').map((p) => p.text.slice(0, 16))).toEqual(['- In training, a', '- The AI system ']);
    expect(doc.footnotes).toEqual([]);
  });
});

describe('scheming-ais-section-3 (004)', () => {
  const doc = docs['scheming-ais-section-3'];

  it('merges the hard-wrapped rendering with the unwrapped one', () => {
    expect(doc.warnings).toEqual(['merged 2 renderings of the document']);
    // No paragraph ends mid-sentence because of a hard wrap.
    expect(doc.passages.filter((p) => p.kind === 'paragraph' && !endsCleanly(p.text)).map((p) => p.text)).toEqual([]);
  });

  it('has all sixteen footnotes, each ending with its back arrow and referred to once', () => {
    expect(notesOf('scheming-ais-section-3').map((n) => n.attrs.label)).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1)));
    for (const note of notesOf('scheming-ais-section-3')) expect(note.text).toMatch(/↩︎$/u);
    expect(doc.footnotes.every((f) => f.passageId !== null && f.refs.length === 1)).toBe(true);
  });

  it('finds its section headings and the numbered story steps', () => {
    expect(headings('scheming-ais-section-3')).toEqual(
      expect.arrayContaining([
        'Arguments for/against scheming that focus on the path that SGD takes',
        'The training-game-independent proxy-goals story',
        'The "nearest max-reward goal" story',
        'Overall assessment of arguments that focus on the path SGD takes',
      ]),
    );
    expect(doc.passages.filter((p) => /^\([abc]\)$/u.test(p.attrs.marker ?? '')).map((p) => p.text.slice(0, 14))).toEqual([
      '(a) humans who',
      '(b) humans who',
      '(c) humans wit',
    ]);
    expect(itemsAfter('scheming-ais-section-3', 'Here, the story goes:')).toEqual([
      expect.stringMatching(/^By the time the model becomes situationally aware/u),
      expect.stringMatching(/^But at that point, the world-model/u),
      expect.stringMatching(/^The easiest way for SGD/u),
      'So: SGD will make the model a schemer.',
    ]);
  });
});
