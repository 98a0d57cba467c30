// Writes to annotations: create (each kind, making claims and credences as needed), edit with optimistic
// concurrency, soft delete and restore, hide (moderation) and resolve. Each is one transaction that also
// writes the audit log and the change feed.
import { randomUUID } from 'node:crypto';
import { anchor, describeRange, matchesAt } from '../anchoring';
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { authorize, requireUserId, type WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { maskProbability } from '../disagreement/blind';
import { LruCache } from '../lru-cache';
import { blindFilterFor } from '../disagreement/blind-queries';
import { RESTORE_WINDOW_MS, toAnnotationDto, type AnnotationRow } from './dto';
import { notify, notifyClaimRaters } from '../notifications/mutations';
import { newlyMentioned } from '../notifications/rules';
import { Journal, journalCtes, type AuditEntry, type ChangeEntry, type IndexedEntry } from '../journal/journal';
import { combineWrites } from '../database/combine-writes';
import { newId } from '../ids';
import { readAnnotation } from './queries';
import { STATEMENT_MAX } from './limits';
import type { CreateAnnotation, UpdateAnnotation } from './schemas';
import type { AnnotationDto } from './types';
import { loadVersion, type VersionText } from '../documents/version-queries';
import { ensureCruxLink } from '../cruxes/mutations';

type Tx = Prisma.TransactionClient;
/** the most one-statement creates of a workspace written together (lib/database/combine-writes.ts) */
const MAX_COMBINED_CREATES = 32;
/** a reader: the transaction's client, or the primary's outside one */
type Reader = Tx | typeof db;

/** A new annotation's columns that its kind and body may leave unset, as the table's defaults leave them. */
const blankRow = {
  forClaimId: null,
  stance: null,
  strength: null,
  sourceUrl: null,
  direction: null,
  value: null,
  rationale: null,
  rationaleText: null,
  resolvedAt: null,
  hiddenAt: null,
  deletedAt: null,
} satisfies Partial<AnnotationRow>;

const unprocessable = (field: string, message: string): AppError =>
  new AppError('UNPROCESSABLE', message, { fields: { [field]: [message] } });

/** A claim statement made from selected text: whitespace collapsed, cut to the limit. */
export function statementFromQuote(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length <= STATEMENT_MAX ? flat : `${flat.slice(0, STATEMENT_MAX - 1).trimEnd()}…`;
}

/** A claim as an annotation's answer shows it (its statement, and what says whether this viewer may read it). */
type ClaimRef = { id: string; statement: string; statementHidden: boolean; createdById: string };

async function liveClaim(tx: Reader, workspaceId: string, claimId: string, field: string): Promise<ClaimRef> {
  const claim = await tx.claim.findFirst({
    where: { id: claimId, workspaceId, deletedAt: null },
    select: { id: true, statement: true, statementHidden: true, createdById: true, mergedIntoId: true },
  });
  if (!claim) throw unprocessable(field, 'No such claim in this workspace.');
  // a merged claim has nothing left on it (lib/claims/merge-mutations.ts): what it had is on the claim it went into
  if (claim.mergedIntoId) throw unprocessable(field, `This claim was merged into claim ${claim.mergedIntoId}: use that one.`);
  return { id: claim.id, statement: claim.statement, statementHidden: claim.statementHidden, createdById: claim.createdById };
}

async function createClaim(tx: Tx, journal: Journal, workspaceId: string, userId: string, statement: string): Promise<string> {
  const claim = await tx.claim.create({ data: { workspaceId, createdById: userId, statement }, select: { id: true } });
  journal.audit(workspaceId, userId, 'claim.created', claim.id);
  journal.change({ workspaceId, documentId: null, entity: 'claim', entityId: claim.id, action: 'create', version: 1 });
  return claim.id;
}

type Placed = {
  madeOn: VersionText;
  /** the passages of the version the annotation is anchored on now (null when orphaned) */
  currentPassages: VersionText['passages'] | null;
  selectors: { exact: string; prefix: string; suffix: string; start: number; end: number };
  current: { status: 'anchored' | 'reanchored' | 'orphan'; versionId: string | null; start: number | null; end: number | null };
};

/**
 * Checks a target against the version it was made on: positions are kept when the quote is there; otherwise
 * the quote is looked for (exact, then approximate) and the target moved to it; else 422. Then places it on the
 * document's current version.
 */
async function placeTarget(
  tx: Reader,
  document: { id: string; workspaceId: string; currentVersionId: string },
  versionId: string,
  target: { exact: string; prefix?: string; suffix?: string; start: number; end: number },
): Promise<Placed> {
  const madeOn = await loadVersion({ workspaceId: document.workspaceId, versionId, client: tx });
  let start = target.start;
  let end = target.end;
  if (!(end <= madeOn.text.length && matchesAt(madeOn.text, target))) {
    const found = anchor(madeOn.text, target);
    if (found.status === 'orphan') {
      throw unprocessable(
        'target.exact',
        `The quote does not match version ${madeOn.number} of the document at ${target.start}..${target.end}, and it was not found elsewhere in it.`,
      );
    }
    ({ start, end } = found);
  }
  const selectors = describeRange(madeOn.text, start, end);
  if (versionId === document.currentVersionId) {
    return { madeOn, currentPassages: madeOn.passages, selectors, current: { status: 'anchored', versionId, start, end } };
  }
  const current = await loadVersion({ workspaceId: document.workspaceId, versionId: document.currentVersionId, client: tx });
  const moved = anchor(current.text, selectors);
  return {
    madeOn,
    currentPassages: moved.status === 'orphan' ? null : current.passages,
    selectors,
    current:
      moved.status === 'orphan'
        ? { status: 'orphan', versionId: null, start: null, end: null }
        : { status: 'reanchored', versionId: current.id, start: moved.start, end: moved.end },
  };
}

/** Where a probability without a target sits: the claim's own text (a live claim annotation), preferring `documentId`. */
async function claimTextTarget(tx: Tx, workspaceId: string, claimId: string, documentId: string | null) {
  const made = await tx.annotation.findMany({
    where: { workspaceId, claimId, kind: { not: 'evidence' }, deletedAt: null, ...(documentId ? { documentId } : {}) },
    orderBy: [{ kind: 'asc' }, { createdAt: 'asc' }],
    take: 1,
    select: { documentId: true, versionId: true, exact: true, prefix: true, suffix: true, start: true, end: true },
  });
  const found = made[0];
  if (!found) {
    throw unprocessable('target', 'This claim has no text on this document to sit on: select text for the probability.');
  }
  return found;
}

/** The document a new annotation names (a field of the body: 422 when there is no such live document). */
async function findDocument(tx: Reader, ctx: WorkspaceContext, document: string) {
  const found = await requireDocument(ctx, document, {
    client: tx,
    field: 'document',
    select: { id: true, slug: true, currentVersionId: true, versions: { select: { id: true, number: true } } },
  });
  if (!found.currentVersionId) throw unprocessable('document', 'No such document in this workspace.');
  return { id: found.id, workspaceId: ctx.workspace.id, slug: found.slug, currentVersionId: found.currentVersionId, versions: found.versions };
}

/** Sets the reviewer's current credence (one per claim) and appends a revision. Returns the credence id. */
async function setCredence(tx: Tx, args: { workspaceId: string; claimId: string; userId: string; value: number; annotationId: string | null }) {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Credence" ("id", "workspaceId", "claimId", "userId", "annotationId", "value", "createdAt", "updatedAt", "deletedAt")
    VALUES (${randomUUID()}, ${args.workspaceId}, ${args.claimId}, ${args.userId}, ${args.annotationId}, ${args.value}, now(), now(), NULL)
    ON CONFLICT ("workspaceId", "claimId", "userId") DO UPDATE
      SET "value" = EXCLUDED."value", "annotationId" = COALESCE(EXCLUDED."annotationId", "Credence"."annotationId"),
          "updatedAt" = now(), "deletedAt" = NULL
    RETURNING "id"`;
  const credenceId = (rows[0] as { id: string }).id;
  await tx.credenceRevision.create({
    data: { workspaceId: args.workspaceId, credenceId, claimId: args.claimId, userId: args.userId, value: args.value },
  });
  return credenceId;
}

/**
 * Whether a create can be written as one statement (createInOneStatement): a claim or evidence annotation on
 * selected text, mentioning nobody (mentions are notifications, written by the transaction's path). The commonest
 * writes; probabilities (a credence and its revision, or a revised rating) and cruxes (their link) take the
 * transaction.
 */
function inOneStatement(ctx: WorkspaceContext, data: CreateAnnotation): boolean {
  if (!data.target || (data.kind !== 'claim' && data.kind !== 'evidence') || ctx.userName === undefined) return false;
  return !data.body || newlyMentioned(null, data.body.doc).length === 0;
}

/**
 * A claim or evidence annotation, the claim it makes (if any), their audit rows and change events, written by one
 * statement (atomic on its own: no BEGIN or COMMIT), after reading the document and the claim it names: 4 round
 * trips with the request's sign-in and context instead of 8. Creates of the workspace that arrive while one is
 * being written go together in the next statement (writeManyInOneStatement). The statement inserts only while the document is
 * still live on the version read and the named claim still live; when either changed in between, it writes
 * nothing and answers null, and the create takes the transaction's path, which reads again and says what is
 * wrong. The answer is built from what the write knows, as on that path.
 */
async function createInOneStatement(
  ctx: WorkspaceContext,
  userId: string,
  data: CreateAnnotation,
): Promise<{ annotation: AnnotationDto; createdClaimIds: string[]; revised: boolean } | null> {
  const plan = await planOneStatement(ctx, userId, data);
  return writeCombined(ctx.workspace.id, plan);
}

/** What createInOneStatement read and will write (apart for the tests, which change the data in between). */
export type OneStatementPlan = Awaited<ReturnType<typeof planOneStatement>>;

type PlannedDocument = Awaited<ReturnType<typeof findDocument>>;

/**
 * The documents one-statement creates were planned on, by workspace and the reference (slug or id) the request named,
 * so that a reviewer's next create on the document reads it no more. The write checks each plan's document as it
 * is then (live, on the version and under the slug the plan has): a create planned on an entry gone stale writes
 * nothing and takes the transaction's path, which reads the document afresh, and the entry is dropped. At most
 * 1 000 entries, the least recently used dropped first.
 */
const plannedDocuments = new LruCache<PlannedDocument>(1000);
const plannedKey = (workspaceId: string, ref: string): string => `${workspaceId}\n${ref}`;

/** The document a one-statement create names, from `plannedDocuments` when it has it (and the version asked for). */
async function plannedDocument(ctx: WorkspaceContext, ref: string, versionNumber: number | undefined): Promise<PlannedDocument> {
  const key = plannedKey(ctx.workspace.id, ref);
  const known = plannedDocuments.get(key);
  if (known && (versionNumber === undefined || known.versions.some((v) => v.number === versionNumber))) return known;
  const found = await findDocument(db, ctx, ref);
  plannedDocuments.set(key, found);
  return found;
}

/** The reads of a one-statement create: the document, the version, the target's place, the claim it names. */
export async function planOneStatement(ctx: WorkspaceContext, userId: string, data: CreateAnnotation) {
  const workspaceId = ctx.workspace.id;
  const target = data.target as NonNullable<CreateAnnotation['target']>;
  const document = await plannedDocument(ctx, data.document as string, data.documentVersion);
  const wanted = data.documentVersion;
  const version = wanted === undefined ? document.versions.find((v) => v.id === document.currentVersionId) : document.versions.find((v) => v.number === wanted);
  if (!version) throw unprocessable('documentVersion', `The document has no version ${wanted}.`);
  const placed = await placeTarget(db, document, version.id, target);

  const namedId = data.kind === 'evidence' ? data.evidence?.claimId : data.claim?.claimId;
  const named = namedId ? await liveClaim(db, workspaceId, namedId, data.kind === 'evidence' ? 'evidence.claimId' : 'claim.claimId') : null;
  const made = named ? null : { id: newId(), statement: data.claim?.statement ?? statementFromQuote(placed.selectors.exact) };
  const claim: ClaimRef = named ?? { id: (made as { id: string }).id, statement: (made as { statement: string }).statement, statementHidden: false, createdById: userId };
  const evidence = data.kind === 'evidence' ? (data.evidence as NonNullable<CreateAnnotation['evidence']>) : null;
  return { ctx, userId, data, document, version, placed, named, made, claim, evidence };
}

type OneStatementResult = { annotation: AnnotationDto; createdClaimIds: string[]; revised: boolean };

/**
 * The write of a one-statement create. Null, having written nothing, when the document or the named claim is not
 * as the plan read it.
 */
export async function writeInOneStatement(plan: OneStatementPlan): Promise<OneStatementResult | null> {
  return (await writeManyInOneStatement([plan]))[0] ?? null;
}

/** Concurrent one-statement creates of a workspace, combined: those that queue behind a running one go together. */
const writeCombined = combineWrites(writeManyInOneStatement, { max: MAX_COMBINED_CREATES });

/**
 * The writes of several one-statement creates of one workspace (by any of its members), in one statement: each plan
 * is written when its document is still live on the version it read and the claim it names still live; the answers
 * follow the plans' order, null for a plan that wrote nothing. One lock, one commit and one run of the tables'
 * statement triggers for them all.
 */
export async function writeManyInOneStatement(plans: readonly OneStatementPlan[]): Promise<(OneStatementResult | null)[]> {
  const first = plans[0];
  if (!first) return [];
  const workspaceId = first.ctx.workspace.id;
  if (plans.some((plan) => plan.ctx.workspace.id !== workspaceId)) throw new Error('writeManyInOneStatement: the plans must be of one workspace');
  const at = new Date();
  const written = plans.map((plan, i) => {
    const { userId, data, document, version, placed, made, claim, evidence } = plan;
    const row = {
      ...blankRow,
      workspaceId,
      documentId: document.id,
      versionId: version.id,
      authorId: userId,
      kind: data.kind,
      claimId: claim.id,
      ...placed.selectors,
      anchorStatus: placed.current.status,
      anchoredVersionId: placed.current.versionId,
      anchoredStart: placed.current.start,
      anchoredEnd: placed.current.end,
      ...(data.body ? { rationale: data.body.doc as Prisma.JsonValue, rationaleText: data.body.text } : {}),
      ...(evidence ? { stance: evidence.stance, strength: evidence.strength, sourceUrl: evidence.source ?? null } : {}),
    };
    const id = newId();
    const audits: IndexedEntry<AuditEntry>[] = [
      ...(made ? [{ i, workspaceId, actorId: userId, action: 'claim.created', entityType: 'claim', entityId: made.id, data: {} }] : []),
      { i, workspaceId, actorId: userId, action: 'annotation.created', entityType: 'annotation', entityId: id, data: { kind: data.kind, documentId: document.id } },
    ];
    const changes: IndexedEntry<ChangeEntry>[] = [
      ...(made ? [{ i, workspaceId, documentId: null, entity: 'claim' as const, entityId: made.id, action: 'create', version: 1 }] : []),
      { i, workspaceId, documentId: document.id, entity: 'annotation', entityId: id, action: 'create', version: 1 },
    ];
    return { plan, id, row, audits, changes };
  });
  const reads = written.map(({ plan }, i) => ({
    i,
    documentId: plan.document.id,
    slug: plan.document.slug,
    versionId: plan.document.currentVersionId,
    namedId: plan.named?.id ?? null,
  }));
  const claims = written.flatMap(({ plan }, i) => (plan.made ? [{ i, id: plan.made.id, statement: plan.made.statement, createdById: plan.userId }] : []));
  // the row's columns the INSERT names below are read from each object; jsonb_to_recordset ignores the others
  const annotations = written.map(({ id, row }, i) => ({ ...row, i, id }));
  const rows = await db.$queryRaw<{ id: string; createdAt: Date; updatedAt: Date; version: number }[]>`
    WITH live AS MATERIALIZED (
           SELECT r."i" FROM jsonb_to_recordset(${JSON.stringify(reads)}::jsonb) AS r("i" int, "documentId" text, "slug" text, "versionId" text, "namedId" text)
             JOIN "Document" d ON d."workspaceId" = ${workspaceId} AND d."id" = r."documentId"
            WHERE d."archivedAt" IS NULL AND d."currentVersionId" = r."versionId" AND d."slug" = r."slug"
              AND (r."namedId" IS NULL OR EXISTS (
                    SELECT 1 FROM "Claim" c
                     WHERE c."workspaceId" = ${workspaceId} AND c."id" = r."namedId" AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL))
         ),
         made_claim AS (
           INSERT INTO "Claim" ("id", "workspaceId", "statement", "createdById", "createdAt", "updatedAt")
           SELECT c."id", ${workspaceId}, c."statement", c."createdById", ${at}, ${at}
             FROM jsonb_to_recordset(${JSON.stringify(claims)}::jsonb) AS c("i" int, "id" text, "statement" text, "createdById" text)
            WHERE c."i" IN (SELECT "i" FROM live)
            ORDER BY c."i"
         ),
         annotation AS (
           INSERT INTO "Annotation" ("id", "workspaceId", "documentId", "versionId", "authorId", "kind", "claimId",
                                     "stance", "strength", "sourceUrl", "rationale", "rationaleText",
                                     "exact", "prefix", "suffix", "start", "end",
                                     "anchorStatus", "anchoredVersionId", "anchoredStart", "anchoredEnd", "createdAt", "updatedAt")
           SELECT a."id", ${workspaceId}, a."documentId", a."versionId", a."authorId", a."kind", a."claimId",
                  a."stance", a."strength", a."sourceUrl", a."rationale", a."rationaleText",
                  a."exact", a."prefix", a."suffix", a."start", a."end",
                  a."anchorStatus", a."anchoredVersionId", a."anchoredStart", a."anchoredEnd", ${at}, ${at}
             FROM jsonb_to_recordset(${JSON.stringify(annotations)}::jsonb)
                  AS a("i" int, "id" text, "documentId" text, "versionId" text, "authorId" text, "kind" "AnnotationKind", "claimId" text,
                       "stance" "EvidenceStance", "strength" int, "sourceUrl" text, "rationale" jsonb, "rationaleText" text,
                       "exact" text, "prefix" text, "suffix" text, "start" int, "end" int,
                       "anchorStatus" "AnchorStatus", "anchoredVersionId" text, "anchoredStart" int, "anchoredEnd" int)
            WHERE a."i" IN (SELECT "i" FROM live)
            ORDER BY a."i"
           RETURNING "id", "createdAt", "updatedAt", "version"
         ),
         ${journalCtes(workspaceId, written.flatMap((w) => w.audits), written.flatMap((w) => w.changes), at, 'annotation', 'live')}
    SELECT "id", "createdAt", "updatedAt", "version" FROM annotation`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return written.map(({ plan, id, row }) => {
    const inserted = byId.get(id);
    if (!inserted) {
      // the document may have changed since it was read (plannedDocument): the next create reads it afresh
      plannedDocuments.delete(plannedKey(workspaceId, plan.data.document as string));
      return null;
    }
    const { ctx, userId, document, placed, made, claim } = plan;
    const annotation = toAnnotationDto(
      {
        ...row,
        ...inserted,
        author: { id: userId, name: ctx.userName as string },
        claim,
        forClaim: null,
        document: { slug: document.slug },
        madeOn: { number: placed.madeOn.number },
        _count: { replies: 0 },
      },
      ctx,
      placed.currentPassages,
    );
    return { annotation, createdClaimIds: made ? [made.id] : [], revised: false };
  });
}

/** Creates an annotation of any kind; a probability on a claim the reviewer already rated revises it instead. */
export async function createAnnotation({
  ctx,
  input,
}: {
  ctx: WorkspaceContext;
  /** parsed with createAnnotationInputSchema (the route handler does) */
  input: CreateAnnotation;
}): Promise<{ annotation: AnnotationDto; createdClaimIds: string[]; revised: boolean }> {
  const data = input;
  authorize(ctx, 'annotate');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;

  if (inOneStatement(ctx, data)) {
    const made = await createInOneStatement(ctx, userId, data);
    if (made) return made;
  }

  const result = await db.$transaction(async (tx) => {
    const journal = new Journal(tx);
    const createdClaimIds: string[] = [];
    /** the claims this write names, as its answer shows them (read or made here: the 201 reads nothing back) */
    const claims = new Map<string, ClaimRef>();
    const named = async (claimId: string, field: string) => {
      const claim = await liveClaim(tx, workspaceId, claimId, field);
      claims.set(claim.id, claim);
      return claim.id;
    };
    const newClaim = async (statement: string) => {
      const id = await createClaim(tx, journal, workspaceId, userId, statement);
      createdClaimIds.push(id);
      claims.set(id, { id, statement, statementHidden: false, createdById: userId });
      return id;
    };
    /** what the new row's insert returns; the rest of the answer is what this write already knows */
    type Written = Pick<AnnotationRow, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
    // (`as`: assigned inside `insert`, which control-flow narrowing does not see)
    let created = null as { row: Omit<AnnotationRow, keyof Written | 'author' | 'claim' | 'forClaim' | 'document' | 'madeOn' | '_count'>; written: Written } | null;
    /** inserts the new row (its insert returns the id, times and version) and keeps what the answer is built from */
    type KindFields = Partial<Pick<AnnotationRow, 'forClaimId' | 'stance' | 'strength' | 'sourceUrl' | 'direction' | 'value'>>;
    const insert = async (fields: typeof base & KindFields & { claimId: string }): Promise<string> => {
      const written = await tx.annotation.create({ data: fields, select: { id: true, createdAt: true, updatedAt: true, version: true } });
      created = { row: { ...blankRow, ...fields }, written };
      return written.id;
    };

    // Which document and text: the target as given, or (a probability on a named claim) the claim's own text.
    let documentRef = data.document ?? null;
    let target = data.target ?? null;
    let versionId: string | null = null;
    if (!target) {
      const claimId = data.probability?.claimId as string;
      await liveClaim(tx, workspaceId, claimId, 'probability.claimId');
      const doc = documentRef ? await findDocument(tx, ctx, documentRef) : null;
      const made = await claimTextTarget(tx, workspaceId, claimId, doc?.id ?? null);
      documentRef = made.documentId;
      target = made;
      versionId = made.versionId;
    }
    const document = await findDocument(tx, ctx, documentRef as string);
    if (!versionId) {
      const wanted = data.documentVersion;
      const version = wanted === undefined ? document.versions.find((v) => v.id === document.currentVersionId) : document.versions.find((v) => v.number === wanted);
      if (!version) throw unprocessable('documentVersion', `The document has no version ${wanted}.`);
      versionId = version.id;
    }
    const placed = await placeTarget(tx, document, versionId, target);

    const base = {
      workspaceId,
      documentId: document.id,
      versionId,
      authorId: userId,
      kind: data.kind,
      ...placed.selectors,
      anchorStatus: placed.current.status,
      anchoredVersionId: placed.current.versionId,
      anchoredStart: placed.current.start,
      anchoredEnd: placed.current.end,
      ...(data.body ? { rationale: data.body.doc, rationaleText: data.body.text } : {}),
    } satisfies Prisma.AnnotationUncheckedCreateInput;

    let annotationId: string;
    let revised = false;
    /** the rationale before this write (a revised probability): who it mentioned was told already */
    let previousBody: unknown = null;
    switch (data.kind) {
      case 'claim': {
        const claimId = data.claim?.claimId
          ? await named(data.claim.claimId, 'claim.claimId')
          : await newClaim(data.claim?.statement ?? statementFromQuote(placed.selectors.exact));
        annotationId = await insert({ ...base, claimId });
        break;
      }
      case 'probability': {
        const p = data.probability as NonNullable<typeof data.probability>;
        const claimId = p.claimId ? await named(p.claimId, 'probability.claimId') : await newClaim(p.statement ?? statementFromQuote(placed.selectors.exact));
        // The credence row is the lock: concurrent ratings of one claim by one reviewer queue up here.
        const credenceId = await setCredence(tx, { workspaceId, claimId, userId, value: p.value, annotationId: null });
        const existing = await tx.annotation.findFirst({
          where: { workspaceId, claimId, authorId: userId, kind: 'probability', deletedAt: null },
          select: { id: true, rationale: true },
        });
        if (existing) {
          revised = true;
          previousBody = existing.rationale;
          annotationId = existing.id;
          await tx.annotation.update({
            where: { workspaceId_id: { workspaceId, id: existing.id } },
            data: {
              value: p.value,
              version: { increment: 1 },
              ...(data.body ? { rationale: data.body.doc, rationaleText: data.body.text } : {}),
            },
          });
        } else {
          annotationId = await insert({ ...base, claimId, value: p.value });
        }
        await tx.credence.update({ where: { workspaceId_id: { workspaceId, id: credenceId } }, data: { annotationId } });
        break;
      }
      case 'evidence': {
        const e = data.evidence as NonNullable<typeof data.evidence>;
        annotationId = await insert({ ...base, claimId: await named(e.claimId, 'evidence.claimId'), stance: e.stance, strength: e.strength, sourceUrl: e.source ?? null });
        break;
      }
      case 'crux': {
        const c = data.crux as NonNullable<typeof data.crux>;
        const forClaimId = c.forClaimId ? await named(c.forClaimId, 'crux.forClaimId') : await newClaim(c.forStatement as string);
        const claimId = c.claimId ? await named(c.claimId, 'crux.claimId') : await newClaim(c.statement ?? statementFromQuote(placed.selectors.exact));
        if (claimId === forClaimId) throw unprocessable('crux.forClaimId', 'A claim cannot be a crux for itself.');
        annotationId = await insert({ ...base, claimId, forClaimId, direction: c.direction });
        // the workspace's one crux link for (K, C), which reviewers' conditional credences hang on
        await ensureCruxLink(tx, workspaceId, claimId, forClaimId);
        break;
      }
    }
    journal.audit(workspaceId, userId, revised ? 'annotation.updated' : 'annotation.created', annotationId, {
      kind: data.kind,
      documentId: document.id,
      ...(revised ? { revisedCredence: true } : {}),
    });
    // A new row's answer is built from what this write knows (its insert returned the id, times and version); a
    // revised rating is an existing row, with its replies and history: that one is read back.
    const claimOf = (id: string | null) => (id === null ? null : (claims.get(id) ?? null));
    const dto =
      created && ctx.userName !== undefined
        ? toAnnotationDto(
            {
              ...created.row,
              ...created.written,
              author: { id: userId, name: ctx.userName },
              claim: claimOf(created.row.claimId),
              forClaim: claimOf(created.row.forClaimId),
              document: { slug: document.slug },
              madeOn: { number: placed.madeOn.number },
              _count: { replies: 0 },
            },
            ctx,
            placed.currentPassages,
          )
        : await readAnnotation({ ctx, id: annotationId, client: tx });
    journal.change({
      workspaceId,
      documentId: document.id,
      entity: 'annotation',
      entityId: annotationId,
      action: revised ? 'update' : 'create',
      version: dto.version,
    });
    if (data.body) {
      await notify(tx, { workspaceId, type: 'mention', actorId: userId, documentId: document.id, annotationId, candidates: newlyMentioned(previousBody, data.body.doc) });
    }
    await journal.flush();
    return { annotation: dto, createdClaimIds, revised };
  });
  return result;
}

const contentKeys = ['body', 'claim', 'probability', 'evidence', 'crux'] as const;

/**
 * Edits an annotation. Content edits (the author's) name the version they were made on: a stale one is a 409
 * whose `current` is the annotation as it now is. `resolved` is any reviewer's, `hidden` an owner's.
 */
export async function updateAnnotation({
  ctx,
  id,
  input,
}: {
  ctx: WorkspaceContext;
  id: string;
  /** parsed with updateAnnotationInputSchema */
  input: UpdateAnnotation;
}): Promise<AnnotationDto> {
  const data = input;
  if (data.hidden !== undefined) authorize(ctx, 'moderateAnnotations');
  authorize(ctx, 'editAnnotation');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;

  const edited = await db.$transaction(async (tx) => {
    const journal = new Journal(tx);
    const row = await tx.annotation.findFirst({
      where: { id, workspaceId },
      select: { id: true, authorId: true, kind: true, claimId: true, forClaimId: true, documentId: true, deletedAt: true, version: true, hiddenAt: true, resolvedAt: true, rationale: true },
    });
    if (!row || (row.deletedAt && row.authorId !== userId && !ctx.can.deleteOthersAnnotations)) {
      throw new AppError('NOT_FOUND', 'Annotation not found.');
    }
    if (row.deletedAt) throw new AppError('CONFLICT', 'This annotation was deleted; restore it first.');
    const editsContent = contentKeys.some((key) => data[key] !== undefined);
    if (editsContent && row.authorId !== userId) throw new AppError('FORBIDDEN', 'Only its author can edit an annotation.');
    for (const key of ['claim', 'probability', 'evidence', 'crux'] as const) {
      if (data[key] !== undefined && key !== row.kind) {
        throw new AppError('BAD_REQUEST', 'The request is invalid.', { fields: { [key]: [`is not a field of a ${row.kind} annotation`] } });
      }
    }

    const changes: Prisma.AnnotationUncheckedUpdateManyInput = {};
    if (data.body !== undefined) {
      changes.rationale = data.body ? (data.body.doc) : (null as unknown as Prisma.InputJsonValue);
      changes.rationaleText = data.body?.text ?? null;
    }
    if (data.probability) changes.value = data.probability.value;
    if (data.evidence) {
      if (data.evidence.stance) changes.stance = data.evidence.stance;
      if (data.evidence.strength) changes.strength = data.evidence.strength;
      if (data.evidence.source !== undefined) changes.sourceUrl = data.evidence.source ?? null;
    }
    if (data.crux) changes.direction = data.crux.direction;

    if (editsContent) {
      // compare-and-set on the version: of two edits made on the same version, exactly one wins
      const updated = await tx.annotation.updateMany({
        where: { id, workspaceId, version: data.version, deletedAt: null },
        data: { ...changes, version: { increment: 1 } },
      });
      if (updated.count === 0) {
        const current = await readAnnotation({ ctx, id, client: tx });
        throw new AppError('CONFLICT', `Someone changed this annotation since version ${data.version}; it is now at version ${current.version}.`, {
          details: { current },
        });
      }
      if (data.claim && row.claimId) {
        const claim = await tx.claim.findUnique({ where: { workspaceId_id: { workspaceId, id: row.claimId } }, select: { createdById: true, statement: true, createdAt: true } });
        if (claim?.createdById !== userId) throw new AppError('FORBIDDEN', 'Only the reviewer who made a claim can reword it.');
        if (claim.statement !== data.claim.statement) {
          // the claim's statement history (lib/claims): the first edit records the original too
          if ((await tx.claimRevision.count({ where: { workspaceId, claimId: row.claimId } })) === 0) {
            await tx.claimRevision.create({ data: { workspaceId, claimId: row.claimId, statement: claim.statement, editedById: claim.createdById, createdAt: claim.createdAt } });
          }
          await tx.claimRevision.create({ data: { workspaceId, claimId: row.claimId, statement: data.claim.statement, editedById: userId } });
          await tx.claim.update({ where: { workspaceId_id: { workspaceId, id: row.claimId } }, data: { statement: data.claim.statement, version: { increment: 1 } } });
          await notifyClaimRaters(tx, { workspaceId, type: 'claim_edited', actorId: userId, claimIds: [row.claimId], subjectId: row.claimId });
        }
      }
      if (data.crux && row.claimId && row.forClaimId) await ensureCruxLink(tx, workspaceId, row.claimId, row.forClaimId);
      if (data.probability && row.claimId) {
        await setCredence(tx, { workspaceId, claimId: row.claimId, userId, value: data.probability.value, annotationId: id });
      }
      journal.audit(workspaceId, userId, 'annotation.updated', id, { fields: contentKeys.filter((k) => data[k] !== undefined) });
      if (data.body) {
        await notify(tx, { workspaceId, type: 'mention', actorId: userId, documentId: row.documentId, annotationId: id, candidates: newlyMentioned(row.rationale, data.body.doc) });
      }
    }
    if (data.resolved !== undefined && data.resolved !== (row.resolvedAt !== null)) {
      await tx.annotation.update({
        where: { workspaceId_id: { workspaceId, id } },
        data: data.resolved ? { resolvedAt: new Date(), resolvedById: userId } : { resolvedAt: null, resolvedById: null },
      });
      journal.audit(workspaceId, userId, data.resolved ? 'annotation.resolved' : 'annotation.reopened', id);
    }
    if (data.hidden !== undefined && data.hidden !== (row.hiddenAt !== null)) {
      await tx.annotation.update({
        where: { workspaceId_id: { workspaceId, id } },
        data: data.hidden ? { hiddenAt: new Date(), hiddenById: userId } : { hiddenAt: null, hiddenById: null },
      });
      journal.audit(workspaceId, userId, data.hidden ? 'annotation.hidden' : 'annotation.shown', id);
    }
    const dto = await readAnnotation({ ctx, id, client: tx });
    journal.change({ workspaceId, documentId: row.documentId, entity: 'annotation', entityId: id, action: 'update', version: dto.version });
    await journal.flush();
    return dto;
  });
  // resolving someone else's probability must not show a value blind review hides from this reviewer
  if (edited.probability === null || edited.author.id === userId) return edited;
  const blind = await blindFilterFor({ workspaceId, viewer: ctx, claimIds: [edited.probability.claimId] });
  return maskProbability(edited, ctx, blind);
}

/** Soft-deletes an annotation (its author or an owner); a probability's credence stops counting with it. */
export async function deleteAnnotation({ ctx, id }: { ctx: WorkspaceContext; id: string }): Promise<AnnotationDto> {
  authorize(ctx, 'deleteAnnotation');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;
  return db.$transaction(async (tx) => {
    const journal = new Journal(tx);
    const row = await tx.annotation.findFirst({
      where: { id, workspaceId, deletedAt: null },
      select: { authorId: true, kind: true, claimId: true, documentId: true },
    });
    if (!row) throw new AppError('NOT_FOUND', 'Annotation not found.');
    if (row.authorId !== userId) authorize(ctx, 'deleteOthersAnnotations');
    await tx.annotation.update({ where: { workspaceId_id: { workspaceId, id } }, data: { deletedAt: new Date(), deletedById: userId } });
    if (row.kind === 'probability' && row.claimId) {
      await tx.credence.updateMany({ where: { workspaceId, claimId: row.claimId, userId: row.authorId, annotationId: id }, data: { deletedAt: new Date() } });
    }
    journal.audit(workspaceId, userId, 'annotation.deleted', id, { kind: row.kind, documentId: row.documentId });
    const dto = await readAnnotation({ ctx, id, client: tx });
    journal.change({ workspaceId, documentId: row.documentId, entity: 'annotation', entityId: id, action: 'delete', version: dto.version });
    await journal.flush();
    return dto;
  });
}

/** Restores a soft-deleted annotation within 30 days (its author or an owner). */
export async function restoreAnnotation({ ctx, id }: { ctx: WorkspaceContext; id: string }): Promise<AnnotationDto> {
  authorize(ctx, 'restoreAnnotation');
  const userId = requireUserId(ctx);
  const workspaceId = ctx.workspace.id;
  return db.$transaction(async (tx) => {
    const journal = new Journal(tx);
    const row = await tx.annotation.findFirst({
      where: { id, workspaceId, deletedAt: { not: null } },
      select: { authorId: true, kind: true, claimId: true, forClaimId: true, documentId: true, deletedAt: true, value: true },
    });
    if (!row || (row.authorId !== userId && !ctx.can.deleteOthersAnnotations)) throw new AppError('NOT_FOUND', 'Deleted annotation not found.');
    // a crux between two claims since merged into one (the merge deleted it; undoing the merge restores it)
    const named = [row.claimId, row.forClaimId].filter((c): c is string => c !== null);
    if (named.length > 0 && (await tx.claim.count({ where: { workspaceId, id: { in: named }, mergedIntoId: { not: null } } })) > 0) {
      throw new AppError('CONFLICT', 'Its claim was merged into another claim; undo the merge to restore it.');
    }
    if (Date.now() - (row.deletedAt as Date).getTime() >= RESTORE_WINDOW_MS) {
      throw new AppError('CONFLICT', 'Deleted annotations can be restored for 30 days; this one is older.');
    }
    if (row.kind === 'probability' && row.claimId && row.value !== null) {
      const newer = await tx.annotation.findFirst({
        where: { workspaceId, claimId: row.claimId, authorId: row.authorId, kind: 'probability', deletedAt: null },
        select: { id: true },
      });
      if (newer) throw new AppError('CONFLICT', 'This reviewer has rated the claim again since; edit that rating instead.');
      await setCredence(tx, { workspaceId, claimId: row.claimId, userId: row.authorId, value: row.value, annotationId: id });
    }
    await tx.annotation.update({ where: { workspaceId_id: { workspaceId, id } }, data: { deletedAt: null, deletedById: null } });
    if (row.kind === 'crux' && row.claimId && row.forClaimId) await ensureCruxLink(tx, workspaceId, row.claimId, row.forClaimId);
    journal.audit(workspaceId, userId, 'annotation.restored', id, { kind: row.kind, documentId: row.documentId });
    const dto = await readAnnotation({ ctx, id, client: tx });
    journal.change({ workspaceId, documentId: row.documentId, entity: 'annotation', entityId: id, action: 'restore', version: dto.version });
    await journal.flush();
    return dto;
  });
}
