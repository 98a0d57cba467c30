// Site chrome that scrapes of LessWrong / Alignment Forum pages carry between the post and its comments:
// whole lines (or markup blocks) that are navigation, not text. Only exact whole-line matches are dropped.

const chromeLines: RegExp[] = [
  /^New to LessWrong\?$/i,
  /^Show Unapproved$/i,
  /^New Comment$/i,
  /^Submit$/i,
  /^Load More$/i,
  /^Moderation Log$/i,
  /^Mentioned in$/i,
  /^\d+\s+comments?,\s+sorted by\b.*$/i,
  /^Click to highlight new comments since.*$/i,
  /^Some comments are truncated due to high volume\..*$/i,
  /^\d+\s+min read$/i,
];

const isTermLine = (line: string): boolean =>
  line.length > 0 && line.length <= 60 && line.split(/\s+/).length <= 6 && !/[.!?:;,]$/.test(line);

/**
 * Indices of the lines to drop: the chrome lines themselves and, after a "Glossary" line, the term list that
 * follows it (short lines without punctuation, up to the next blank line).
 */
export function findChrome(lines: readonly string[]): Set<number> {
  const dropped = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (chromeLines.some((pattern) => pattern.test(line))) {
      dropped.add(i);
      continue;
    }
    if (/^Glossary$/i.test(line)) {
      let j = i + 1;
      while (j < lines.length && (lines[j] ?? '').trim() === '') j++;
      const terms: number[] = [];
      while (j < lines.length && isTermLine((lines[j] ?? '').trim()) && !chromeLines.some((p) => p.test((lines[j] ?? '').trim()))) {
        terms.push(j);
        j++;
      }
      if (terms.length > 0) {
        dropped.add(i);
        for (const t of terms) dropped.add(t);
        i = j - 1;
      }
    }
  }
  return dropped;
}
