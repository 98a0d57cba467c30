// The demo generator's batch writer: the rows the API's mutations would write for the same calls — claims,
// annotations, credences and their revisions, crux links, conditionals and their revisions, replies, the round,
// audit entries and change events — built in memory, then written one document per transaction in multi-row
// INSERTs. The search index follows through the tables' triggers, as it does for the mutations. Each call gets its
// own time (a millisecond apart, in call order) so that everything ordered by time — the change feed, the audit
// log, the rounds' credences — reads as if the mutations had run one after another.
// tests/integration/demo-batch.test.ts checks it against the mutations row for row.
import { randomUUID } from 'node:crypto';
import { newId } from '../ids';
import { describeRange, matchesAt } from '../anchoring';
import { statementFromQuote } from '../annotations/mutations';
import { createAnnotationInputSchema, createReplyInputSchema, type CreateAnnotationInput } from '../annotations/schemas';
import { db } from '../db';
import type { Prisma } from '../generated/prisma/client';
import type { ChangeEntity } from '../journal/journal';
import { notify, notifyDocumentReviewers } from '../notifications/mutations';
import type { DemoDocument, DemoWriter } from './writer';

/** The order Prisma sorts annotation kinds in (the enum's declaration order). */
const KIND_ORDER = { claim: 0, evidence: 1, crux: 2, probability: 3 } as const;

type At = number; // the index of the call that wrote or last changed a row; a time once written

type AnnotationRow = Omit<Prisma.AnnotationCreateManyInput, 'createdAt' | 'updatedAt'> & {
  id: string;
  kind: keyof typeof KIND_ORDER;
  version: number;
  at: At;
  updatedAt: At;
};
type CredenceRow = { id: string; workspaceId: string; claimId: string; userId: string; annotationId: string | null; value: number; at: At; updatedAt: At };
type ConditionalRow = { id: string; workspaceId: string; linkId: string; userId: string; ifTrue: number; ifFalse: number; at: At; updatedAt: At };

/** What one document's transaction writes, in the order of its calls. */
type Group = {
  document: DemoDocument;
  annotationCount: number;
  claims: { id: string; workspaceId: string; statement: string; createdById: string; at: At }[];
  annotations: AnnotationRow[];
  credences: CredenceRow[];
  credenceRevisions: { id: string; workspaceId: string; credenceId: string; claimId: string; userId: string; value: number; at: At }[];
  cruxLinks: { id: string; workspaceId: string; cruxClaimId: string; forClaimId: string; at: At }[];
  conditionals: ConditionalRow[];
  conditionalRevisions: { id: string; workspaceId: string; conditionalId: string; userId: string; ifTrue: number; ifFalse: number; at: At }[];
  replies: { id: string; workspaceId: string; annotationId: string; authorId: string; body: Prisma.InputJsonValue; bodyText: string; at: At }[];
  rounds: { id: string; workspaceId: string; documentId: string; number: number; openedById: string; at: At }[];
  audits: { workspaceId: string; actorId: string; action: string; entityType: string; entityId: string; data: Prisma.InputJsonValue; at: At }[];
  changes: { workspaceId: string; documentId: string | null; entity: ChangeEntity; entityId: string; action: string; version: number; at: At }[];
};

const emptyGroup = (document: DemoDocument): Group => ({
  document,
  annotationCount: 0,
  claims: [],
  annotations: [],
  credences: [],
  credenceRevisions: [],
  cruxLinks: [],
  conditionals: [],
  conditionalRevisions: [],
  replies: [],
  rounds: [],
  audits: [],
  changes: [],
});

