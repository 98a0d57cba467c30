// The workspace dump's file format (`cruxmap workspace dump` / `restore`): gzip'd JSON lines. The first line is
// the header {type: "header", format: DUMP_FORMAT, version: DUMP_VERSION, workspace, users, dumpedAt}; then one
// {type: "row", table, row} per row, tables in DUMP_TABLES order (a row is the table's row as to_jsonb writes it);
// the last line is {type: "end", counts}, so a truncated file is refused. Pure.

export const DUMP_FORMAT = 'cruxmap-workspace-dump';
export const DUMP_VERSION = 1;

export type DumpTable = {
  table: string;
  /** the text expression rows are paged by (alias t) */
  key: string;
  /** columns holding ids of this dump's rows, remapped on restore */
  refs: string[];
  /** of those, the ones that may point to a row written later: inserted empty, set once every row is in */
  deferred?: string[];
  /** columns holding user ids, mapped to the target's accounts */
  users: string[];
  /** JSON columns whose ids are remapped inside the JSON text */
  json?: string[];
  /** the row's own id is remapped, kept (Passage: content-derived, unique within its version), given by the database
   * (serial), or the table has none (its primary key is made of references: DocumentVisit) */
  id: 'remap' | 'keep' | 'serial' | 'none';
};

export const DUMP_TABLES: DumpTable[] = [
  { table: 'Membership', key: 't.id', id: 'remap', refs: [], users: ['userId'] },
  { table: 'Document', key: 't.id', id: 'remap', refs: ['currentVersionId'], deferred: ['currentVersionId'], users: ['createdById'] },
  { table: 'DocumentVersion', key: 't.id', id: 'remap', refs: ['documentId'], users: [] },
  { table: 'Passage', key: `t."versionId" || ' ' || t.id`, id: 'keep', refs: ['versionId'], users: [] },
  { table: 'Claim', key: 't.id', id: 'remap', refs: ['mergedIntoId'], deferred: ['mergedIntoId'], users: ['createdById', 'mergedById'] },
  { table: 'ClaimRevision', key: 't.id', id: 'remap', refs: ['claimId'], users: ['editedById'] },
  {
    table: 'Annotation',
    key: 't.id',
    id: 'remap',
    refs: ['documentId', 'versionId', 'claimId', 'forClaimId', 'anchoredVersionId'],
    users: ['authorId', 'resolvedById', 'hiddenById', 'deletedById'],
  },
  { table: 'Credence', key: 't.id', id: 'remap', refs: ['claimId', 'annotationId'], users: ['userId'] },
  { table: 'CredenceRevision', key: 't.id', id: 'remap', refs: ['credenceId', 'claimId'], users: ['userId'] },
  { table: 'CruxLink', key: 't.id', id: 'remap', refs: ['cruxClaimId', 'forClaimId'], users: [] },
  { table: 'CruxConditional', key: 't.id', id: 'remap', refs: ['linkId'], users: ['userId'] },
  { table: 'CruxConditionalRevision', key: 't.id', id: 'remap', refs: ['conditionalId'], users: ['userId'] },
  { table: 'Reply', key: 't.id', id: 'remap', refs: ['annotationId', 'parentId'], deferred: ['parentId'], users: ['authorId', 'hiddenById', 'deletedById'] },
  { table: 'Round', key: 't.id', id: 'remap', refs: ['documentId'], users: ['openedById'] },
  // owners' assignments (with the "due soon" notice's time, so a restore does not notify again) and each reader's
  // last visit per document (so "new since my last visit" marks the same things after a move)
  { table: 'Assignment', key: 't.id', id: 'remap', refs: ['documentId'], users: ['userId', 'createdById'] },
  { table: 'DocumentVisit', key: `t."documentId" || ' ' || t."userId"`, id: 'none', refs: ['documentId'], users: ['userId'] },
  // after every row its undo record names
  { table: 'ClaimMerge', key: 't.id', id: 'remap', refs: ['sourceId', 'targetId'], users: ['mergedById', 'undoneById'], json: ['undo'] },
  { table: 'AuditLog', key: `lpad(t.id::text, 20, '0')`, id: 'serial', refs: ['entityId'], users: ['actorId'], json: ['data'] },
];

export type DumpUser = { id: string; email: string; name: string };

export type DumpHeader = {
  type: 'header';
  format: typeof DUMP_FORMAT;
  version: number;
  dumpedAt: string;
  workspace: { id: string; slug: string; name: string; visibility: string; licence?: string | null };
  users: DumpUser[];
  /** what the lines were made from: a dump file (absent), or a data package read by lib/datasets/package/package-import.ts */
  source?: 'package';
};

export type DumpLine = DumpHeader | { type: 'row'; table: string; row: Record<string, unknown> } | { type: 'end'; counts: Record<string, number> };

/** ids inside JSON text and entity ids: cuid-like tokens */
export const ID_TOKEN = /[a-z0-9]{20,}/gi;
