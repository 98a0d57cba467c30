// The live change feed on a real database (PGlite in process, or PostgreSQL with LISTEN/NOTIFY): committed
// writes reach open streams, rolled-back ones never do, a reconnect with Last-Event-ID gets exactly what it
// missed, non-members cannot subscribe, and a stream ends when its member is removed.
import { afterAll, describe, expect, it } from 'vitest';
import { Journal } from '../../lib/journal/journal';
import { createApiToken, revokeApiToken } from '../../lib/auth/api-token-mutations';
import { createAnnotation, updateAnnotation } from '../../lib/annotations/mutations';
import { createAnnotationInputSchema, updateAnnotationInputSchema } from '../../lib/annotations/schemas';
import { db } from '../../lib/db';
import { importDocument } from '../../lib/documents/mutations';
import { AppError } from '../../lib/errors';
import { pruneLiveTables } from '../../lib/realtime/event-log-mutations';
import { liveHub } from '../../lib/realtime/hub';
import { heartbeatPresence, leavePresence } from '../../lib/realtime/presence-mutations';
import { listPresence } from '../../lib/realtime/presence-queries';
import { openEventStream } from '../../lib/realtime/stream';
import { removeMember } from '../../lib/workspaces/mutations';
import { createTestTeam } from '../factories';
import { contextFor } from '../factories/context';
import { uniqueSuffix } from '../support/unique';
import { SseReader } from '../support/sse';

afterAll(async () => {
  await liveHub().close();
});

const open: AbortController[] = [];
afterAll(() => {
  for (const controller of open) controller.abort();
});

async function subscribe(options: {
  userId: string;
  workspace: string;
  document?: string;
  lastEventId?: string;
  bearer?: string;
  heartbeatMs?: number;
}): Promise<SseReader & { abort: () => void }> {
  const controller = new AbortController();
  open.push(controller);
  const { userId, workspace, ...rest } = options;
  const response = await openEventStream({ bearer: null, ...rest, ctx: await contextFor(userId, workspace), signal: controller.signal });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = new SseReader(response.body as ReadableStream<Uint8Array>);
  await reader.until(() => reader.frames.some((f) => f.event === 'ready'), 'the ready frame');
  return Object.assign(reader, { abort: () => controller.abort() });
}

async function teamWithDocument() {
  const team = await createTestTeam();
  const marker = uniqueSuffix();
  const imported = await importDocument({
    ctx: await contextFor(team.owner.id, team.workspace.slug),
    input: { slug: `doc-${marker}`, text: ['Live essay', `A claim about ${marker} worth arguing over.`, 'Another paragraph.'].join('\n\n') },
  });
  const { text } = (await db.documentVersion.findFirstOrThrow({ where: { workspaceId: team.workspace.id, documentId: imported.documentId }, orderBy: { number: 'desc' }, select: { text: true } }));
  const exact = `A claim about ${marker}`;
  const start = text.indexOf(exact);
  const annotate = async (userId = team.reviewer.id) =>
    createAnnotation({
      ctx: await contextFor(userId, team.workspace.slug),
      input: createAnnotationInputSchema.parse({ document: imported.slug, kind: 'claim', target: { exact, start, end: start + exact.length } }),
    });
  return { ...team, document: { id: imported.documentId, slug: imported.slug }, annotate };
}