/** A writer for a workspace on a fresh start (nothing of the demo there yet): it assumes no rows it did not write. */
export function batchWriter({ workspaceId }: { workspaceId: string }): DemoWriter {
  const groups: Group[] = [];
  let calls = 0;
  const current = (): Group => {
    const group = groups[groups.length - 1];
    if (!group) throw new Error('batchWriter: beginDocument first');
    return group;
  };
  // across documents: a claim's annotations, credences by (claim, reviewer), links by (K, C), conditionals
  const annotationsById = new Map<string, AnnotationRow>();
  const credences = new Map<string, CredenceRow>();
  const links = new Map<string, string>();
  const conditionals = new Map<string, ConditionalRow>();
  const annotationsOfClaim = new Map<string, AnnotationRow[]>();

  const audit = (group: Group, at: At, actorId: string, action: string, entityId: string, data: Prisma.InputJsonValue = {}) =>
    group.audits.push({ workspaceId, actorId, action, entityType: action.split('.')[0] ?? action, entityId, data, at });
  const change = (group: Group, at: At, entity: ChangeEntity, entityId: string, action: string, documentId: string | null, version = 1) =>
    group.changes.push({ workspaceId, documentId, entity, entityId, action, version, at });

  const newClaim = (group: Group, at: At, userId: string, statement: string): string => {
    const id = newId();
    group.claims.push({ id, workspaceId, statement, createdById: userId, at });
    audit(group, at, userId, 'claim.created', id);
    change(group, at, 'claim', id, 'create', null);
    return id;
  };

  const liveClaim = (claimId: string): string => {
    if (!annotationsOfClaim.has(claimId)) throw new Error(`batchWriter: claim ${claimId} was not written by this writer`);
    return claimId;
  };

  /** setCredence of lib/annotations/mutations.ts: one current row per (claim, reviewer), a revision for each value. */
  const setCredence = (group: Group, at: At, claimId: string, userId: string, value: number): CredenceRow => {
    const key = `${claimId}\n${userId}`;
    let credence = credences.get(key);
    if (credence) {
      credence.value = value;
      credence.updatedAt = at;
    } else {
      credence = { id: randomUUID(), workspaceId, claimId, userId, annotationId: null, value, at, updatedAt: at };
      credences.set(key, credence);
      group.credences.push(credence);
    }
    group.credenceRevisions.push({ id: newId(), workspaceId, credenceId: credence.id, claimId, userId, value, at });
    return credence;
  };

  const addAnnotation = (group: Group, row: AnnotationRow) => {
    group.annotations.push(row);
    annotationsById.set(row.id, row);
    if (row.claimId) {
      const list = annotationsOfClaim.get(row.claimId) ?? [];
      list.push(row);
      annotationsOfClaim.set(row.claimId, list);
    }
  };

  return {
    reportsProgress: true,

    beginDocument: (document) => {
      groups.push(emptyGroup(document));
    },

    // the writes only fill memory: they answer at once (finish writes)
    annotate: (userId, raw: CreateAnnotationInput) => {
      const data = createAnnotationInputSchema.parse(raw);
      const group = current();
      const { document } = group;
      if (data.document !== document.slug) throw new Error(`batchWriter: an annotation on ${String(data.document)} while writing ${document.slug}`);
      const at = calls++;
      group.annotationCount++;
      const text = document.version.text;

      // the target as given, or (a probability on a named claim) the claim's own text on this document
      let target: { exact: string; prefix?: string; suffix?: string; start: number; end: number };
      if (data.target) target = data.target;
      else {
        const claimId = liveClaim(data.probability?.claimId as string);
        const made = (annotationsOfClaim.get(claimId) ?? [])
          .filter((a) => a.kind !== 'evidence' && a.documentId === document.id)
          .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.at - b.at)[0];
        if (!made) throw new Error('batchWriter: this claim has no text on this document to sit on');
        target = made;
      }
      // the generator's targets are sentences of the current version, found where it says
      if (!(target.end <= text.length && matchesAt(text, target))) throw new Error(`batchWriter: the quote is not at ${target.start}..${target.end}`);
      const selectors = describeRange(text, target.start, target.end);
      const base = {
        id: newId(),
        workspaceId,
        documentId: document.id,
        versionId: document.version.id,
        authorId: userId,
        kind: data.kind,
        ...selectors,
        anchorStatus: 'anchored' as const,
        anchoredVersionId: document.version.id,
        anchoredStart: selectors.start,
        anchoredEnd: selectors.end,
        ...(data.body ? { rationale: data.body.doc as Prisma.InputJsonValue, rationaleText: data.body.text } : {}),
        version: 1,
        at,
        updatedAt: at,
      };

      let annotation: AnnotationRow;
      let revised = false;
      switch (data.kind) {
        case 'claim': {
          const claimId = data.claim?.claimId ? liveClaim(data.claim.claimId) : newClaim(group, at, userId, data.claim?.statement ?? statementFromQuote(selectors.exact));
          annotation = { ...base, claimId };
          addAnnotation(group, annotation);
          break;
        }
        case 'probability': {
          const p = data.probability as NonNullable<typeof data.probability>;
          const claimId = p.claimId ? liveClaim(p.claimId) : newClaim(group, at, userId, p.statement ?? statementFromQuote(selectors.exact));
          const credence = setCredence(group, at, claimId, userId, p.value);
          const existing = (annotationsOfClaim.get(claimId) ?? []).find((a) => a.authorId === userId && a.kind === 'probability');
          if (existing) {
            revised = true;
            annotation = existing;
            existing.value = p.value;
            existing.version += 1;
            existing.updatedAt = at;
            if (data.body) Object.assign(existing, { rationale: data.body.doc, rationaleText: data.body.text });
          } else {
            annotation = { ...base, claimId, value: p.value };
            addAnnotation(group, annotation);
          }
          credence.annotationId = annotation.id;
          break;
        }
        case 'evidence': {
          const e = data.evidence as NonNullable<typeof data.evidence>;
          annotation = { ...base, claimId: liveClaim(e.claimId), stance: e.stance, strength: e.strength, sourceUrl: e.source ?? null };
          addAnnotation(group, annotation);
          break;
        }
        case 'crux': {
          const c = data.crux as NonNullable<typeof data.crux>;
          const forClaimId = c.forClaimId ? liveClaim(c.forClaimId) : newClaim(group, at, userId, c.forStatement as string);
          const claimId = c.claimId ? liveClaim(c.claimId) : newClaim(group, at, userId, c.statement ?? statementFromQuote(selectors.exact));
          if (claimId === forClaimId) throw new Error('batchWriter: a claim cannot be a crux for itself');
          annotation = { ...base, claimId, forClaimId, direction: c.direction };
          addAnnotation(group, annotation);
          const key = `${claimId}\n${forClaimId}`;
          if (!links.has(key)) {
            const id = randomUUID();
            links.set(key, id);
            group.cruxLinks.push({ id, workspaceId, cruxClaimId: claimId, forClaimId, at });
          }
          break;
        }
      }
      audit(group, at, userId, revised ? 'annotation.updated' : 'annotation.created', annotation.id, {
        kind: data.kind,
        documentId: document.id,
        ...(revised ? { revisedCredence: true } : {}),
      });
      change(group, at, 'annotation', annotation.id, revised ? 'update' : 'create', document.id, annotation.version);
      return Promise.resolve({ annotationId: annotation.id, claimId: annotation.claimId ?? null });
    },

    setConditionals: (userId, link, values) => {
      const linkId = links.get(`${link.cruxClaimId}\n${link.forClaimId}`);
      if (!linkId) return Promise.resolve();
      const group = current();
      const at = calls++;
      const key = `${linkId}\n${userId}`;
      let row = conditionals.get(key);
      if (row) Object.assign(row, { ...values, updatedAt: at });
      else {
        row = { id: newId(), workspaceId, linkId, userId, ...values, at, updatedAt: at };
        conditionals.set(key, row);
        group.conditionals.push(row);
      }
      group.conditionalRevisions.push({ id: newId(), workspaceId, conditionalId: row.id, userId, ...values, at });
      audit(group, at, userId, 'cruxLink.conditionals', linkId);
      change(group, at, 'cruxLink', linkId, 'update', null);
      return Promise.resolve();
    },

    reply: (userId, annotationId, body) => {
      const { body: parsed } = createReplyInputSchema.parse({ body });
      const annotation = annotationsById.get(annotationId);
      if (!annotation) throw new Error(`batchWriter: annotation ${annotationId} was not written by this writer`);
      const group = current();
      const at = calls++;
      const id = newId();
      group.replies.push({ id, workspaceId, annotationId, authorId: userId, body: parsed.doc, bodyText: parsed.text, at });
      audit(group, at, userId, 'reply.created', id, { annotationId });
      change(group, at, 'reply', id, 'create', annotation.documentId);
      return Promise.resolve();
    },

    openRound: async (userId, document) => {
      const last = await db.round.findFirst({ where: { workspaceId, documentId: document.id }, orderBy: { number: 'desc' }, select: { number: true } });
      const group = current();
      const before = groups.flatMap((g) => g.rounds).filter((r) => r.documentId === document.id);
      const number = Math.max(last?.number ?? 1, ...before.map((r) => r.number)) + 1;
      const at = calls++;
      const id = newId();
      group.rounds.push({ id, workspaceId, documentId: document.id, number, openedById: userId, at });
      audit(group, at, userId, 'round.opened', id, { documentId: document.id, number });
      change(group, at, 'round', id, 'create', document.id);
    },

    finish: async (onDocument) => {
      // each call a millisecond after the one before, from just after now: later than anything already written
      const start = Date.now() + 1;
      const time = (at: At) => new Date(start + at);
      for (const group of groups.splice(0)) {
        await db.$transaction(
          async (tx) => {
            await tx.claim.createMany({ data: group.claims.map(({ at, ...c }) => ({ ...c, createdAt: time(at), updatedAt: time(at) })) });
            await tx.annotation.createMany({
              data: group.annotations.map(({ at, updatedAt, ...a }) => ({ ...a, createdAt: time(at), updatedAt: time(updatedAt) })),
            });
            await tx.credence.createMany({ data: group.credences.map(({ at, updatedAt, ...c }) => ({ ...c, createdAt: time(at), updatedAt: time(updatedAt) })) });
            await tx.credenceRevision.createMany({ data: group.credenceRevisions.map(({ at, ...r }) => ({ ...r, createdAt: time(at) })) });
            await tx.cruxLink.createMany({ data: group.cruxLinks.map(({ at, ...l }) => ({ ...l, createdAt: time(at) })) });
            await tx.cruxConditional.createMany({
              data: group.conditionals.map(({ at, updatedAt, ...c }) => ({ ...c, createdAt: time(at), updatedAt: time(updatedAt) })),
            });
            await tx.cruxConditionalRevision.createMany({ data: group.conditionalRevisions.map(({ at, ...r }) => ({ ...r, createdAt: time(at) })) });
            await tx.reply.createMany({ data: group.replies.map(({ at, ...r }) => ({ ...r, createdAt: time(at), updatedAt: time(at) })) });
            await tx.round.createMany({ data: group.rounds.map(({ at, ...r }) => ({ ...r, openedAt: time(at) })) });
            await tx.auditLog.createMany({ data: group.audits.map(({ at, ...a }) => ({ ...a, createdAt: time(at) })) });
            // as lib/journal/journal.ts: the workspace's event ids follow commit order
            await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cruxmap.change_events'), hashtext(${workspaceId}))`;
            await tx.changeEvent.createMany({ data: group.changes.map(({ at, ...c }) => ({ ...c, createdAt: time(at) })) });
            // the notifications the replies and rounds made, in the order they happened (as lib/notifications writes them)
            const events = [...group.replies.map((r) => ({ at: r.at, reply: r, round: null })), ...group.rounds.map((r) => ({ at: r.at, reply: null, round: r }))];
            for (const { at, reply, round } of events.sort((a, b) => a.at - b.at)) {
              if (reply) {
                const annotation = annotationsById.get(reply.annotationId);
                const candidates = annotation ? [annotation.authorId] : [];
                await notify(tx, { workspaceId, type: 'reply', actorId: reply.authorId, documentId: annotation?.documentId ?? null, annotationId: reply.annotationId, subjectId: reply.id, candidates, at: time(at) });
              } else if (round) {
                await notifyDocumentReviewers(tx, { workspaceId, documentId: round.documentId, actorId: round.openedById, subjectId: round.id, at: time(at) });
              }
            }
          },
          { timeout: 300_000, maxWait: 60_000 },
        );
        onDocument(group.document, group.annotationCount);
      }
    },
  };
}
