// Whether a document's first passage repeats its title (a Markdown file's "# Title" imported with the same title):
// then the reading page shows the heading as the title instead of showing the title twice. Pure.

/** Text compared for sameness: Unicode-normalised, case-folded, quotes and dashes unified, punctuation and spacing ignored. */
export function normalizeTitle(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201c\u201d"'`]/g, '')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[^\p{L}\p{N}-]+/gu, ' ')
    .trim();
}

/** The id of the first passage when it is a heading whose text equals the title (normalised), else null. */
export function titleHeadingId(title: string, passages: readonly { id: string; kind: string; text: string }[]): string | null {
  const first = passages.find((p) => p.kind !== 'footnote');
  if (!first || first.kind !== 'heading') return null;
  const wanted = normalizeTitle(title);
  return wanted !== '' && normalizeTitle(first.text) === wanted ? first.id : null;
}
