// `cruxmap workspace dump` and `restore`, run in the test process on this file's database (PGlite, or PostgreSQL
// with DATABASE_URL): the demo preset on one bundled document plus a claim merge, blind review, a second round
// (the preset opens one) and replies, dumped and restored under a new slug. The restored workspace's disagreement
// map (as an owner and as a reviewer under blind review), crux graph and every export equal the original's once ids
// are blanked (times are kept by the restore); a slug that exists and a damaged dump are refused with exit 2 and
// write nothing.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import type { WorkspaceContext } from '../../lib/context/context';
import { getCruxGraph } from '../../lib/cruxes/graph-queries';
import { prepareExport } from '../../lib/datasets/export';
import { exportFormats } from '../../lib/datasets/model';
import { preparePackage } from '../../lib/datasets/package/package';
import { getDisagreementMap } from '../../lib/disagreement/queries';
import { cruxmap } from '../support/cli';
import { contextFor, operatorContext } from '../factories/context';
import { entryText } from '../support/package-entry';
import { canonical, prepareDumpSource, slug } from '../support/workspace-dump-fixture';

let tmp: string;
let dumpFile: string;
let reviewerId: string;
let documentSlug: string;

beforeAll(async () => {
  ({ tmp, dumpFile, reviewerId, documentSlug } = await prepareDumpSource());
}, 180_000);

async function everyExport(ctx: WorkspaceContext, now: Date): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const format of exportFormats) {
    const prepared = await prepareExport({ ctx, format, filters: { documents: [], kinds: [], authors: [], from: null, to: null, pseudonymise: false }, now });
    let text = '';
    for await (const chunk of prepared.chunks()) text += chunk;
    const lines = text.split(/\r?\n/).map((l) => l.replace(/dump-source|dump-restored/g, 'WS'));
    // the credence matrix's columns are in claim-id order: compare each reviewer's row as the multiset of its cells
    out[format] = format === 'credences' ? lines.map((l) => l.split(',').sort().join(',')) : lines;
  }
  const pkg = await preparePackage({ ctx, identities: ctx.role === 'owner', now });
  for (const entry of pkg.entries) {
    const text = await entryText(entry);
    let lines = text.split(/\r?\n/).map((l) => l.replace(/dump-source|dump-restored|Dump source/g, 'WS'));
    // restored credences are marked imported (checked apart): blank that column
    if (entry.path === 'credences.csv') lines = lines.map((l, i) => (i === 0 || l === '' ? l : l.split(',').map((c, j) => (j === 5 ? 'IMPORTED?' : c)).join(',')));
    out[`package/${entry.path}`] = lines;
  }
  return out;
}

/** Each claim's opinion-group figures, by statement. */
async function pcaFigures(ctx: WorkspaceContext): Promise<[string, number | null, number | null][]> {
  const map = await getDisagreementMap({ ctx, document: documentSlug });
  return map.claims.map((c) => [c.statement ?? '', c.bridged, c.viewpoint] as [string, number | null, number | null]).sort((a, b) => a[0].localeCompare(b[0]));
}

async function viewOf(workspace: string, ctx: WorkspaceContext): Promise<unknown> {
  const now = new Date('2026-01-01T00:00:00.000Z');
  return canonical({
    map: await getDisagreementMap({ ctx, document: documentSlug }),
    graph: await getCruxGraph({ ctx }),
    exports: await everyExport(ctx, now),
    workspace: workspace.length > 0,
  });
}

