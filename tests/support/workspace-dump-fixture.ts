// The source workspace of the dump-and-restore tests (tests/integration/workspace-dump.test.ts and
// workspace-move.test.ts): the demo preset on one bundled document plus a claim merge, blind review, a second round
// (the preset opens one), replies, an assignment and visits, dumped by the real `cruxmap workspace dump`; and how
// the tests compare what they read (canonical JSON with ids blanked).
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { db } from '../../lib/db';
import { operatorActor, workspaceContext } from '../../lib/context/context';
import { mergeClaim } from '../../lib/claims/merge-mutations';
import { contentDir, readBundledManifest } from '../../lib/documents/bundled-corpus';
import { importDocument } from '../../lib/documents/mutations';
import { loadDemoPreset } from '../../lib/demo/generate';
import { ensureDemoUser } from '../../lib/demo/mutations';
import { ensureWorkspace, setMembership, updateWorkspace } from '../../lib/workspaces/mutations';
import { assignDocument } from '../../lib/assignments/mutations';
import { recordVisit } from '../../lib/visits/mutations';
import { cruxmap } from './cli';
import { contextFor, operatorContext } from '../factories/context';

export const slug = 'dump-source';

export type DumpSource = { tmp: string; dumpFile: string; reviewerId: string; documentSlug: string };

/** Builds the source workspace on this file's database and dumps it to a file in a new temporary folder. */
export async function prepareDumpSource(): Promise<DumpSource> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-dump-'));
  const manifest = await readBundledManifest();
  const entry = manifest.documents[0] as (typeof manifest.documents)[number];
  const { workspace } = await ensureWorkspace({ slug, name: 'Dump source' });
  const ctx = workspaceContext(operatorActor, workspace, null);
  const owner = await ensureDemoUser({ email: 'dump-owner@example.test', name: 'Dump Owner' });
  await setMembership({ ctx, userId: owner.id, role: 'owner' });
  const text = await readFile(path.join(contentDir(), entry.file), 'utf8');
  const doc = await importDocument({ ctx, input: { ...entry, text, filename: entry.file } });
  const documentSlug = doc.slug;
  expect((await loadDemoPreset({ workspaceId: workspace.id, ownerId: owner.id, claimsPerDocument: 6 })).status).toBe('created');
  await updateWorkspace({ ctx: await operatorContext(slug), input: { licence: 'CC-BY-4.0' } });
  // blind review on the document, and one claim merged into another
  await db.document.updateMany({ where: { workspaceId: workspace.id }, data: { blind: true } });
  const claims = await db.claim.findMany({ where: { workspaceId: workspace.id, deletedAt: null }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  const op = await operatorContext(slug);
  await mergeClaim({ ctx: op, id: (claims[claims.length - 1] as { id: string }).id, into: (claims[0] as { id: string }).id });
  // a reviewer who has rated some claims but not all: blind review hides others' values from them somewhere
  const members = await db.membership.findMany({ where: { workspaceId: workspace.id, role: 'reviewer' }, select: { userId: true }, orderBy: { userId: 'asc' } });
  const reviewerId = (members[0] as { userId: string }).userId;
  // the owner assigns the document to that reviewer (due in a week), who has opened it twice
  await assignDocument({ ctx: await contextFor(owner.id, slug), input: { document: doc.slug, userId: reviewerId, dueAt: '2030-01-08T12:00:00.000Z' } });
  const documentId = (await db.document.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { id: true } })).id;
  const reviewerCtx = await contextFor(reviewerId, slug);
  await recordVisit({ ctx: reviewerCtx, documentId, now: new Date('2030-01-01T09:00:00.000Z') });
  await recordVisit({ ctx: reviewerCtx, documentId, now: new Date('2030-01-02T09:00:00.000Z') });
  const dumpFile = path.join(tmp, 'source.cruxmap.gz');
  const dumped = await cruxmap(['workspace', 'dump', '--workspace', slug, '--out', dumpFile]);
  expect(dumped.stderr).toBe('');
  expect(dumped.code).toBe(0);
  expect(dumped.stdout).toMatch(/^dumped workspace dump-source: \d+ rows to /);
  return { tmp, dumpFile, reviewerId, documentSlug };
}

const PCA_KEYS = /^(?:bridged|viewpoint)$/;
const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9]{20,}/gi;
/** Canonical JSON with every id blanked, floats to 12 digits and arrays compared as multisets (their order may follow ids). */
export function canonical(value: unknown, key = ''): unknown {
  // sums over reviewers run in id order: the last bit of a float may differ; and the opinion groups' iterative
  // PCA converges to 1e-4 differently when the claims (columns) come in another order (their ids changed)
  // (compared apart, to 1e-3: pcaFigures)
  if (PCA_KEYS.test(key)) return 'PCA';
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(12));
  if (typeof value === 'string') return value.replace(ID, 'ID').replace(/reviewer-[0-9a-f]{12,16}/g, 'PSEUDONYM');
  if (Array.isArray(value)) return value.map((v) => canonical(v, key)).map((v) => JSON.stringify(v)).sort();
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        // dataVersion: the change feed's position, which a restore starts afresh
        .filter(([k]) => k !== 'computedAt' && k !== 'generatedAt' && k !== 'dataVersion')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v, k)]),
    );
  }
  return value;
}
