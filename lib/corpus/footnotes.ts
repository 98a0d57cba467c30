// Footnotes whose notes sit as ordinary paragraphs at the end of a text: notes ending with a back arrow "↩︎"
// (one or more paragraphs each), a trailing numbered list ("1. The note."), or bare trailing lines, one per
// marker. Markers are "[1]"-style labels left in the body text as they are.
import type { Paragraph } from './token-stream';

const markerSource = String.raw`\[(\d{1,3})\]`;
export const markerPattern = (): RegExp => new RegExp(markerSource, 'gu');
const backArrowEnd = /\u21A9\uFE0E?\s*$/u;
const numberedNote = /^(\d{1,3})[.)]\s+(?=\S)/u;
/** A note spanning more paragraphs than this is not a note. */
const maxNoteParagraphs = 15;

export type NoteDetection = { body: Paragraph[]; notes: Map<string, string>; description: string | null };

export function markerLabels(text: string): string[] {
  return [...text.matchAll(markerPattern())].map((m) => String(Number(m[1])));
}

/** Orders footnote labels numerically ("2" before "10"). */
export const byNumber = (x: string, y: string): number => Number(x) - Number(y) || x.localeCompare(y);

function labelCounts(paragraphs: Paragraph[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const p of paragraphs) for (const label of markerLabels(p.text)) counts.set(label, (counts.get(label) ?? 0) + 1);
  return counts;
}

/** Finds trailing footnotes in `paragraphs`; `body` is what is left. */
export function detectTrailingNotes(paragraphs: Paragraph[]): NoteDetection {
  return backArrowNotes(paragraphs) ?? numberedNotes(paragraphs) ?? bareNotes(paragraphs) ?? { body: paragraphs, notes: new Map(), description: null };
}

function backArrowNotes(paragraphs: Paragraph[]): NoteDetection | null {
  const ends = paragraphs.flatMap((p, i) => (backArrowEnd.test(p.text) ? [i] : []));
  const last = ends.at(-1);
  if (last === undefined) return null;
  // Walk back from the last note: each note runs from just after the previous note's arrow to its own.
  const groups: [number, number][] = [];
  let k = ends.length - 1;
  for (;;) {
    const end = ends[k] as number;
    const previous = ends[k - 1];
    if (previous !== undefined && end - previous <= maxNoteParagraphs) {
      groups.unshift([previous + 1, end]);
      k--;
      continue;
    }
    // The first note: the paragraphs before it are body text, so it is taken as one paragraph.
    groups.unshift([end, end]);
    break;
  }
  const first = (groups[0] as [number, number])[0];
  const body = [...paragraphs.slice(0, first), ...paragraphs.slice(last + 1)];
  const labels = [...labelCounts(body).keys()].sort(byNumber);
  // Without any marker in the text, a paragraph ending in an arrow is just a paragraph.
  if (labels.length === 0) return null;
  const notes = new Map<string, string>();
  groups.forEach(([from, to], i) => {
    const label = groups.length === labels.length ? (labels[i] as string) : String(i + 1);
    notes.set(label, paragraphs.slice(from, to + 1).map((p) => p.text).join('\n'));
  });
  return { body, notes, description: `${groups.length} footnotes ending with "↩︎"` };
}

function numberedNotes(paragraphs: Paragraph[]): NoteDetection | null {
  let start = paragraphs.length;
  while (start > 0 && numberedNote.test(paragraphs[start - 1]?.text ?? '')) start--;
  if (start === paragraphs.length || start === 0) return null;
  const trailing = paragraphs.slice(start);
  const numbers = trailing.map((p) => Number(numberedNote.exec(p.text)?.[1]));
  if (numbers.some((n, i) => n !== (numbers[0] as number) + i)) return null;
  const body = paragraphs.slice(0, start);
  const counts = labelCounts(body);
  if (!numbers.every((n) => counts.has(String(n)))) return null;
  const notes = new Map<string, string>();
  trailing.forEach((p, i) => notes.set(String(numbers[i]), p.text.replace(numberedNote, '')));
  return { body, notes, description: `${trailing.length} numbered footnotes at the end` };
}

/**
 * Bare trailing lines, as in a scrape that dropped the notes' numbering: only when markers [1]..[N] each occur
 * once, and the last N paragraphs carry no markers of their own.
 */
function bareNotes(paragraphs: Paragraph[]): NoteDetection | null {
  const counts = labelCounts(paragraphs);
  const n = counts.size;
  if (n === 0 || n > 30 || paragraphs.length < 3 * n) return null;
  for (let label = 1; label <= n; label++) if (counts.get(String(label)) !== 1) return null;
  const trailing = paragraphs.slice(-n);
  if (trailing.some((p) => markerLabels(p.text).length > 0 || p.meta?.kind)) return null;
  const notes = new Map<string, string>();
  trailing.forEach((p, i) => notes.set(String(i + 1), p.text));
  return { body: paragraphs.slice(0, -n), notes, description: `took the last ${n} paragraphs as footnotes 1–${n}` };
}

