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

/** A fragment from inside a longer text says so: "… " before when it does not start the text, " …" after when it does not end it. */
export function withEllipses(segments: SnippetSegment[], textHead: string, textTail: string): SnippetSegment[] {
  const flat = (value: string) => value.replace(/\s+/g, ' ').trim();
  const shown = flat(segments.map((s) => s.text).join(''));
  const head = flat(textHead).slice(0, 12);
  const tail = flat(textTail).slice(-12);
  const result = segments.map((s) => ({ ...s }));
  if (shown === '') return result;
  if (!shown.startsWith(head)) result.unshift({ text: '… ', match: false });
  if (!shown.endsWith(tail)) result.push({ text: ' …', match: false });
  // keep segments alternating: merge the ellipses into neighbouring plain text
  return result.reduce<SnippetSegment[]>((merged, s) => {
    const last = merged.at(-1);
    if (last && last.match === s.match) last.text += s.text;
    else merged.push(s);
    return merged;
  }, []);
}
