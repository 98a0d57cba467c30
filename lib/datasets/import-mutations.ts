// Importing annotation files (W3C Web Annotation JSON-LD, Hypothesis API JSON) into a workspace. Each item is
// matched to a document (the one chosen, or by its source address: our own document-version URLs, a document's
// `source`, or its slug), then anchored by quote onto the document's current version (lib/anchoring). What does
// not anchor is reported as an orphan with its reason, never dropped silently. One transaction per file: a bad row
// stops the whole file before anything is written (see import-formats.ts), and re-importing a file skips the
// annotations already imported (idempotent on the source annotation id: Annotation.externalSource/externalId).
// Imported annotations are the importing owner's (`authorId`; the operator's go to the workspace's first owner),
// with the creator the file names kept beside them; an imported probability keeps its value on the annotation and
// does not become the importer's credence.
import { astralStarts, fromCodePoints } from '../anchoring/code-points';
import { randomUUID } from 'node:crypto';
import { ensureCruxLinks } from '../cruxes/mutations';
import { anchor, describeRange } from '../anchoring';
import { db } from '../db';
import { AppError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import { Journal } from '../journal/journal';
import { statementFromQuote } from '../annotations/mutations';
import { loadVersion } from '../documents/version-queries';
import { authorize, type WorkspaceContext } from '../context/context';
import { parseImportFile, type ImportFormat, type ImportItem, type ImportReply } from './import-formats';
import { annotationIri } from './model';
import { publicBaseUrl } from '../env';
import { cutAtFirst, trimEndChars } from '../text-edges';
import { timeSlicer } from '../time-slice';

export type OrphanReason = 'no-document' | 'no-quote' | 'quote-not-found';

export type ImportOrphan = {
  index: number;
  sourceId: string;
  sourceUri: string | null;
  exact: string | null;
  reason: OrphanReason;
  message: string;
};

export type ReplyOrphanReason = 'target-not-in-file' | 'target-not-imported' | 'duplicate-id';

/** A W3C `replying` annotation of the file that was not made a reply, and why. */
export type ImportReplyOrphan = {
  index: number;
  sourceId: string;
  /** the IRI of the annotation or reply it answers */
  target: string;
  reason: ReplyOrphanReason;
  message: string;
};

export type ImportResult = {
  format: ImportFormat;
  /** annotations in the file */
  total: number;
  created: number;
  /** already imported (same source id), or the workspace's own annotation */
  skipped: number;
  orphans: ImportOrphan[];
  claimsCreated: number;
  annotationIds: string[];
  /** W3C `replying` annotations made replies in the threads of the annotations this import created */
  repliesCreated: number;
  /** replies answering an annotation already imported or already this workspace's (a re-run): left as they are */
  repliesSkipped: number;
  /** replies not imported because what they answer was not: not in the file, an orphan, or itself not imported */
  replyOrphans: ImportReplyOrphan[];
};

type Doc = { id: string; slug: string; title: string; source: string | null; currentVersionId: string };

/** The document an item names: our own URL's slug, a document's source address, a slug at the end of the address. */
function matchDocument(item: ImportItem, docs: readonly Doc[]): Doc | null {
  const uri = item.sourceUri;
  if (uri) {
    const ours = /\/documents\/([^/?#]+)/.exec(uri);
    if (ours?.[1]) {
      const slug = decodeURIComponent(ours[1]);
      const found = docs.find((d) => d.slug === slug);
      if (found) return found;
    }
    const bySource = docs.find((d) => d.source !== null && d.source === uri);
    if (bySource) return bySource;
    const last = trimEndChars(cutAtFirst(uri, '?#'), '/').split('/').pop();
    const bySlug = last ? docs.find((d) => d.slug === decodeURIComponent(last).toLowerCase()) : undefined;
    if (bySlug) return bySlug;
  }
  if (item.sourceTitle) return docs.find((d) => d.title === item.sourceTitle) ?? null;
  return null;
}

const orphan = (item: ImportItem, reason: OrphanReason, message: string): ImportOrphan => ({
  index: item.index,
  sourceId: item.sourceId,
  sourceUri: item.sourceUri,
  exact: item.quote?.exact ?? null,
  reason,
  message,
});

/** The user the imported annotations belong to: the importing owner, or for the operator the first owner. */
async function importingAuthor(ctx: WorkspaceContext): Promise<string> {
  if (ctx.userId !== null) return ctx.userId;
  const owner = await db.membership.findFirst({ where: { workspaceId: ctx.workspace.id, role: 'owner' }, orderBy: { createdAt: 'asc' }, select: { userId: true } });
  if (!owner) throw new AppError('UNPROCESSABLE', `Workspace "${ctx.workspace.slug}" has no owner to attribute the imported annotations to.`);
  return owner.userId;
}

export async function importAnnotations({
  ctx,
  text,
  format,
  document,
}: {
  ctx: WorkspaceContext;
  /** the file's text */
  text: string;
  format?: ImportFormat;
  /** put every annotation on this document (slug or id) instead of matching by address */
  document?: string;
}): Promise<ImportResult> {
  authorize(ctx, 'importAnnotations');
  const ws = ctx.workspace;
  const actorId = ctx.userId;
  const authorId = await importingAuthor(ctx);

  const parsed = parseImportFile(text, format);
  const source = parsed.format;

  const docs = (
    await db.document.findMany({
      where: { workspaceId: ws.id, archivedAt: null, currentVersionId: { not: null } },
      select: { id: true, slug: true, title: true, source: true, currentVersionId: true },
    })
  ).map((d) => ({ ...d, currentVersionId: d.currentVersionId as string }));
  let chosen: Doc | null = null;
  if (document !== undefined) {
    chosen = docs.find((d) => d.slug === document || d.id === document) ?? null;
    if (!chosen) throw new AppError('UNPROCESSABLE', `No such document in this workspace: ${document}.`, { fields: { document: ['No such document in this workspace.'] } });
  }

  // Anchor every item (pure work, before the transaction), yielding to the event loop between items so a file of
  // thousands does not hold up other requests; each document's text is read once.
  const orphans: ImportOrphan[] = [];
  type Placed = { item: ImportItem; doc: Doc; selectors: ReturnType<typeof describeRange> };
  const placed: Placed[] = [];
  const texts = new Map<string, string>();
  // W3C TextPositionSelectors count code points; anchoring counts UTF-16 code units (lib/anchoring/code-points.ts)
  const pairs = new Map<string, Uint32Array | null>();
  const yieldNow = timeSlicer();
  for (const item of parsed.items) {
    await yieldNow();
    const doc = chosen ?? matchDocument(item, docs);
    if (!doc) {
      orphans.push(orphan(item, 'no-document', `No document of this workspace matches ${item.sourceUri ?? 'the annotation'}; choose one.`));
      continue;
    }
    if (!item.quote) {
      orphans.push(orphan(item, 'no-quote', 'The annotation selects no text (no TextQuoteSelector), so it cannot be anchored.'));
      continue;
    }
    let text = texts.get(doc.currentVersionId);
    if (text === undefined) {
      text = (await loadVersion({ workspaceId: ws.id, versionId: doc.currentVersionId })).text;
      texts.set(doc.currentVersionId, text);
      pairs.set(doc.currentVersionId, astralStarts(text));
    }
    // (Hypothesis's client writes them in the browser's UTF-16 units: taken as they are)
    const starts = source === 'w3c' ? (pairs.get(doc.currentVersionId) ?? null) : null;
    const position = item.position ? { start: fromCodePoints(starts, item.position.start), end: fromCodePoints(starts, item.position.end) } : {};
    const found = anchor(text, { ...item.quote, ...position });
    if (found.status === 'orphan') {
      orphans.push(orphan(item, 'quote-not-found', `The quote is not in "${doc.title}".`));
      continue;
    }
    placed.push({ item, doc, selectors: describeRange(text, found.start, found.end) });
  }

  const ownPrefix = annotationIri({ baseUrl: publicBaseUrl(), workspaceSlug: ws.slug }, '');
  const now = new Date();

  return db.$transaction(
    async (tx) => {
      const journal = new Journal(tx);
      // Idempotency: annotations of this file already imported, and this workspace's own annotations.
      const ids = [...new Set(placed.map((p) => p.item.sourceId))];
      const existing = new Set(
        (
          await tx.annotation.findMany({
            where: { workspaceId: ws.id, externalSource: source, externalId: { in: ids } },
            select: { externalId: true },
          })
        ).map((a) => a.externalId as string),
      );
      const ownIds = ids.filter((id) => id.startsWith(ownPrefix)).map((id) => decodeURIComponent(id.slice(ownPrefix.length)));
      const own = new Set(
        ownIds.length === 0
          ? []
          : (await tx.annotation.findMany({ where: { workspaceId: ws.id, id: { in: ownIds } }, select: { id: true } })).map((a) => `${ownPrefix}${encodeURIComponent(a.id)}`),
      );
      const seen = new Set<string>();
      const fresh = placed.filter((p) => {
        const id = p.item.sourceId;
        if (existing.has(id) || own.has(id) || seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      // already here (imported before, or this workspace's own): replies answering them are skipped, not orphaned
      const alreadyHere = new Set(placed.map((p) => p.item.sourceId).filter((id) => existing.has(id) || own.has(id)));

      // Claims by statement: an existing live claim with the same statement is joined, others are made.
      const statements = new Set<string>();
      const statementOf = (p: Placed): string => p.item.fields.statement ?? statementFromQuote(p.selectors.exact);
      for (const p of fresh) {
        statements.add(statementOf(p));
        if (p.item.fields.kind === 'crux') statements.add(p.item.fields.forStatement);
      }
      const claims = new Map<string, string>();
      if (statements.size > 0) {
        const found = await tx.claim.findMany({
          where: { workspaceId: ws.id, deletedAt: null, statement: { in: [...statements] } },
          orderBy: { createdAt: 'asc' },
          select: { id: true, statement: true },
        });
        for (const c of found) if (!claims.has(c.statement)) claims.set(c.statement, c.id);
      }
      const newClaims = [...statements].filter((s) => !claims.has(s)).map((statement) => ({ id: randomUUID(), workspaceId: ws.id, createdById: authorId, statement }));
      if (newClaims.length > 0) await tx.claim.createMany({ data: newClaims });
      for (const c of newClaims) {
        claims.set(c.statement, c.id);
        journal.change({ workspaceId: ws.id, documentId: null, entity: 'claim', entityId: c.id, action: 'create', version: 1 });
      }

      const rows: Prisma.AnnotationCreateManyInput[] = fresh.map((p) => {
        const { item, doc, selectors } = p;
        const fields = item.fields;
        const createdAt = item.created ?? now;
        return {
          id: randomUUID(),
          workspaceId: ws.id,
          documentId: doc.id,
          versionId: doc.currentVersionId,
          authorId,
          kind: fields.kind,
          claimId: claims.get(statementOf(p)) as string,
          forClaimId: fields.kind === 'crux' ? (claims.get(fields.forStatement) as string) : null,
          stance: fields.kind === 'evidence' ? fields.stance : null,
          strength: fields.kind === 'evidence' ? fields.strength : null,
          sourceUrl: fields.kind === 'evidence' ? fields.source : null,
          direction: fields.kind === 'crux' ? fields.direction : null,
          value: fields.kind === 'probability' ? fields.value : null,
          ...(item.rationale ? { rationale: item.rationale.doc, rationaleText: item.rationale.text } : {}),
          ...selectors,
          anchorStatus: 'anchored',
          anchoredVersionId: doc.currentVersionId,
          anchoredStart: selectors.start,
          anchoredEnd: selectors.end,
          externalSource: source,
          externalId: item.sourceId,
          ...(item.creator ? { externalCreator: item.creator } : {}),
          createdAt,
          updatedAt: item.modified ?? createdAt,
        };
      });
      for (const row of rows) {
        if (row.kind === 'crux' && row.claimId === row.forClaimId) {
          const index = fresh[rows.indexOf(row)]?.item.index ?? 0;
          throw new AppError('BAD_REQUEST', `Annotation at index ${index} is invalid: a claim cannot be a crux for itself. Nothing was imported.`, {
            fields: { [`items.${index}.body`]: ['a claim cannot be a crux for itself'] },
          });
        }
      }
      if (rows.length > 0) await tx.annotation.createMany({ data: rows });
      // each imported crux's (K, C) gets the workspace's crux link, as a crux made in the app does
      const cruxPairs = rows.filter((r) => r.kind === 'crux' && r.claimId && r.forClaimId);
      await ensureCruxLinks(tx, ws.id, cruxPairs.map((r) => ({ cruxClaimId: r.claimId as string, forClaimId: r.forClaimId as string })));
      for (const row of rows) {
        journal.change({ workspaceId: ws.id, documentId: row.documentId, entity: 'annotation', entityId: row.id as string, action: 'create', version: 1 });
      }
      // Replies (W3C `replying`): into the threads of the annotations made now, in the order written. One that
      // answers an annotation already here (a re-run) is skipped with it; one answering an annotation or reply that
      // is not in the file or was not imported is left out and listed in replyOrphans with the reason.
      const made = new Map(fresh.map((p, i) => [p.item.sourceId, { annotationId: rows[i]?.id as string, documentId: rows[i]?.documentId as string, parentId: null as string | null }]));
      const replyRows: Prisma.ReplyCreateManyInput[] = [];
      const replyChanges: { documentId: string; id: string }[] = [];
      // what the file holds, for saying why a reply was left out
      const itemAt = new Map(parsed.items.map((i) => [i.sourceId, i.index]));
      const orphanAt = new Map(orphans.map((o) => [o.sourceId, o]));
      const replyAt = new Map(parsed.replies.map((r) => [r.sourceId, r.index]));
      const replyOrphans: ImportReplyOrphan[] = [];
      let repliesSkipped = 0;
      // A reply answering a reply of the file that comes later in this order (its times disagree) waits for it.
      const waiting = new Map<string, ImportReply[]>();
      const leftOut = (reply: ImportReply, reason: ReplyOrphanReason, message: string) =>
        replyOrphans.push({ index: reply.index, sourceId: reply.sourceId, target: reply.target, reason, message });
      const place = (first: ImportReply): void => {
        const stack = [first];
        for (let reply = stack.pop(); reply; reply = stack.pop()) {
          const answered = made.get(reply.target);
          if (made.has(reply.sourceId)) {
            leftOut(reply, 'duplicate-id', 'Another annotation or reply of the file has the same id.');
          } else if (answered) {
            const id = randomUUID();
            const createdAt = reply.created ?? now;
            replyRows.push({ id, workspaceId: ws.id, annotationId: answered.annotationId, parentId: answered.parentId, authorId, body: reply.body.doc, bodyText: reply.body.text, createdAt, updatedAt: createdAt });
            replyChanges.push({ documentId: answered.documentId, id });
            made.set(reply.sourceId, { annotationId: answered.annotationId, documentId: answered.documentId, parentId: id });
          } else if (alreadyHere.has(reply.target)) {
            // its thread was imported with it before: answers to this reply are skipped too
            alreadyHere.add(reply.sourceId);
            repliesSkipped += 1;
          } else if (replyAt.has(reply.target)) {
            const list = waiting.get(reply.target);
            if (list) list.push(reply);
            else waiting.set(reply.target, [reply]);
            continue;
          } else {
            const orphaned = orphanAt.get(reply.target);
            const item = itemAt.get(reply.target);
            if (orphaned) leftOut(reply, 'target-not-imported', `It answers annotation #${orphaned.index}, which was not imported (${orphaned.reason}).`);
            else if (item !== undefined) leftOut(reply, 'target-not-imported', `It answers annotation #${item}, which was not imported.`);
            else leftOut(reply, 'target-not-in-file', `It answers ${reply.target}, which is not in this file.`);
          }
          // whatever became of it, the replies waiting for it can be decided now
          const next = waiting.get(reply.sourceId);
          if (next && (made.has(reply.sourceId) || alreadyHere.has(reply.sourceId))) {
            waiting.delete(reply.sourceId);
            for (let i = next.length - 1; i >= 0; i -= 1) stack.push(next[i] as ImportReply);
          }
        }
      };
      for (const reply of [...parsed.replies].sort((x, y) => (x.created?.getTime() ?? 0) - (y.created?.getTime() ?? 0) || x.index - y.index)) place(reply);
      // still waiting: the reply they answer was not imported
      for (const list of waiting.values()) {
        for (const reply of list) leftOut(reply, 'target-not-imported', `It answers reply #${replyAt.get(reply.target) ?? '?'}, which was not imported.`);
      }
      if (replyRows.length > 0) await tx.reply.createMany({ data: replyRows });
      for (const r of replyChanges) journal.change({ workspaceId: ws.id, documentId: r.documentId, entity: 'reply', entityId: r.id, action: 'create', version: 1 });
      const result: ImportResult = {
        format: source,
        total: parsed.items.length,
        created: rows.length,
        skipped: placed.length - rows.length,
        orphans,
        claimsCreated: newClaims.length,
        annotationIds: rows.map((r) => r.id as string),
        repliesCreated: replyRows.length,
        repliesSkipped,
        replyOrphans: replyOrphans.sort((x, y) => x.index - y.index),
      };
      journal.audit(ws.id, actorId, 'annotation.imported', ws.id, {
        format: source,
        total: result.total,
        created: result.created,
        skipped: result.skipped,
        orphans: orphans.length,
        claimsCreated: result.claimsCreated,
        repliesCreated: result.repliesCreated,
        replyOrphans: replyOrphans.length,
      });
      await journal.flush();
      return result;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
