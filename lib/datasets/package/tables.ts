// The tables of a data package (format=package): each one a CSV file with its Frictionless Table Schema (field
// types and descriptions, primary key, foreign keys) and the SQL parts that read its rows: one expression per field
// in order, the text key rows are sorted and paged by, and the FROM … WHERE …. Every statement filters on the workspace; what a non-owner may not see
// (hidden annotations and replies, archived documents, others' values on a claim blind review still hides, hidden
// statements) is left out or masked as in the other exports. Builds statements only: ./package-queries.ts runs them.
import { Prisma } from '../../generated/prisma/client';
import { HIDDEN_STATEMENT } from '../../context/hidden-statement';

export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime';
export type Field = { name: string; type: FieldType; description: string; format?: string; constraints?: { required?: boolean } };
export type ForeignKey = { fields: string | string[]; reference: { resource: string; fields: string | string[] } };

export type TableSpec = {
  name: string;
  description: string;
  fields: Field[];
  primaryKey: string | string[];
  foreignKeys: ForeignKey[];
  /** this table's rows: one expression per field in order, the text key rows are sorted and paged by, and the FROM … WHERE … */
  select: ((q: PackageQuery) => TableSelect) | null;
};

export type TableSelect = { columns: Prisma.Sql[]; key: Prisma.Sql; from: Prisma.Sql };

const raw = (...expressions: string[]): Prisma.Sql[] => expressions.map((e) => Prisma.raw(e));

/** Who the package is for: the workspace, the viewer's standing, and the claims blind review hides from them. */
export type PackageQuery = {
  workspaceId: string;
  isOwner: boolean;
  viewerId: string | null;
  /** owners exporting with identities: real user ids, names and emails; otherwise per-workspace pseudonyms */
  identities: boolean;
  /** claims whose other reviewers' values this viewer may not see yet (blind review) */
  hiddenClaims: string[];
};

/** The Table Schema datetime format the files use: ISO 8601 in UTC with milliseconds. */
export const DATETIME_FORMAT = '%Y-%m-%dT%H:%M:%S.%fZ';
const ISO = Prisma.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);
const at = (column: string): Prisma.Sql => Prisma.sql`to_char(${Prisma.raw(column)}, ${ISO})`;

/** A user as the package names them: the id, or `reviewer-` and 16 hex digits of md5(workspace id, user id). */
export function reviewerRef(q: PackageQuery, column: string): Prisma.Sql {
  const col = Prisma.raw(column);
  return q.identities ? Prisma.sql`${col}` : Prisma.sql`CASE WHEN ${col} IS NULL THEN NULL ELSE 'reviewer-' || left(md5(${q.workspaceId}::text || ':' || ${col}), 16) END`;
}

function statement(q: PackageQuery, claim: string): Prisma.Sql {
  const c = Prisma.raw(claim);
  return q.isOwner
    ? Prisma.sql`${c}.statement`
    : Prisma.sql`CASE WHEN ${c}."statementHidden" AND ${c}."createdById" IS DISTINCT FROM ${q.viewerId}::text THEN ${HIDDEN_STATEMENT}::text ELSE ${c}.statement END`;
}

/** Documents the viewer may see (owners: archived ones too). */
function documentVisible(q: PackageQuery, d: string): Prisma.Sql {
  return q.isOwner ? Prisma.sql`TRUE` : Prisma.sql`${Prisma.raw(d)}."archivedAt" IS NULL`;
}

/** Annotations the viewer may see: live, on a visible document, not hidden (unless theirs, or an owner). */
function annotationVisible(q: PackageQuery, a: string): Prisma.Sql {
  const x = Prisma.raw(a);
  const hidden = q.isOwner ? Prisma.sql`TRUE` : Prisma.sql`(${x}."hiddenAt" IS NULL OR ${x}."authorId" = ${q.viewerId}::text)`;
  return Prisma.sql`${x}."workspaceId" = ${q.workspaceId} AND ${x}."deletedAt" IS NULL AND ${hidden}
    AND EXISTS (SELECT 1 FROM "Document" ad WHERE ad."workspaceId" = ${x}."workspaceId" AND ad.id = ${x}."documentId" AND ${documentVisible(q, 'ad')})`;
}

