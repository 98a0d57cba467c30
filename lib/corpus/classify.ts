// Passage kinds for paragraphs whose source did not mark them up (plain text): bare short lines without final
// punctuation become headings, runs of lines after a colon become list items, and a paragraph repeating
// earlier text (a line quoted again in a comment) becomes a quote.
import type { PassageAttrs, PassageKind } from './schemas';
import { endsTerminal, endsWithColon, stripEnding } from './sentences';
import type { Paragraph } from './token-stream';

export type ClassifiedParagraph = { text: string; kind: PassageKind; attrs: PassageAttrs };

const maxHeadingLength = 120;
const maxHeadingWords = 16;
const maxItemLength = 600;
/** More bare "items" than this in a row are paragraphs of prose, not a list. */
const maxBareItems = 8;
const minQuoteWords = 5;
// Prose resumes after a list with a connective that refers back to it.
const listEnders =
  /^(?:Thus|Hence|Therefore|Overall|So overall|Call this|In short|In sum|In summary|To summarize|That said|And|Of course|Indeed|For example|Which|Now|Still|However)\b/u;
// Full-sentence "items" that read like a reply or an aside end the list (comment threads are prose).
const replyOpeners = /^(?:I|I’m|I'm|I’d|I'd|I’ve|I've|My|We|Thanks|OK|Ok|Yes|No|Sure|Sorry|If so|So|There are|There is)\b(?!:)|^[(…\p{Ll}]/u;
/** Full-sentence items are only a list in short runs of modest paragraphs. */
const maxSentenceItems = 6;
const maxSentenceItemLength = 400;

// Headings do not open with a conjunction or with "I" plus a verb; those are sentence fragments.
const proseOpeners = /^(?:And|But|Or|So|Because|That|I)\s/u;

function looksLikeHeading(text: string, allowQuestion = false): boolean {
  if (text.length > maxHeadingLength || text.split(' ').length > maxHeadingWords) return false;
  if (!/^["“‘]?[\p{Lu}\d]/u.test(text) || /^https?:/u.test(text) || proseOpeners.test(text)) return false;
  const ending = allowQuestion ? stripEnding(text).replace(/\?$/u, '') : stripEnding(text);
  if (/[.!?…:;,]$/u.test(ending) || (!allowQuestion && /[.!?…:;,]$/u.test(text))) return false;
  // A period inside ("et al. (2023)", "done. Then") makes it prose.
  return !/[.!?]\s/u.test(allowQuestion ? text.replace(/\?["”’]?$/u, '') : text);
}

const numberWords: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
/** "…into three dimensions:" (in the intro's last sentence) announces how many items follow. */
function announcedCount(intro: string): number | undefined {
  const lastSentence = intro.split(/(?<=[.!?])\s+/u).at(-1) ?? intro;
  const match = /\b(two|three|four|five|six|seven|eight|nine|ten|[2-9])\s+(?:[\p{L}-]+\s+){0,3}?[\p{L}-]+s\b/iu.exec(lastSentence);
  if (!match) return undefined;
  const word = (match[1] as string).toLowerCase();
  return numberWords[word] ?? Number(word);
}

export function classifyParagraphs(paragraphs: Paragraph[], inferFromText: boolean): ClassifiedParagraph[] {
  const out: ClassifiedParagraph[] = paragraphs.map((p) => {
    const meta = p.meta;
    if (!meta?.kind) return { text: p.text, kind: 'paragraph', attrs: {} };
    const attrs: PassageAttrs = {};
    if (meta.level !== undefined) attrs.level = meta.level;
    if (meta.marker !== undefined) attrs.marker = meta.marker;
    return { text: p.text, kind: meta.kind, attrs };
  });
  markRepeatsAsQuotes(out);
  const inferable = paragraphs.map((p, i) => inferFromText && !p.meta?.kind && out[i]?.kind === 'paragraph');

  if (inferFromText) {
    // Headings: a bare short line after a finished sentence (or at the top), before more text.
    for (let i = 0; i < out.length; i++) {
      const current = out[i] as ClassifiedParagraph;
      if (!inferable[i] || !looksLikeHeading(current.text)) continue;
      const previous = out[i - 1];
      const next = out[i + 1];
      if (!next) continue;
      const afterSentence = !previous || previous.kind === 'heading' || endsTerminal(previous.text);
      const nextIsHeadingLike = inferable[i + 1] && looksLikeHeading(next.text);
      if (afterSentence && !nextIsHeadingLike) {
        current.kind = 'heading';
        current.attrs = { level: 2 };
      }
    }
    // Question headings ("Which model is nearest?") only in a document already organised by headings.
    if (out.filter((p) => p.kind === 'heading').length >= 3) {
      for (let i = 1; i + 1 < out.length; i++) {
        const current = out[i] as ClassifiedParagraph;
        const previous = out[i - 1] as ClassifiedParagraph;
        const next = out[i + 1] as ClassifiedParagraph;
        if (!inferable[i] || current.kind !== 'paragraph' || !/\?["”’]?$/u.test(current.text)) continue;
        if (current.text.split(' ').length > 8 || !looksLikeHeading(current.text, true)) continue;
        if (previous.kind === 'heading' || !endsTerminal(previous.text) || next.text.length < 200) continue;
        current.kind = 'heading';
        current.attrs = { level: 2 };
      }
    }
    // Bare lists: two or more item-like paragraphs after a paragraph ending with a colon.
    for (let i = 0; i < out.length; i++) {
      const intro = out[i] as ClassifiedParagraph;
      if (intro.kind !== 'paragraph' && intro.kind !== 'list_item') continue;
      if (!endsWithColon(intro.text)) continue;
      const announced = announcedCount(intro.text);
      if (announced !== undefined) {
        const candidates = out.slice(i + 1, i + 1 + announced);
        const fits = candidates.length === announced && candidates.every((c, k) => inferable[i + 1 + k] && c.kind === 'paragraph' && !endsWithColon(c.text) && c.text.length <= 2 * maxItemLength);
        if (fits) {
          for (const item of candidates) {
            item.kind = 'list_item';
            item.attrs = {};
          }
          i += announced;
          continue;
        }
      }
      const items: number[] = [];
      let punctuated: boolean | undefined;
      let longest = 0;
      for (let j = i + 1; j < out.length; j++) {
        const candidate = out[j] as ClassifiedParagraph;
        if (!inferable[j] || candidate.kind !== 'paragraph') break;
        const text = candidate.text;
        if (endsWithColon(text) || text.length > maxItemLength || listEnders.test(text)) break;
        if (longest > 0 && text.length > 3 * longest && text.length > 300) break;
        const hasStop = endsTerminal(text);
        if (punctuated === undefined) punctuated = hasStop;
        else if (!punctuated && hasStop) break;
        if (punctuated && (replyOpeners.test(text) || /\?["”’]?$/u.test(text) || text.length > maxSentenceItemLength)) break;
        items.push(j);
        longest = Math.max(longest, text.length);
      }
      if (items.length >= 2 && items.length <= (punctuated ? maxSentenceItems : maxBareItems)) {
        for (const j of items) {
          const item = out[j] as ClassifiedParagraph;
          item.kind = 'list_item';
          item.attrs = {};
        }
        i = items.at(-1) as number;
      }
    }
  }
  return out;
}

/**
 * A paragraph that repeats an earlier paragraph, or a stretch of one, word for word is a quotation (a reply
 * quoting the post); it stays where it is, as a quote.
 */
function markRepeatsAsQuotes(out: ClassifiedParagraph[]): void {
  let earlier = '';
  for (const paragraph of out) {
    const text = paragraph.text;
    if (paragraph.kind === 'paragraph' && text.split(' ').length >= minQuoteWords && earlier.includes(text)) {
      paragraph.kind = 'quote';
      continue;
    }
    earlier += `\u0000${text}`;
  }
}
