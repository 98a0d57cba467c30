// Snippets as data, never HTML: the database marks matched words with two control characters (ts_headline's
// StartSel/StopSel), which are removed from the text before it is marked; this splits the marked text into
// segments { text, match }. Linear in the text's length.

export type SnippetSegment = { text: string; match: boolean };

export const MATCH_START = '\u0001';
export const MATCH_STOP = '\u0002';

export function splitMarkedSnippet(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let current = '';
  const push = () => {
    if (current === '') return;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += current;
    else segments.push({ text: current, match });
    current = '';
  };
  for (const ch of marked) {
    if (ch === MATCH_START || ch === MATCH_STOP) {
      push();
      match = ch === MATCH_START;
    } else {
      current += ch;
    }
  }
  push();
  return segments;
}