describe('cruxmap workspace dump and restore', () => {
  it('restores a workspace whose map, crux graph and exports equal the original\u2019s except ids', async () => {
    const restored = await cruxmap(['workspace', 'restore', dumpFile, '--slug', 'dump-restored']);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/^restored workspace dump-restored: \d+ rows, \d+ accounts matched by email, 0 placeholder accounts/);

    const before = await viewOf(slug, await operatorContext(slug));
    const after = await viewOf('dump-restored', await operatorContext('dump-restored'));
    expect(after).toEqual(before);
    const [pcaBefore, pcaAfter] = [await pcaFigures(await operatorContext(slug)), await pcaFigures(await operatorContext('dump-restored'))];
    expect(pcaAfter.map((c) => c[0])).toEqual(pcaBefore.map((c) => c[0]));
    pcaAfter.forEach(([, bridged, viewpoint], i) => {
      const [, b, v] = pcaBefore[i] as [string, number | null, number | null];
      expect(Math.abs((bridged ?? 0) - (b ?? 0))).toBeLessThan(1e-3);
      // the viewpoint factor's starting values follow reviewer and claim ids (lib/aggregation/bridging.ts), which a
      // restore renews: the fit stops within its tolerance from another start, so it agrees to ~1e-3, not exactly
      // (seen up to 0.0056 apart)
      expect(Math.abs((viewpoint ?? 0) - (v ?? 0))).toBeLessThan(1e-2);
    });
    // a reviewer under blind review sees the same in both (matched by email: the same account)
    expect(await viewOf('dump-restored', await contextFor(reviewerId, 'dump-restored'))).toEqual(await viewOf(slug, await contextFor(reviewerId, slug)));

    const source = await db.workspace.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const target = await db.workspace.findUniqueOrThrow({ where: { slug: 'dump-restored' }, select: { id: true } });
    for (const table of ['annotation', 'credenceRevision', 'claimMerge', 'reply', 'round', 'cruxConditionalRevision', 'claimRevision'] as const) {
      const count = (workspaceId: string) => (db[table] as unknown as { count: (a: object) => Promise<number> }).count({ where: { workspaceId } });
      expect(await count(target.id), table).toBe(await count(source.id));
    }
    // the restored credences count as credences of the same reviewers, marked imported; the licence came along
    expect(await db.credence.count({ where: { workspaceId: target.id, importedFrom: 'restore:dump-source' } })).toBe(await db.credence.count({ where: { workspaceId: source.id } }));
    expect(await db.credence.count({ where: { workspaceId: source.id, importedFrom: { not: null } } })).toBe(0);
    expect((await db.workspace.findUniqueOrThrow({ where: { id: target.id }, select: { licence: true } })).licence).toBe('CC-BY-4.0');
    expect(await db.auditLog.count({ where: { workspaceId: target.id } })).toBe((await db.auditLog.count({ where: { workspaceId: source.id } })) + 1);
    // the assignment and the reviewer's last visit came along, on the restored document, for the same (matched) accounts
    const assignments = (workspaceId: string) =>
      db.assignment.findMany({ where: { workspaceId }, select: { userId: true, createdById: true, dueAt: true, document: { select: { slug: true, workspaceId: true } } } });
    const [assignedBefore, assignedAfter] = [await assignments(source.id), await assignments(target.id)];
    expect(assignedBefore).toHaveLength(1);
    expect(assignedAfter.map((a) => ({ ...a, document: a.document.slug }))).toEqual(assignedBefore.map((a) => ({ ...a, document: a.document.slug })));
    expect(assignedAfter[0]?.document.workspaceId).toBe(target.id);
    expect(assignedAfter[0]?.userId).toBe(reviewerId);
    const visits = (workspaceId: string) => db.documentVisit.findMany({ where: { workspaceId }, select: { userId: true, visitedAt: true, since: true, document: { select: { slug: true, workspaceId: true } } } });
    const [visitedAfter] = await visits(target.id);
    expect(visitedAfter).toEqual({ userId: reviewerId, visitedAt: new Date('2030-01-02T09:00:00.000Z'), since: new Date('2030-01-01T09:00:00.000Z'), document: { slug: documentSlug, workspaceId: target.id } });
  }, 180_000);

  it('refuses a slug that exists, and a damaged or truncated dump, with exit 2, writing nothing', async () => {
    const workspaces = await db.workspace.count();
    const users = await db.user.count();
    const exists = await cruxmap(['workspace', 'restore', dumpFile]);
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain('Workspace "dump-source" already exists');

    const lines = gunzipSync(await readFile(dumpFile)).toString('utf8').trimEnd().split('\n');
    // truncated: the end record is missing, so even a placeholder account made on the way is rolled back
    const header = JSON.parse(lines[0] as string) as { users: { id: string; email: string; name: string }[] };
    header.users.push({ id: 'cnewpersonnotintarget0000', email: 'new-person@example.test', name: 'New' });
    const truncated = path.join(tmp, 'truncated.gz');
    await writeFile(truncated, gzipSync([JSON.stringify(header), ...lines.slice(1, -40)].join('\n')));
    const cut = await cruxmap(['workspace', 'restore', truncated, '--slug', 'dump-truncated']);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain('ends before its end record');

    const damaged = path.join(tmp, 'damaged.gz');
    await writeFile(damaged, gzipSync([...lines.slice(0, 200), '{"type":"row","table":"Annotation","row":{"id":', ...lines.slice(200)].join('\n')));
    const broken = await cruxmap(['workspace', 'restore', damaged, '--slug', 'dump-damaged']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/not JSON/);

    const corrupt = path.join(tmp, 'corrupt.gz');
    const bytes = await readFile(dumpFile);
    await writeFile(corrupt, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const half = await cruxmap(['workspace', 'restore', corrupt, '--slug', 'dump-corrupt']);
    expect(half.code).toBe(2);

    expect(await db.workspace.count()).toBe(workspaces);
    expect(await db.user.count()).toBe(users);
    expect(await db.user.count({ where: { email: 'new-person@example.test' } })).toBe(0);
  }, 180_000);
});
