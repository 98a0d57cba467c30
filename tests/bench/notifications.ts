// Notification fan-out, in process on the database lib/db opens (DATABASE_URL, else an in-memory PGlite): a
// workspace of `members` members, `streams` of them with their notification stream open (each the author of one
// annotation); `replies` replies, one at a time, each to one stream holder's annotation by a member without a
// stream; for each, how long until the holder's stream had its new unread count — from the call (write + delivery)
// and from the commit (the call's return). Then one round opened on the document: every holder is told at once.
// Only the holder's own stream may move: a count arriving on any other stream fails the run.
//   npx tsx tests/bench/notifications.ts [--members 200] [--streams 100] [--replies 100] [--out FILE]
import { writeFile } from 'node:fs/promises';
import { setMaxListeners } from 'node:events';
import { parseArgs } from 'node:util';
import { createReply } from '../../lib/annotations/reply-mutations';
import { createAnnotation } from '../../lib/annotations/mutations';
import { createAnnotationInputSchema, createReplyInputSchema } from '../../lib/annotations/schemas';
import { userActor } from '../../lib/context/context';
import { loadWorkspaceContext } from '../../lib/context/queries';
import { db } from '../../lib/db';
import { openRound } from '../../lib/disagreement/mutations';
import { importDocument } from '../../lib/documents/mutations';
import { liveHub } from '../../lib/realtime/hub';
import { openNotificationStream } from '../../lib/realtime/notification-stream';
import { ms, percentile, type Figure } from './stats';

const { values } = parseArgs({
  options: {
    members: { type: 'string', default: '200' },
    streams: { type: 'string', default: '100' },
    replies: { type: 'string', default: '100' },
    out: { type: 'string' },
  },
});
const members = Number(values.members);
const streams = Math.min(members - 2, Number(values.streams));
const replies = Number(values.replies);

const suffix = Date.now().toString(36);
const workspace = await db.workspace.create({ data: { slug: `bench-notify-${suffix}`, name: 'Bench notifications' }, select: { id: true, slug: true } });
await db.user.createMany({ data: Array.from({ length: members }, (_, i) => ({ email: `bench-notify-${suffix}-${i}@example.test`, name: `Member ${i}` })) });
const users = await db.user.findMany({ where: { email: { startsWith: `bench-notify-${suffix}-` } }, select: { id: true }, orderBy: { email: 'asc' } });
await db.membership.createMany({ data: users.map((u, i) => ({ workspaceId: workspace.id, userId: u.id, role: i === 0 ? ('owner' as const) : ('reviewer' as const) })) });
const ctxOf = (userId: string) => loadWorkspaceContext({ actor: userActor(userId), workspace: workspace.slug });
const owner = users[0]!.id;
const paragraph = 'Every member annotates this sentence once.';
const imported = await importDocument({ ctx: await ctxOf(owner), input: { slug: 'fan-out', text: ['Fan-out', paragraph].join('\n\n') } });
const { text } = await db.documentVersion.findFirstOrThrow({ where: { documentId: imported.documentId }, select: { text: true } });
const start = text.indexOf(paragraph);

// the stream holders: members 1..streams, each with one annotation
const holders = users.slice(1, 1 + streams).map((u) => u.id);
const annotationOf = new Map<string, string>();
for (const userId of holders) {
  const { annotation } = await createAnnotation({
    ctx: await ctxOf(userId),
    input: createAnnotationInputSchema.parse({ document: imported.slug, kind: 'claim', target: { exact: paragraph, start, end: start + paragraph.length }, claim: { statement: `Claim of ${userId}` } }),
  });
  annotationOf.set(userId, annotation.id);
}
const repliers = users.slice(1 + streams).map((u) => u.id);

// counts as they arrive, per holder, with the time
const arrivals = new Map<string, { unread: number; at: number }[]>(holders.map((id) => [id, []]));
const controller = new AbortController();
setMaxListeners(streams + 10, controller.signal);
await Promise.all(
  holders.map(async (userId) => {
    const response = await openNotificationStream({ userId, signal: controller.signal });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let resolveFirst: () => void = () => {};
    const first = new Promise<void>((resolve) => (resolveFirst = resolve));
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^event: unread\ndata: (.*)$/m.exec(frame)?.[1];
          if (data) {
            arrivals.get(userId)!.push({ unread: (JSON.parse(data) as { unread: number }).unread, at: performance.now() });
            resolveFirst();
          }
        }
      }
    })();
    await first;
  }),
);

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return performance.now();
}

const fromCall: number[] = [];
const fromCommit: number[] = [];
const totalFrames = () => [...arrivals.values()].reduce((n, a) => n + a.length, 0);
for (let i = 0; i < replies; i += 1) {
  const holder = holders[i % holders.length]!;
  const replier = repliers[i % repliers.length]!;
  const seen = arrivals.get(holder)!;
  const before = seen.length;
  const framesBefore = totalFrames();
  const ctx = await ctxOf(replier);
  const t0 = performance.now();
  await createReply({ ctx, annotationId: annotationOf.get(holder)!, input: createReplyInputSchema.parse({ body: `Reply ${i}` }) });
  const committed = performance.now();
  await until(() => seen.length > before, `reply ${i} on ${holder}'s stream`);
  const at = seen[before]!.at;
  fromCall.push(at - t0);
  fromCommit.push(Math.max(0, at - committed));
  // a little time for a wrong delivery to show, then: only the holder's stream moved
  await new Promise((resolve) => setTimeout(resolve, 2));
  if (totalFrames() !== framesBefore + 1) throw new Error(`reply ${i}: ${totalFrames() - framesBefore} streams moved, expected only the recipient's`);
}

const counts = new Map(holders.map((id) => [id, arrivals.get(id)!.length]));
const t0 = performance.now();
await openRound({ ctx: await ctxOf(owner), document: imported.slug });
const roundCommitted = performance.now();
const roundArrivals: number[] = [];
for (const id of holders) {
  const at = await until(() => arrivals.get(id)!.length > counts.get(id)!, `the round on ${id}'s stream`);
  roundArrivals.push(arrivals.get(id)![counts.get(id)!]?.at ?? at);
}
controller.abort();
await liveHub().close();

const figures: Figure[] = [
  { figure: `notification fan-out: reply → recipient's stream, ${members} members, ${streams} open streams, p50 / p99 (from the call)`, value: `${ms(percentile(fromCall, 50))} / ${ms(percentile(fromCall, 99))}`, target: '' },
  { figure: 'notification fan-out: reply committed → received, p50 / p99', value: `${ms(percentile(fromCommit, 50))} / ${ms(percentile(fromCommit, 99))}`, target: '' },
  {
    figure: `notification fan-out: round opened → all ${streams} streams, committed → last received (call: ${ms(roundCommitted - t0)})`,
    value: ms(Math.max(...roundArrivals) - roundCommitted),
    target: '',
  },
];
for (const f of figures) console.log(`  ${f.figure}: ${f.value}`);
if (values.out) await writeFile(values.out, JSON.stringify(figures));
await db.$disconnect();
process.exit(0);