/** A value of `userId` on `claimId` the viewer may see under blind review. */
function valueVisible(q: PackageQuery, claimColumn: string, userColumn: string): Prisma.Sql {
  if (q.hiddenClaims.length === 0) return Prisma.sql`TRUE`;
  return Prisma.sql`(NOT (${Prisma.raw(claimColumn)} = ANY(${q.hiddenClaims}::text[])) OR ${Prisma.raw(userColumn)} = ${q.viewerId}::text)`;
}

/**
 * The round a time falls in for a claim: the highest round opened on a document naming the claim by then, else 1.
 * `row` is the outer table's alias, whose workspace the subqueries keep to.
 */
function roundAt(row: string, claimColumn: string, time: string): Prisma.Sql {
  const ws = Prisma.raw(`${row}."workspaceId"`);
  return Prisma.sql`coalesce((SELECT max(ro.number) FROM "Round" ro
     WHERE ro."workspaceId" = ${ws} AND ro."openedAt" <= ${Prisma.raw(time)}
       AND ro."documentId" IN (SELECT x."documentId" FROM "Annotation" x
                                WHERE x."workspaceId" = ro."workspaceId" AND x."claimId" = ${Prisma.raw(claimColumn)} AND x."deletedAt" IS NULL)), 1)`;
}

const s = (name: string, description: string): Field => ({ name, type: 'string', description });
const req = (name: string, description: string): Field => ({ name, type: 'string', description, constraints: { required: true } });
const int = (name: string, description: string): Field => ({ name, type: 'integer', description });
const num = (name: string, description: string): Field => ({ name, type: 'number', description });
const bool = (name: string, description: string): Field => ({ name, type: 'boolean', description });
const time = (name: string, description: string): Field => ({ name, type: 'datetime', format: DATETIME_FORMAT, description });

/** The version of the per-claim formulas in claim_statistics (lib/aggregation/claims.ts; README "Data package"). */
export const FORMULA_VERSION = 'cruxmap-claim-stats-1';

