// The `jsonl` format: a meta line, then one self-contained annotation per line. Each line is JSON.stringify of a
// plain object (never hand-concatenated), so every line parses whatever the text holds (quotes, newlines,
// U+2028, lone surrogates are impossible: selectors never cut a surrogate pair).
import {
  DATASET_SCHEMA_VERSION,
  visibleRevisions,
  visibleValue,
  type ExportContext,
  type ExportFilters,
  type ExportRecord,
  type PassageRecord,
} from './model';

export type ExportCounts = { annotations: number; byKind: Record<string, number>; documents: number; authors: number };

export type MetaLine = {
  type: 'meta';
  schemaVersion: string;
  format: 'jsonl';
  exportedAt: string;
  workspace: { id: string; slug: string; name: string };
  filters: { documents: string[]; kinds: string[]; authors: string[]; from: string | null; to: string | null; pseudonymise: boolean };
  counts: ExportCounts;
};

export function filtersJson(filters: ExportFilters, context: ExportContext): MetaLine['filters'] {
  return {
    documents: filters.documents,
    kinds: filters.kinds,
    // a pseudonymised export does not name the people it was filtered on either
    authors: filters.pseudonymise ? filters.authors.map((id) => context.identities.pseudonym(`user:${id}`)) : filters.authors,
    from: filters.from?.toISOString() ?? null,
    to: filters.to?.toISOString() ?? null,
    pseudonymise: filters.pseudonymise,
  };
}

export function metaLine(meta: Omit<MetaLine, 'type' | 'schemaVersion' | 'format'>): string {
  const line: MetaLine = { type: 'meta', schemaVersion: DATASET_SCHEMA_VERSION, format: 'jsonl', ...meta };
  return `${JSON.stringify(line)}\n`;
}

/** One annotation as a JSON object (the jsonl line's content). */
export function jsonlObject(record: ExportRecord, passages: readonly PassageRecord[], context: ExportContext) {
  const { identities } = context;
  const author = identities.user(record.authorId, record.authorName, record.authorEmail);
  const value = visibleValue(record, context);
  return {
    type: 'annotation' as const,
    id: record.id,
    workspace: { id: record.workspaceId, slug: context.workspaceSlug },
    document: { id: record.documentId, slug: record.documentSlug, title: record.documentTitle, version: record.versionNumber, versionId: record.versionId },
    kind: record.kind,
    claim: record.claimId === null ? null : { id: record.claimId, statement: record.claimStatement ?? '' },
    probability: record.kind === 'probability' ? { value, revisions: visibleRevisions(record, context) ?? [] } : null,
    evidence: record.kind === 'evidence' ? { stance: record.stance, strength: record.strength, source: record.source } : null,
    crux:
      record.kind === 'crux'
        ? { forClaim: record.forClaimId === null ? null : { id: record.forClaimId, statement: record.forClaimStatement ?? '' }, direction: record.direction }
        : null,
    target: {
      exact: record.exact,
      prefix: record.prefix,
      suffix: record.suffix,
      start: record.start,
      end: record.end,
    },
    anchor: {
      status: record.anchorStatus,
      versionId: record.anchoredVersionId,
      start: record.anchoredStart,
      end: record.anchoredEnd,
      passageIds: passages.map((p) => p.id),
      passageTexts: passages.map((p) => p.text),
    },
    rationale: { text: record.rationaleText ?? '', tiptap: record.rationale },
    author,
    importedCreator: record.externalCreator ? identities.external(record.externalCreator) : null,
    importedFrom: record.externalId === null ? null : { source: record.externalSource, id: record.externalId },
    resolved: record.resolved,
    hidden: record.hidden,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    replies: record.replies.map((reply) => ({
      id: reply.id,
      parentId: reply.parentId,
      author: identities.user(reply.authorId, reply.authorName, reply.authorEmail),
      text: reply.text,
      tiptap: reply.body,
      createdAt: reply.createdAt,
      updatedAt: reply.updatedAt,
    })),
  };
}

export function jsonlLine(record: ExportRecord, passages: readonly PassageRecord[], context: ExportContext): string {
  return `${JSON.stringify(jsonlObject(record, passages, context))}\n`;
}
