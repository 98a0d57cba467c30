// The `jsonl` format: a meta line, then one self-contained annotation per line. Each line is JSON.stringify of a
// plain object (never hand-concatenated), so every line parses whatever the text holds (quotes, newlines,
// U+2028, lone surrogates are impossible: selectors never cut a surrogate pair).
import {
  DATASET_SCHEMA_VERSION,
  roundedRevisions,
  visibleValue,
  type ExportContext,
  type ExportFilters,
  type ExportRecord,
  type PassageRecord,
} from './model';

export type ExportCounts = {
  annotations: number;
  byKind: Record<string, number>;
  documents: number;
  authors: number;
  /** W3C exports only: the replies that follow their annotations as `replying` annotations */
  replies?: number;
};

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
/** One reply of an annotation's thread, as both jsonl forms write it. */
function replyObject(reply: ExportRecord['replies'][number], { identities }: ExportContext) {
  return {
    id: reply.id,
    parentId: reply.parentId,
    author: identities.user(reply.authorId, reply.authorName, reply.authorEmail),
    text: reply.text,
    tiptap: reply.body,
    hidden: reply.hidden,
    deleted: reply.deleted,
    createdAt: reply.createdAt,
    updatedAt: reply.updatedAt,
  };
}

/** A rating: its value, the round of that value, and every value it has had with its round (empty when hidden). */
function probabilityObject(record: ExportRecord, value: number | null, context: ExportContext) {
  const revisions = roundedRevisions(record, context) ?? [];
  const current = value === null ? undefined : revisions[revisions.length - 1];
  return { value, round: current ? current.round : null, revisions };
}

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
    claim: record.claimId === null ? null : { id: record.claimId, statement: record.claimStatement ?? '', mergedFrom: context.claims.mergedFrom(record.claimId) },
    probability: record.kind === 'probability' ? probabilityObject(record, value, context) : null,
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
    replies: record.replies.map((reply) => replyObject(reply, context)),
  };
}

/** JSON text of a value; `undefined` (never produced here, but cheap to rule out) becomes null. */
const json = (value: unknown): string => JSON.stringify(value ?? null);

/**
 * The passages' JSON (ids and texts), kept per version and range: passage texts are most of a line's bytes, and
 * many annotations share their passages, so each array is encoded once. Bounded, so memory stays flat.
 */
export class PassageJsonCache {
  private readonly cache = new Map<string, { ids: string; texts: string }>();

  constructor(private readonly limit = 20_000) {}

  get(record: ExportRecord, passages: readonly PassageRecord[]): { ids: string; texts: string } {
    if (passages.length === 0) return { ids: '[]', texts: '[]' };
    const key = `${record.anchoredVersionId ?? ''}\n${passages.map((p) => p.id).join('\n')}`;
    let hit = this.cache.get(key);
    if (!hit) {
      if (this.cache.size >= this.limit) this.cache.clear();
      hit = { ids: json(passages.map((p) => p.id)), texts: json(passages.map((p) => p.text)) };
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/**
 * One annotation's line: the same JSON as JSON.stringify(jsonlObject(…)) (a unit test holds them equal), written
 * as constant keys joined with JSON.stringify of each value, so the shared passage arrays are encoded only once.
 * Valid by construction: every value is JSON.stringify output, every key a constant JSON string.
 */
export function jsonlLine(record: ExportRecord, passages: readonly PassageRecord[], context: ExportContext, cache?: PassageJsonCache): string {
  const { identities } = context;
  const encoded = (cache ?? new PassageJsonCache(1)).get(record, passages);
  const value = record.kind === 'probability' ? visibleValue(record, context) : null;
  const probability = record.kind === 'probability' ? json(probabilityObject(record, value, context)) : 'null';
  const evidence = record.kind === 'evidence' ? `{"stance":${json(record.stance)},"strength":${json(record.strength)},"source":${json(record.source)}}` : 'null';
  const crux =
    record.kind === 'crux'
      ? `{"forClaim":${record.forClaimId === null ? 'null' : `{"id":${json(record.forClaimId)},"statement":${json(record.forClaimStatement ?? '')}}`},"direction":${json(record.direction)}}`
      : 'null';
  const replies =
    record.replies.length === 0
      ? '[]'
      : json(record.replies.map((reply) => replyObject(reply, context)));
  return (
    `{"type":"annotation","id":${json(record.id)}` +
    `,"workspace":{"id":${json(record.workspaceId)},"slug":${json(context.workspaceSlug)}}` +
    `,"document":{"id":${json(record.documentId)},"slug":${json(record.documentSlug)},"title":${json(record.documentTitle)},"version":${json(record.versionNumber)},"versionId":${json(record.versionId)}}` +
    `,"kind":${json(record.kind)}` +
    `,"claim":${record.claimId === null ? 'null' : `{"id":${json(record.claimId)},"statement":${json(record.claimStatement ?? '')},"mergedFrom":${json(context.claims.mergedFrom(record.claimId))}}`}` +
    `,"probability":${probability},"evidence":${evidence},"crux":${crux}` +
    `,"target":{"exact":${json(record.exact)},"prefix":${json(record.prefix)},"suffix":${json(record.suffix)},"start":${json(record.start)},"end":${json(record.end)}}` +
    `,"anchor":{"status":${json(record.anchorStatus)},"versionId":${json(record.anchoredVersionId)},"start":${json(record.anchoredStart)},"end":${json(record.anchoredEnd)},"passageIds":${encoded.ids},"passageTexts":${encoded.texts}}` +
    `,"rationale":{"text":${json(record.rationaleText ?? '')},"tiptap":${json(record.rationale)}}` +
    `,"author":${json(identities.user(record.authorId, record.authorName, record.authorEmail))}` +
    `,"importedCreator":${record.externalCreator ? json(identities.external(record.externalCreator)) : 'null'}` +
    `,"importedFrom":${record.externalId === null ? 'null' : `{"source":${json(record.externalSource)},"id":${json(record.externalId)}}`}` +
    `,"resolved":${json(record.resolved)},"hidden":${json(record.hidden)},"version":${json(record.version)}` +
    `,"createdAt":${json(record.createdAt)},"updatedAt":${json(record.updatedAt)},"replies":${replies}}\n`
  );
}
