// Pure: which sentences of a text become the demo's claims. A claim is one sentence of an argumentative
// paragraph — long enough to say something, short enough to read in a table, and worded as an assertion — picked
// evenly through the document so the heat strip has something to show from top to bottom.

export type PassageText = { id: string; kind: string; start: number; text: string };

/** A sentence of the version text: its range and words. */
export type Sentence = { passageId: string; start: number; end: number; text: string };

const MIN_LENGTH = 70;
const MAX_LENGTH = 240;

/** Words that make a sentence read as a claim someone could put a probability on. */
const ASSERTIVE = /\b(?:will|would|likely|unlikely|probably|can(?:not)?|could|should|must|is|are|seems?|expect|predict)\b/i;
/** Words of a forecast or a strong thesis: the best claims to rate. */
const FORECAST = /\b(?:will|likely|unlikely|probably|expect|predict|plausible|harder|easier|more|less)\b/i;
/** Openings of a sentence that leans on the one before it, or talks about the conversation instead of the world. */
const DISCOURSE =
  /^(?:But|Or|And|So|Then|Hmm|Note|Also|However, I|In addition|Thus, for example|You|Your|Per |The word|The wiki|This is not|This means|That|E\.g|If|Instead|Finally|Indeed|For now|As it happens|With that said|In the section|I (?:acknowledge|won't|guess|suppose|mean|agree|want))\b/;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Sentences of one paragraph (Unicode sentence boundaries, UAX #29), with offsets into the version text. */
export function sentencesOf(passage: PassageText): Sentence[] {
  const sentences: Sentence[] = [];
  for (const { segment, index } of segmenter.segment(passage.text)) {
    const lead = segment.length - segment.trimStart().length;
    const text = segment.trim();
    if (text) sentences.push({ passageId: passage.id, start: passage.start + index + lead, end: passage.start + index + lead + text.length, text });
  }
  return sentences;
}

/** Does this sentence read as a claim: an assertion of fair length, not a question, quote fragment or link list? */
export function isClaimLike(sentence: string, strict = true): boolean {
  if (sentence.length < MIN_LENGTH || sentence.length > MAX_LENGTH) return false;
  if (!/^[A-Z"“]/.test(sentence) || !/[.!]["”’)]?$/.test(sentence) || /\b(?:e\.g|i\.e|etc)\.$/.test(sentence)) return false;
  if (/[?^|]|https?:|\[\d+\]|\[insert|["“]$/.test(sentence)) return false;
  return ASSERTIVE.test(sentence) && !(strict && DISCOURSE.test(sentence));
}

/** How good a claim the sentence makes: forecasts and theses first, first-person asides last. */
export function claimScore(sentence: string): number {
  let score = 0;
  if (FORECAST.test(sentence)) score += 2;
  if (/^I (?:think|expect|argue)\b/.test(sentence)) score -= 0.5;
  else if (/^(?:I|We)\b/.test(sentence)) score -= 2;
  if (/^["“]/.test(sentence)) score -= 2;
  // medium length reads best in a table
  score -= Math.abs(sentence.length - 140) / 100;
  return score;
}

/**
 * `count` claims: the best claim-like sentence of each of `count` equal stretches of the document, in document
 * order. A conversational text with too few clean assertions also offers the sentences that lean on context.
 */
export function pickClaimSentences(passages: readonly PassageText[], count: number): Sentence[] {
  const sentences = passages.filter((p) => p.kind === 'paragraph' || p.kind === 'list_item' || p.kind === 'quote').flatMap((p) => sentencesOf(p));
  const strict = sentences.filter((s) => isClaimLike(s.text));
  const candidates = strict.length >= count ? strict : sentences.filter((s) => isClaimLike(s.text, false));
  if (candidates.length <= count) return candidates;
  const picked: Sentence[] = [];
  for (let i = 0; i < count; i++) {
    const stretch = candidates.slice(Math.floor((i * candidates.length) / count), Math.floor(((i + 1) * candidates.length) / count));
    const best = stretch.reduce((a, b) => (claimScore(b.text) > claimScore(a.text) ? b : a));
    picked.push(best);
  }
  return picked;
}