describe('the live change feed', () => {
  it('delivers a committed annotation to an open stream, with id: on every frame and ids only in the payload', async () => {
    const team = await teamWithDocument();
    const stream = await subscribe({ userId: team.observer.id, workspace: team.workspace.slug, document: team.document.slug });
    expect(stream.retry).toBeGreaterThan(0);
    const { annotation } = await team.annotate();
    await stream.until(() => stream.changes.some((f) => f.data.entity === 'annotation' && f.data.id === annotation.id), 'the annotation event');
    const event = stream.changes.find((f) => f.data.entity === 'annotation');
    expect(event?.data).toEqual({ workspace: team.workspace.id, document: team.document.id, entity: 'annotation', id: annotation.id, action: 'create', version: 1 });
    expect(stream.frames.every((f) => f.id !== null && /^\d+$/.test(f.id))).toBe(true);
    // the annotation's content (its quote) is never in the feed
    expect(stream.frames.some((f) => f.raw.includes('A claim about'))).toBe(false);
    stream.abort();
  });

  it('emits nothing for a write that rolls back, while the next committed one arrives', async () => {
    const team = await teamWithDocument();
    const stream = await subscribe({ userId: team.owner.id, workspace: team.workspace.slug });
    const doomed = `doomed-${uniqueSuffix()}`;
    await expect(
      db.$transaction(async (tx) => {
        await new Journal(tx).change({ workspaceId: team.workspace.id, documentId: null, entity: 'claim', entityId: doomed, action: 'create', version: 1 }).flush();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const { annotation } = await team.annotate();
    await stream.until(() => stream.changes.some((f) => f.data.id === annotation.id), 'the committed annotation');
    expect(stream.changes.map((f) => f.data.id)).not.toContain(doomed);
    expect(await db.changeEvent.count({ where: { workspaceId: team.workspace.id, entityId: doomed } })).toBe(0);
    stream.abort();
  });

  it('replays exactly the missed events, in order and without duplicates, after Last-Event-ID', async () => {
    const team = await teamWithDocument();
    const first = await subscribe({ userId: team.reviewer.id, workspace: team.workspace.slug, document: team.document.slug });
    const a = await team.annotate();
    await first.until(() => first.changes.some((f) => f.data.id === a.annotation.id), 'the first annotation');
    const lastSeen = first.changes.at(-1)?.id as string;
    first.abort();

    // missed while disconnected: an edit, another annotation, and a change on another document (not wanted here)
    await updateAnnotation({ ctx: await contextFor(team.reviewer.id, team.workspace.slug), id: a.annotation.id, input: updateAnnotationInputSchema.parse({ version: 1, body: 'Edited while you were away.' }) });
    const b = await team.annotate(team.owner.id);
    const missedIds = await db.changeEvent.findMany({
      where: { workspaceId: team.workspace.id, id: { gt: BigInt(lastSeen) }, OR: [{ documentId: team.document.id }, { documentId: null }] },
      orderBy: { id: 'asc' },
      select: { id: true },
    });

    const again = await subscribe({ userId: team.reviewer.id, workspace: team.workspace.slug, document: team.document.slug, lastEventId: lastSeen });
    expect(again.changes.map((f) => f.id)).toEqual(missedIds.map((e) => String(e.id)));
    expect(again.changes.map((f) => [f.data.id, f.data.action])).toEqual(
      expect.arrayContaining([
        [a.annotation.id, 'update'],
        [b.annotation.id, 'create'],
      ]),
    );
    // live again: the next write comes once, after the replay
    const c = await team.annotate();
    await again.until(() => again.changes.some((f) => f.data.id === c.annotation.id), 'the next live annotation');
    const ids = again.changes.map((f) => BigInt(f.id as string));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((x, y) => (x < y ? -1 : 1))).toEqual(ids);
    again.abort();
  });

  it('tells a client that was away too long (or names an unknown event) to reload instead of replaying', async () => {
    const team = await teamWithDocument();
    const stream = await subscribe({ userId: team.reviewer.id, workspace: team.workspace.slug, lastEventId: '999999999999' });
    expect(stream.frames.map((f) => f.event)).toEqual(['reload', 'ready']);
    stream.abort();
  });

  it('resumes a client whose last event is old but who missed nothing recent, and tells one away too long to reload', async () => {
    const team = await teamWithDocument();
    await team.annotate();
    // a quiet workspace: everything so far happened half an hour ago
    await db.changeEvent.updateMany({ where: { workspaceId: team.workspace.id }, data: { createdAt: new Date(Date.now() - 30 * 60_000) } });
    const last = (await db.changeEvent.findFirstOrThrow({ where: { workspaceId: team.workspace.id }, orderBy: { id: 'desc' }, select: { id: true } })).id;
    const quiet = await subscribe({ userId: team.reviewer.id, workspace: team.workspace.slug, lastEventId: String(last) });
    expect(quiet.frames.map((f) => f.event)).toEqual(['ready']);
    quiet.abort();
    // missed events from before the window: reload
    const early = await db.changeEvent.findFirstOrThrow({ where: { workspaceId: team.workspace.id }, orderBy: { id: 'asc' }, select: { id: true } });
    const away = await subscribe({ userId: team.reviewer.id, workspace: team.workspace.slug, lastEventId: String(early.id) });
    expect(away.frames.map((f) => f.event)).toEqual(['reload', 'ready']);
    away.abort();
  });

  it('refuses a non-member with 404, as if the workspace did not exist', async () => {
    const team = await teamWithDocument();
    const error = await contextFor(team.outsider.id, team.workspace.slug).then((ctx) => openEventStream({ ctx, bearer: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
  });

  it('refuses a reader of a public workspace who is not a member with 403 and a message', async () => {
    const team = await createTestTeam({ visibility: 'public' });
    const error = await contextFor(team.outsider.id, team.workspace.slug).then((ctx) => openEventStream({ ctx, bearer: null, signal: new AbortController().signal })).catch((e: unknown) => e);
    expect((error as AppError).status).toBe(403);
    expect((error as AppError).message).toBe('Only members of this workspace can follow its live changes.');
  });

  it('ends the stream of a member who is removed, after telling them', async () => {
    const team = await teamWithDocument();
    const stream = await subscribe({ userId: team.reviewer.id, workspace: team.workspace.slug, document: team.document.slug });
    await contextFor(team.owner.id, team.workspace.slug).then((ctx) => removeMember({ ctx, memberId: team.reviewer.id }));
    await stream.until(() => stream.isClosed, 'the stream to close');
    expect(stream.frames.at(-1)?.event).toBe('revoked');
  });

  it('sends heartbeats, and ends a stream opened with an API token once the token is revoked', async () => {
    const team = await teamWithDocument();
    const { token, apiToken } = await createApiToken({ userId: team.reviewer.id, input: { name: 'live' } });
    const stream = await subscribe({ userId: team.reviewer.id, workspace: team.workspace.slug, bearer: token, heartbeatMs: 150 });
    await stream.until(() => stream.comments.length >= 2, 'two heartbeats');
    expect(stream.isClosed).toBe(false);
    await revokeApiToken({ userId: team.reviewer.id, tokenId: apiToken.id });
    await stream.until(() => stream.isClosed, 'the stream to close');
    expect(stream.frames.at(-1)?.event).toBe('revoked');
  });

  it('keeps each workspace’s newest events when pruning, so the disagreement map’s data version holds', async () => {
    const team = await teamWithDocument();
    await team.annotate();
    await db.changeEvent.updateMany({ where: { workspaceId: team.workspace.id }, data: { createdAt: new Date(Date.now() - 3 * 3600_000) } });
    const before = await db.changeEvent.count({ where: { workspaceId: team.workspace.id } });
    await pruneLiveTables();
    expect(await db.changeEvent.count({ where: { workspaceId: team.workspace.id } })).toBe(before);
  });
});

describe('presence', () => {
  it('lists the readers of a document with their passage, signals joins, moves and leaves, and forgets a reader who left', async () => {
    const team = await teamWithDocument();
    const passages = await db.passage.findMany({ where: { workspaceId: team.workspace.id }, orderBy: { index: 'asc' }, select: { id: true } });
    const stream = await subscribe({ userId: team.owner.id, workspace: team.workspace.slug, document: team.document.slug });
    const readers = await heartbeatPresence({ ctx: await contextFor(team.observer.id, team.workspace.slug), input: { document: team.document.slug, passageId: passages[1]?.id } });
    expect(readers).toEqual([expect.objectContaining({ userId: team.observer.id, name: team.observer.name, passageId: passages[1]?.id })]);
    // short-lived: gone within 30 s of the last heartbeat unless renewed
    expect(Date.parse(readers[0]?.expiresAt ?? '')).toBeLessThanOrEqual(Date.now() + 30_000);
    await heartbeatPresence({ ctx: await contextFor(team.observer.id, team.workspace.slug), input: { document: team.document.slug, passageId: passages[2]?.id } });
    await leavePresence({ ctx: await contextFor(team.observer.id, team.workspace.slug), document: team.document.slug });
    await stream.until(() => stream.frames.filter((f) => f.event === 'presence').length === 3, 'three presence signals');
    expect(stream.frames.filter((f) => f.event === 'presence').map((f) => (f.data as { action: string }).action)).toEqual(['join', 'move', 'leave']);
    expect((await listPresence({ ctx: await contextFor(team.owner.id, team.workspace.slug), document: team.document.slug })).items).toEqual([]);
    stream.abort();
  });

  it('refuses a passage that is not in the document (422) and a non-member (404)', async () => {
    const team = await teamWithDocument();
    const bad = await heartbeatPresence({ ctx: await contextFor(team.reviewer.id, team.workspace.slug), input: { document: team.document.slug, passageId: 'nope' } }).catch((e: unknown) => e);
    expect((bad as AppError).status).toBe(422);
    const outsider = await contextFor(team.outsider.id, team.workspace.slug).then((ctx) => listPresence({ ctx, document: team.document.slug })).catch((e: unknown) => e);
    expect((outsider as AppError).status).toBe(404);
  });
});