export const PACKAGE_TABLES: TableSpec[] = [
  {
    name: 'documents',
    description: 'The documents of the workspace (owners also get archived ones).',
    primaryKey: 'id',
    foreignKeys: [],
    fields: [
      req('id', 'Document id'),
      s('slug', 'URL name of the document in the workspace'),
      s('title', 'Title'),
      s('author', 'Author of the text, as imported'),
      s('source', 'Where the text came from'),
      s('kind', 'Kind of document (post, paper, …)'),
      bool('blind', 'Blind review: reviewers see others\u2019 credences on its claims only after giving their own'),
      s('currentVersionId', 'The version annotations are anchored on now'),
      bool('archived', 'Archived by an owner'),
      time('createdAt', 'When the document was created (UTC)'),
    ],
    select: (q) => ({
      columns: [...raw('d.id', 'd.slug', 'd.title', 'd.author', 'd.source', 'd.kind', 'd.blind', 'd."currentVersionId"', 'd."archivedAt" IS NOT NULL'), at('d."createdAt"')],
      key: Prisma.raw('d.id'),
      from: Prisma.sql`"Document" d WHERE d."workspaceId" = ${q.workspaceId} AND ${documentVisible(q, 'd')}`,
    }),
  },
  {
    name: 'document_versions',
    description: 'Every imported text of each document; annotations name the version they were made on.',
    primaryKey: 'id',
    foreignKeys: [{ fields: 'documentId', reference: { resource: 'documents', fields: 'id' } }],
    fields: [
      req('id', 'Version id'),
      req('documentId', 'The document'),
      int('number', 'Version number, from 1'),
      s('contentHash', 'SHA-256 of the text'),
      s('sourceFormat', 'Format the text was imported from'),
      int('length', 'Length of the text in UTF-16 code units (the unit of start and end offsets)'),
      s('text', 'The canonical text'),
      time('createdAt', 'When the version was imported (UTC)'),
    ],
    select: (q) => ({
      columns: [...raw('v.id', 'v."documentId"', 'v.number', 'v."contentHash"', 'v."sourceFormat"', 'length(v.text)', 'v.text'), at('v."createdAt"')],
      key: Prisma.raw('v.id'),
      from: Prisma.sql`"DocumentVersion" v JOIN "Document" d ON d."workspaceId" = v."workspaceId" AND d.id = v."documentId"
       WHERE v."workspaceId" = ${q.workspaceId} AND ${documentVisible(q, 'd')}`,
    }),
  },
  {
    name: 'passages',
    description: 'The typed blocks (paragraphs, headings, …) of each version; text equals the version text at [start, end).',
    primaryKey: ['versionId', 'id'],
    foreignKeys: [{ fields: 'versionId', reference: { resource: 'document_versions', fields: 'id' } }],
    fields: [
      req('versionId', 'The version'),
      req('id', 'Passage id, stable across re-imports and unique within its version'),
      int('index', 'Position in the version, from 0'),
      s('kind', 'paragraph, heading, list item, quote, footnote, …'),
      int('start', 'Start offset in the version text (UTF-16 code units)'),
      int('end', 'End offset (exclusive)'),
      s('text', 'The passage text'),
    ],
    select: (q) => ({
      columns: raw('p."versionId"', 'p.id', 'p.index', 'p.kind', 'p.start', 'p."end"', 'p.text'),
      key: Prisma.raw(`p."versionId" || ' ' || p.id`),
      from: Prisma.sql`"Passage" p JOIN "DocumentVersion" v ON v."workspaceId" = p."workspaceId" AND v.id = p."versionId"
       JOIN "Document" d ON d."workspaceId" = v."workspaceId" AND d.id = v."documentId"
       WHERE p."workspaceId" = ${q.workspaceId} AND ${documentVisible(q, 'd')}`,
    }),
  },
  {
    name: 'reviewers',
    description: 'The people of the workspace: members and everyone who wrote in it. Pseudonymous unless an owner exported with identities.',
    primaryKey: 'id',
    foreignKeys: [],
    fields: [
      req('id', 'Reviewer id: the user id, or a pseudonym (reviewer-…) stable within this workspace'),
      s('name', 'Display name (the pseudonym when pseudonymous)'),
      s('email', 'Email (only in an owner\u2019s export with identities)'),
      s('role', 'Role in the workspace (owner, editor, reviewer, observer), empty for former members'),
    ],
    select: (q) => ({
      columns: [
        reviewerRef(q, 'u.id'),
        q.identities ? Prisma.sql`u.name` : reviewerRef(q, 'u.id'),
        q.identities ? Prisma.sql`u.email` : Prisma.sql`NULL::text`,
        Prisma.sql`(SELECT m.role::text FROM "Membership" m WHERE m."workspaceId" = ${q.workspaceId} AND m."userId" = u.id)`,
      ],
      key: reviewerRef(q, 'u.id'),
      from: Prisma.sql`"User" u
     WHERE u.id IN (SELECT m."userId" FROM "Membership" m WHERE m."workspaceId" = ${q.workspaceId}
              -- the authors of annotations by a skip scan of (workspaceId, authorId): one index probe per author, not a pass over every annotation
              UNION (WITH RECURSIVE authors(id) AS (
                       (SELECT a."authorId" FROM "Annotation" a WHERE a."workspaceId" = ${q.workspaceId} ORDER BY a."authorId" LIMIT 1)
                       UNION ALL
                       SELECT (SELECT a."authorId" FROM "Annotation" a WHERE a."workspaceId" = ${q.workspaceId} AND a."authorId" > authors.id ORDER BY a."authorId" LIMIT 1)
                         FROM authors WHERE authors.id IS NOT NULL)
                     SELECT id FROM authors WHERE id IS NOT NULL)
              UNION SELECT c."createdById" FROM "Claim" c WHERE c."workspaceId" = ${q.workspaceId}
              UNION SELECT cr."userId" FROM "CredenceRevision" cr WHERE cr."workspaceId" = ${q.workspaceId}
              UNION SELECT cc."userId" FROM "CruxConditional" cc WHERE cc."workspaceId" = ${q.workspaceId}
              UNION SELECT p."authorId" FROM "Reply" p WHERE p."workspaceId" = ${q.workspaceId})`,
    }),
  },
  {
    name: 'claims',
    description: 'The shared propositions reviewers rate, with their merge history (a merged claim names the claim it went into).',
    primaryKey: 'id',
    foreignKeys: [
      { fields: 'createdBy', reference: { resource: 'reviewers', fields: 'id' } },
      { fields: 'mergedIntoId', reference: { resource: 'claims', fields: 'id' } },
    ],
    fields: [
      req('id', 'Claim id'),
      s('statement', 'The statement ("[Hidden by a moderator]" where moderation hides it from this exporter)'),
      req('createdBy', 'The reviewer who first made it'),
      s('mergedIntoId', 'The claim it was merged into (its annotations and credences moved there)'),
      time('mergedAt', 'When it was merged (UTC)'),
      bool('deleted', 'Deleted'),
      time('createdAt', 'When it was made (UTC)'),
    ],
    select: (q) => ({
      columns: [Prisma.raw('c.id'), statement(q, 'c'), reviewerRef(q, 'c."createdById"'), Prisma.raw('c."mergedIntoId"'), at('c."mergedAt"'), Prisma.raw('c."deletedAt" IS NOT NULL'), at('c."createdAt"')],
      key: Prisma.raw('c.id'),
      from: Prisma.sql`"Claim" c WHERE c."workspaceId" = ${q.workspaceId}`,
    }),
  },
  {
    name: 'annotations',
    description: 'Every live annotation: claims made, evidence, cruxes and probability ratings, with their W3C selectors and anchoring.',
    primaryKey: 'id',
    foreignKeys: [
      { fields: 'documentId', reference: { resource: 'documents', fields: 'id' } },
      { fields: 'versionId', reference: { resource: 'document_versions', fields: 'id' } },
      { fields: 'claimId', reference: { resource: 'claims', fields: 'id' } },
      { fields: 'forClaimId', reference: { resource: 'claims', fields: 'id' } },
      { fields: 'authorId', reference: { resource: 'reviewers', fields: 'id' } },
    ],
    fields: [
      req('id', 'Annotation id'),
      req('documentId', 'The document'),
      req('versionId', 'The version it was made on'),
      req('kind', 'claim, evidence, crux or probability'),
      s('claimId', 'The claim made, rated, supported/opposed, or (crux) the crux claim K'),
      s('forClaimId', 'Crux only: the claim C whose view hinges on K'),
      s('stance', 'Evidence only: for or against'),
      int('strength', 'Evidence only: strength 1–5'),
      s('source', 'Evidence only: the source URL'),
      s('direction', 'Crux only: more or less'),
      num('value', 'Probability only: the value at the time of this annotation, in [0, 1] (empty where blind review hides it)'),
      s('rationale', 'The rationale, as plain text'),
      s('exact', 'TextQuoteSelector exact'),
      s('prefix', 'TextQuoteSelector prefix'),
      s('suffix', 'TextQuoteSelector suffix'),
      int('start', 'TextPositionSelector start (UTF-16 code units)'),
      int('end', 'TextPositionSelector end (exclusive)'),
      s('anchorStatus', 'anchored, reanchored or orphan on the current version'),
      s('anchoredVersionId', 'The version it is anchored on now'),
      int('anchoredStart', 'Start on the anchored version'),
      int('anchoredEnd', 'End on the anchored version'),
      req('authorId', 'The reviewer who made it'),
      bool('resolved', 'Its discussion is resolved'),
      bool('hidden', 'Hidden by a moderator (shown to owners and its author only)'),
      bool('imported', 'Imported from another tool or package'),
      time('createdAt', 'When it was made (UTC)'),
      time('updatedAt', 'When it last changed (UTC)'),
    ],
    select: (q) => ({
      columns: [
        ...raw('a.id', 'a."documentId"', 'a."versionId"', 'a.kind', 'a."claimId"', 'a."forClaimId"', 'a.stance', 'a.strength', 'a."sourceUrl"', 'a.direction'),
        Prisma.sql`CASE WHEN a.kind = 'probability' AND ${valueVisible(q, 'a."claimId"', 'a."authorId"')} THEN a.value END`,
        ...raw('a."rationaleText"', 'a.exact', 'a.prefix', 'a.suffix', 'a.start', 'a."end"', 'a."anchorStatus"', 'a."anchoredVersionId"', 'a."anchoredStart"', 'a."anchoredEnd"'),
        reviewerRef(q, 'a."authorId"'),
        ...raw('a."resolvedAt" IS NOT NULL', 'a."hiddenAt" IS NOT NULL', 'a."externalId" IS NOT NULL'),
        at('a."createdAt"'),
        at('a."updatedAt"'),
      ],
      key: Prisma.raw('a.id'),
      from: Prisma.sql`"Annotation" a WHERE ${annotationVisible(q, 'a')}`,
    }),
  },
  {
    name: 'evidence',
    description: 'The evidence annotations as a table of their own: which claim each supports or opposes, how strongly, from which source.',
    primaryKey: 'annotationId',
    foreignKeys: [
      { fields: 'annotationId', reference: { resource: 'annotations', fields: 'id' } },
      { fields: 'claimId', reference: { resource: 'claims', fields: 'id' } },
    ],
    fields: [
      req('annotationId', 'The evidence annotation'),
      s('claimId', 'The claim it bears on'),
      s('stance', 'for or against'),
      int('strength', 'Strength 1–5'),
      s('source', 'Source URL'),
    ],
    select: (q) => ({
      columns: raw('a.id', 'a."claimId"', 'a.stance', 'a.strength', 'a."sourceUrl"'),
      key: Prisma.raw('a.id'),
      from: Prisma.sql`"Annotation" a WHERE a.kind = 'evidence' AND ${annotationVisible(q, 'a')}`,
    }),
  },
  {
    name: 'credences',
    description: 'Each reviewer\u2019s current credence in each claim (blind review: others\u2019 values on a claim this exporter has not rated yet are left out).',
    primaryKey: ['claimId', 'reviewerId'],
    foreignKeys: [
      { fields: 'claimId', reference: { resource: 'claims', fields: 'id' } },
      { fields: 'reviewerId', reference: { resource: 'reviewers', fields: 'id' } },
    ],
    fields: [
      req('claimId', 'The claim'),
      req('reviewerId', 'The reviewer'),
      { ...num('value', 'Probability that the claim is true, in [0, 1]'), constraints: { required: true } },
      int('round', 'The round of review the value was given in (round 1 runs until the first round is opened)'),
      int('revisions', 'How many values this credence has had'),
      bool('imported', 'Brought in by an import or restore'),
      time('updatedAt', 'When the current value was given (UTC)'),
    ],
    select: (q) => ({
      columns: [
        Prisma.raw('cr."claimId"'),
        reviewerRef(q, 'cr."userId"'),
        Prisma.raw('cr.value'),
        roundAt('cr', 'cr."claimId"', 'cr."updatedAt"'),
        Prisma.raw(`(SELECT count(*)::int FROM "CredenceRevision" rv WHERE rv."workspaceId" = cr."workspaceId" AND rv."credenceId" = cr.id)`),
        Prisma.raw(`(cr."importedFrom" IS NOT NULL OR EXISTS (SELECT 1 FROM "Annotation" ia WHERE ia."workspaceId" = cr."workspaceId" AND ia.id = cr."annotationId" AND ia."externalId" IS NOT NULL))`),
        at('cr."updatedAt"'),
      ],
      key: Prisma.raw(`cr."claimId" || ' ' || cr."userId"`),
      from: Prisma.sql`"Credence" cr JOIN "Claim" c ON c."workspaceId" = cr."workspaceId" AND c.id = cr."claimId"
       WHERE cr."workspaceId" = ${q.workspaceId} AND cr."deletedAt" IS NULL AND c."deletedAt" IS NULL
         AND ${valueVisible(q, 'cr."claimId"', 'cr."userId"')}`,
    }),
  },
  {
    name: 'credence_revisions',
    description: 'Every value every credence has had, with its time and round: how views moved.',
    primaryKey: 'id',
    foreignKeys: [
      { fields: 'claimId', reference: { resource: 'claims', fields: 'id' } },
      { fields: 'reviewerId', reference: { resource: 'reviewers', fields: 'id' } },
    ],
    fields: [
      req('id', 'Revision id'),
      req('claimId', 'The claim'),
      req('reviewerId', 'The reviewer'),
      { ...num('value', 'The value given, in [0, 1]'), constraints: { required: true } },
      int('round', 'The round it was given in'),
      time('createdAt', 'When it was given (UTC)'),
    ],
    select: (q) => ({
      columns: [...raw('rv.id', 'rv."claimId"'), reviewerRef(q, 'rv."userId"'), Prisma.raw('rv.value'), roundAt('rv', 'rv."claimId"', 'rv."createdAt"'), at('rv."createdAt"')],
      key: Prisma.raw('rv.id'),
      from: Prisma.sql`"CredenceRevision" rv WHERE rv."workspaceId" = ${q.workspaceId} AND ${valueVisible(q, 'rv."claimId"', 'rv."userId"')}`,
    }),
  },
  {
    name: 'crux_links',
    description: 'The crux graph\u2019s edges: claim forClaimId hinges on claim cruxClaimId.',
    primaryKey: 'id',
    foreignKeys: [
      { fields: 'cruxClaimId', reference: { resource: 'claims', fields: 'id' } },
      { fields: 'forClaimId', reference: { resource: 'claims', fields: 'id' } },
    ],
    fields: [req('id', 'Link id'), req('cruxClaimId', 'The crux claim K'), req('forClaimId', 'The claim C that hinges on K'), time('createdAt', 'When first marked (UTC)')],
    select: (q) => ({
      columns: [...raw('l.id', 'l."cruxClaimId"', 'l."forClaimId"'), at('l."createdAt"')],
      key: Prisma.raw('l.id'),
      from: Prisma.sql`"CruxLink" l WHERE l."workspaceId" = ${q.workspaceId}`,
    }),
  },
  {
    name: 'conditionals',
    description: 'Conditional credences on crux links: ifTrue = P(C | K), ifFalse = P(C | not K).',
    primaryKey: ['linkId', 'reviewerId'],
    foreignKeys: [
      { fields: 'linkId', reference: { resource: 'crux_links', fields: 'id' } },
      { fields: 'reviewerId', reference: { resource: 'reviewers', fields: 'id' } },
    ],
    fields: [
      req('linkId', 'The crux link'),
      req('reviewerId', 'The reviewer'),
      num('ifTrue', 'P(C | K)'),
      num('ifFalse', 'P(C | not K)'),
      time('updatedAt', 'When last given (UTC)'),
    ],
    select: (q) => ({
      columns: [Prisma.raw('cc."linkId"'), reviewerRef(q, 'cc."userId"'), ...raw('cc."ifTrue"', 'cc."ifFalse"'), at('cc."updatedAt"')],
      key: Prisma.raw(`cc."linkId" || ' ' || cc."userId"`),
      from: Prisma.sql`"CruxConditional" cc JOIN "CruxLink" l ON l."workspaceId" = cc."workspaceId" AND l.id = cc."linkId"
       WHERE cc."workspaceId" = ${q.workspaceId} AND ${valueVisible(q, 'l."forClaimId"', 'cc."userId"')}`,
    }),
  },
  {
    name: 'replies',
    description: 'The threads under annotations; parentId makes a reply an answer to another reply.',
    primaryKey: 'id',
    foreignKeys: [
      { fields: 'annotationId', reference: { resource: 'annotations', fields: 'id' } },
      { fields: 'parentId', reference: { resource: 'replies', fields: 'id' } },
      { fields: 'authorId', reference: { resource: 'reviewers', fields: 'id' } },
    ],
    fields: [
      req('id', 'Reply id'),
      req('annotationId', 'The annotation it answers'),
      s('parentId', 'The reply it answers, if any'),
      req('authorId', 'The reviewer who wrote it'),
      s('text', 'The reply, as plain text'),
      bool('hidden', 'Hidden by a moderator'),
      time('createdAt', 'When it was written (UTC)'),
      time('updatedAt', 'When it last changed (UTC)'),
    ],
    select: (q) => {
      const visible = (p: string) =>
        Prisma.sql`${Prisma.raw(p)}."deletedAt" IS NULL ${q.isOwner ? Prisma.empty : Prisma.sql`AND ${Prisma.raw(p)}."hiddenAt" IS NULL`}`;
      return {
        columns: [
          ...raw('p.id', 'p."annotationId"'),
          Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM "Reply" pp WHERE pp."workspaceId" = p."workspaceId" AND pp.id = p."parentId" AND ${visible('pp')}) THEN p."parentId" END`,
          reviewerRef(q, 'p."authorId"'),
          ...raw('p."bodyText"', 'p."hiddenAt" IS NOT NULL'),
          at('p."createdAt"'),
          at('p."updatedAt"'),
        ],
        key: Prisma.raw('p.id'),
        from: Prisma.sql`"Reply" p JOIN "Annotation" a ON a."workspaceId" = p."workspaceId" AND a.id = p."annotationId"
         WHERE p."workspaceId" = ${q.workspaceId} AND ${visible('p')} AND ${annotationVisible(q, 'a')}`,
      };
    },
  },
  {
    name: 'rounds',
    description: 'Rounds of review opened on documents (numbered from 2: round 1 runs from the document\u2019s creation to the first round opened).',
    primaryKey: 'id',
    foreignKeys: [{ fields: 'documentId', reference: { resource: 'documents', fields: 'id' } }],
    fields: [req('id', 'Round id'), req('documentId', 'The document'), int('number', 'Round number (2, 3, …)'), time('openedAt', 'When it was opened (UTC)')],
    select: (q) => ({
      columns: [...raw('ro.id', 'ro."documentId"', 'ro.number'), at('ro."openedAt"')],
      key: Prisma.raw('ro.id'),
      from: Prisma.sql`"Round" ro JOIN "Document" d ON d."workspaceId" = ro."workspaceId" AND d.id = ro."documentId"
       WHERE ro."workspaceId" = ${q.workspaceId} AND ${documentVisible(q, 'd')}`,
    }),
  },
  {
    name: 'claim_statistics',
    description: `The map's per-claim numbers at export time, from the current credences in credences.csv (formula version ${FORMULA_VERSION}).`,
    primaryKey: 'claimId',
    foreignKeys: [{ fields: 'claimId', reference: { resource: 'claims', fields: 'id' } }],
    fields: [
      req('claimId', 'The claim'),
      int('n', 'Reviewers with a current credence'),
      num('aggregate', 'sigmoid(mean of logit(clip(p, 0.01, 0.99)))'),
      num('median', 'Median of p (type-7 quantile)'),
      num('q1', 'First quartile of p (type 7)'),
      num('q3', 'Third quartile of p (type 7)'),
      num('spread', 'Population standard deviation of the clipped logits'),
      num('split', '2 × min(share p < 0.4, share p > 0.6)'),
      num('bimodality', 'Sarle\u2019s bimodality coefficient of the logits (n ≥ 10)'),
      num('disagreement', 'spread × n / (n + 3)'),
      s('formulaVersion', 'The version of these formulas'),
    ],
    select: null,
  },
];
