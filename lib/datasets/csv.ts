// The `csv` format (one row per annotation, flat columns) and the `credences` matrix (rows reviewers, columns
// claims): RFC 4180 (CRLF line ends, fields with a comma, quote or line break quoted, quotes doubled), UTF-8 with
// no byte-order mark, a header row. A text cell that a spreadsheet would read as a formula (=, +, -, @, tab or
// carriage return first) is neutralised with a leading apostrophe; numbers are written as numbers.
import { roundedRevisions, visibleValue, type ExportContext, type ExportRecord, type PassageRecord } from './model';

export type Cell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as a spreadsheet will show it, never run it: `=1+1` becomes `'=1+1`. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, quoted when RFC 4180 needs it. Strings are neutralised; numbers and booleans are written as is. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export const annotationColumns = [
  'id',
  'workspace',
  'document_slug',
  'document_title',
  'document_version',
  'kind',
  'claim_id',
  'claim_statement',
  'probability',
  'stance',
  'strength',
  'source',
  'for_claim_id',
  'for_claim_statement',
  'direction',
  'exact',
  'prefix',
  'suffix',
  'start',
  'end',
  'anchor_status',
  'anchor_start',
  'anchor_end',
  'passage_ids',
  'rationale',
  'author_id',
  'author_name',
  'author_email',
  'imported_creator',
  'resolved',
  'hidden',
  'reply_count',
  'created_at',
  'updated_at',
  'round',
  'revisions',
  'claim_merged_from',
  'replies',
] as const;

export const csvHeader = (): string => csvRow(annotationColumns);

/** The row's cells, in `annotationColumns` order. */
export function csvCells(record: ExportRecord, passages: readonly PassageRecord[], context: ExportContext): Cell[] {
  const author = context.identities.user(record.authorId, record.authorName, record.authorEmail);
  const external = record.externalCreator ? context.identities.external(record.externalCreator) : null;
  // a rating's round (of its current value) and how many values it has had: empty where blind review hides it
  const revisions = record.kind === 'probability' && visibleValue(record, context) !== null ? roundedRevisions(record, context) : null;
  const current = revisions && revisions.length > 0 ? revisions[revisions.length - 1] : undefined;
  return [
    record.id,
    context.workspaceSlug,
    record.documentSlug,
    record.documentTitle,
    record.versionNumber,
    record.kind,
    record.claimId,
    record.claimStatement,
    record.kind === 'probability' ? visibleValue(record, context) : null,
    record.stance,
    record.strength,
    record.source,
    record.forClaimId,
    record.forClaimStatement,
    record.direction,
    record.exact,
    record.prefix,
    record.suffix,
    record.start,
    record.end,
    record.anchorStatus,
    record.anchoredStart,
    record.anchoredEnd,
    passages.map((p) => p.id).join(' '),
    record.rationaleText ?? '',
    author.id,
    author.name,
    author.email,
    external ? (external.name ?? external.id ?? '') : null,
    record.resolved,
    record.hidden,
    record.replies.filter((reply) => reply.listed).length,
    record.createdAt,
    record.updatedAt,
    current ? current.round : null,
    revisions && revisions.length > 0 ? revisions.length : null,
    record.claimId === null ? null : context.claims.mergedFrom(record.claimId).join(';'),
    record.replies.length === 0 ? '[]' : JSON.stringify(record.replies.map((reply) => replyCells(reply, context))),
  ];
}

/** A reply in the CSV's `replies` cell: the JSONL's reply, author shown as the export shows people. */
function replyCells(reply: ExportRecord['replies'][number], context: ExportContext) {
  const author = context.identities.user(reply.authorId, reply.authorName, reply.authorEmail);
  return { id: reply.id, parentId: reply.parentId, author: author.name, authorId: author.id, text: reply.text, hidden: reply.hidden, deleted: reply.deleted, createdAt: reply.createdAt };
}

export function csvLine(record: ExportRecord, passages: readonly PassageRecord[], context: ExportContext): string {
  return csvRow(csvCells(record, passages, context));
}

/** The credence matrix's header: reviewer id and name, then one column per claim (its id). */
export function credenceHeader(claimIds: readonly string[]): string {
  return csvRow(['reviewer_id', 'reviewer_name', ...claimIds]);
}

/** The credence matrix's claims file: one row per matrix column, in the matrix's order. */
export function credenceClaimsHeader(): string {
  return csvRow(['claim_id', 'statement', 'merged_from']);
}

export function credenceClaimRow(claim: { id: string; statement: string; mergedFrom: readonly string[] }): string {
  return csvRow([claim.id, claim.statement, claim.mergedFrom.join(';')]);
}

/** One reviewer's row: their current credence per claim column, empty where they gave none (or may not be seen). */
export function credenceRow(reviewer: { id: string; name: string }, values: ReadonlyMap<string, number>, claimIds: readonly string[]): string {
  return csvRow([reviewer.id, reviewer.name, ...claimIds.map((id) => values.get(id) ?? null)]);
}
