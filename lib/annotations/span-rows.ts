// The reading page's span rows as the database sends them (lib/annotations/reader-queries.ts): one text, rows
// joined by chr(31), fields by chr(30), a null as an empty field.
import type { HighlightSpan } from './types';

/** An annotation as the reading page's span query lists it: [id, kind, anchorStatus, anchoredStart, anchoredEnd, authorId, claimId, forClaimId, stance, value]. */
export type SpanRow = [
  string,
  HighlightSpan['kind'],
  string,
  number | null,
  number | null,
  string,
  string | null,
  string | null,
  HighlightSpan['stance'],
  number | null,
];

/** The rows of span query's text, or null when it does not split into `n` rows of 10 fields. */
export function splitSpanRows(text: string, n: number): SpanRow[] | null {
  const lines = text.split(ROW_SEPARATOR);
  if (lines.length !== n) return null;
  const rows = new Array<SpanRow>(n);
  const orNull = (field: string): string | null => (field === '' ? null : field);
  const numberOrNull = (field: string): number | null => (field === '' ? null : Number(field));
  for (let i = 0; i < n; i++) {
    const f = (lines[i] as string).split(FIELD_SEPARATOR);
    if (f.length !== 10) return null;
    rows[i] = [
      f[0] as string,
      f[1] as HighlightSpan['kind'],
      f[2] as string,
      numberOrNull(f[3] as string),
      numberOrNull(f[4] as string),
      f[5] as string,
      orNull(f[6] as string),
      orNull(f[7] as string),
      orNull(f[8] as string) as HighlightSpan['stance'],
      numberOrNull(f[9] as string),
    ];
  }
  return rows;
}

const ROW_SEPARATOR = String.fromCharCode(31);
const FIELD_SEPARATOR = String.fromCharCode(30);

