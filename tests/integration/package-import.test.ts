// `cruxmap workspace restore PACKAGE` (issue 17, item 6): a workspace made with the demo preset on one bundled
// document, with blind review, a claim merge and the preset's second round, exported as a data package (a folder
// with identities, a pseudonymous zip) and imported as new workspaces. The imported disagreement maps (with each
// reviewer's credences) and crux graphs equal the original's once ids are blanked; the credences are credences of
// the same accounts (identities) or of one placeholder per pseudonym, marked imported. A package with a missing
// file, a broken foreign key or a probability outside [0, 1] is refused with exit 2 and writes nothing; a zip
// that inflates past the cap is refused as it is read.
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { readPackage } from '../../lib/datasets/package/package-import';
import { openPackage } from '../../lib/datasets/package/package-source';
import { db } from '../../lib/db';
import { operatorActor, workspaceContext, type WorkspaceContext } from '../../lib/context/context';
import { mergeClaim } from '../../lib/claims/merge-mutations';
import { getCruxGraph } from '../../lib/cruxes/graph-queries';
import { setConditionals } from '../../lib/cruxes/mutations';
import { createAnnotation } from '../../lib/annotations/mutations';
import { createAnnotationInputSchema } from '../../lib/annotations/schemas';
import { contentDir, readBundledManifest } from '../../lib/documents/bundled-corpus';
import { importDocument } from '../../lib/documents/mutations';
import { loadDemoPreset } from '../../lib/demo/generate';
import { ensureDemoUser } from '../../lib/demo/mutations';
import { getDisagreementMap } from '../../lib/disagreement/queries';
import { ensureWorkspace, setMembership } from '../../lib/workspaces/mutations';
import { cruxmap } from '../support/cli';
import { contextFor, operatorContext } from '../factories/context';

const slug = 'package-source';
let tmp: string;
let folder: string;
let zip: string;
let documentSlug: string;
let reviewerId: string;
let owner: { id: string };

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-package-import-'));
  const manifest = await readBundledManifest();
  const entry = manifest.documents[0] as (typeof manifest.documents)[number];
  const { workspace } = await ensureWorkspace({ slug, name: 'Package source' });
  const ctx = workspaceContext(operatorActor, workspace, null);
  owner = await ensureDemoUser({ email: 'package-owner@example.test', name: 'Package Owner' });
  await setMembership({ ctx, userId: owner.id, role: 'owner' });
  const text = await readFile(path.join(contentDir(), entry.file), 'utf8');
  documentSlug = (await importDocument({ ctx, input: { ...entry, text, filename: entry.file } })).slug;
  expect((await loadDemoPreset({ workspaceId: workspace.id, ownerId: owner.id, claimsPerDocument: 6 })).status).toBe('created');
  await db.document.updateMany({ where: { workspaceId: workspace.id }, data: { blind: true } });
  const claims = await db.claim.findMany({ where: { workspaceId: workspace.id, deletedAt: null }, orderBy: { createdAt: 'asc' }, select: { id: true } });
  await mergeClaim({ ctx: await operatorContext(slug), id: (claims[claims.length - 1] as { id: string }).id, into: (claims[0] as { id: string }).id });
  const members = await db.membership.findMany({ where: { workspaceId: workspace.id, role: 'reviewer' }, select: { userId: true }, orderBy: { userId: 'asc' } });
  reviewerId = (members[0] as { userId: string }).userId;
  // two reviewers mark claim 2 as a crux for claim 1 and give their conditional credences on the link
  const version = await db.documentVersion.findFirstOrThrow({ where: { workspaceId: workspace.id }, select: { text: true } });
  const exact = version.text.slice(0, 40);
  const [c1, c2] = [(claims[1] as { id: string }).id, (claims[2] as { id: string }).id];
  for (const [userId, ifTrue, ifFalse] of [[reviewerId, 0.8, 0.3], [(members[1] as { userId: string }).userId, 0.6, 0.5]] as const) {
    const rctx = await contextFor(userId, slug);
    const input = createAnnotationInputSchema.parse({ document: documentSlug, kind: 'crux', target: { exact, start: 0, end: exact.length }, crux: { claimId: c2, forClaimId: c1, direction: 'more' } });
    await createAnnotation({ ctx: rctx, input });
    const link = await db.cruxLink.findFirstOrThrow({ where: { workspaceId: workspace.id, cruxClaimId: c2, forClaimId: c1 }, select: { id: true } });
    await setConditionals({ ctx: rctx, id: link.id, input: { ifTrue, ifFalse } });
  }

  folder = path.join(tmp, 'with-identities');
  zip = path.join(tmp, 'pseudonymous.zip');
  expect((await cruxmap(['export', '--workspace', slug, '--format', 'package', '--identities', '--out', folder])).code).toBe(0);
  expect((await cruxmap(['export', '--workspace', slug, '--format', 'package', '--out', zip])).code).toBe(0);
}, 180_000);

const ID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9]{20,}/gi;
const TIME = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;
/**
 * Canonical JSON: ids and times blanked, names mapped by `names`, floats to 10 digits, arrays as multisets.
 * `byOrder`: keys whose values follow the order of reviewer ids (blanked when the accounts differ).
 */
function canonical(value: unknown, names: Map<string, string>, key = '', byOrder: ReadonlySet<string> = new Set()): unknown {
  // the opinion groups' iterative PCA converges differently when claims come in another (id) order: left out here
  if (key === 'bridged' || key === 'viewpoint' || byOrder.has(key)) return 'BY-ID-ORDER';
  if (typeof value === 'number') return Number.isInteger(value) ? value : Number(value.toPrecision(10));
  if (typeof value === 'string') return TIME.test(value) ? 'TIME' : (names.get(value) ?? value).replace(ID, 'ID');
  if (Array.isArray(value)) return value.map((v) => JSON.stringify(canonical(v, names, key, byOrder))).sort();
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    // an object keyed by ids (the credences by claim): the multiset of its values
    if (entries.length > 0 && entries.every(([k]) => k.replace(ID, '') === '')) return entries.map(([, v]) => JSON.stringify(canonical(v, names, key, byOrder))).sort();
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => k !== 'computedAt' && k !== 'dataVersion')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v, names, k, byOrder)]),
    );
  }
  return value;
}

async function view(ctx: WorkspaceContext, names = new Map<string, string>(), byOrder: ReadonlySet<string> = new Set()): Promise<unknown> {
  return canonical({ map: await getDisagreementMap({ ctx, document: documentSlug, withCredences: true }), graph: await getCruxGraph({ ctx }) }, names, '', byOrder);
}

async function nothingWritten<T>(run: () => Promise<T>): Promise<T> {
  const before = { workspaces: await db.workspace.count(), users: await db.user.count(), credences: await db.credence.count() };
  const result = await run();
  expect({ workspaces: await db.workspace.count(), users: await db.user.count(), credences: await db.credence.count() }).toEqual(before);
  return result;
}

describe('cruxmap workspace restore PACKAGE', () => {
  it('imports a package exported with identities: the same map and crux graph, credences of the same accounts, marked imported', async () => {
    const done = await cruxmap(['workspace', 'restore', folder, '--slug', 'package-identities']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^imported package as workspace package-identities: \d+ rows, \d+ accounts matched by email, 0 placeholder accounts/);

    const original = await view(await operatorContext(slug));
    // the comparison covers crux links with conditionals, rounds and opinion groups
    const raw = await getDisagreementMap({ ctx: await operatorContext(slug), document: documentSlug });
    expect([raw.cruxLinks.length > 0, (await getCruxGraph({ ctx: await operatorContext(slug) })).edges.length > 0, raw.groups.length > 0]).toEqual([true, true, true]);
    expect(await view(await operatorContext('package-identities'))).toEqual(original);
    // a reviewer under blind review sees the same in both: the same account, the same role
    expect(await view(await contextFor(reviewerId, 'package-identities'))).toEqual(await view(await contextFor(reviewerId, slug)));

    const source = await db.workspace.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const target = await db.workspace.findUniqueOrThrow({ where: { slug: 'package-identities' }, select: { id: true } });
    const credences = (workspaceId: string) =>
      db.credence.findMany({ where: { workspaceId, deletedAt: null }, select: { userId: true, value: true, updatedAt: true, importedFrom: true, claim: { select: { statement: true } }, _count: { select: { revisions: true } } } });
    const before = await credences(source.id);
    const after = await credences(target.id);
    expect(before.length).toBeGreaterThan(10);
    expect(after.every((c) => c.importedFrom === 'package:package-source')).toBe(true);
    const key = (c: (typeof before)[number]) => JSON.stringify([c.userId, c.value, c.updatedAt, c.claim.statement, c._count.revisions]);
    expect(after.map(key).sort()).toEqual(before.map(key).sort());
    expect(await db.round.count({ where: { workspaceId: target.id } })).toBe(await db.round.count({ where: { workspaceId: source.id } }));
    expect(await db.reply.count({ where: { workspaceId: target.id } })).toBeGreaterThan(0);
    expect(await db.claim.count({ where: { workspaceId: target.id, mergedIntoId: { not: null } } })).toBe(1);
    // conditionals: the current values of the same reviewers (the package holds no history: one revision each)
    const conditionals = async (workspaceId: string) =>
      (await db.cruxConditional.findMany({ where: { workspaceId }, select: { userId: true, ifTrue: true, ifFalse: true } })).map((c) => JSON.stringify(c)).sort();
    expect(await conditionals(target.id)).toEqual(await conditionals(source.id));
    expect((await conditionals(target.id)).length).toBeGreaterThanOrEqual(2);
    expect(await db.cruxConditionalRevision.count({ where: { workspaceId: target.id } })).toBe((await conditionals(target.id)).length);
    // the owner is the same account, an owner again
    expect((await db.membership.findFirstOrThrow({ where: { workspaceId: target.id, userId: owner.id }, select: { role: true } })).role).toBe('owner');
  }, 180_000);

  it('imports a pseudonymous zip: one placeholder reviewer per pseudonym, the same map but for names', async () => {
    const users = await db.user.count();
    const done = await cruxmap(['workspace', 'restore', zip, '--slug', 'package-pseudonymous', '--owner', 'package-owner@example.test']);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const placeholders = Number(/, (\d+) placeholder accounts/.exec(done.stdout)?.[1]);
    const target = await db.workspace.findUniqueOrThrow({ where: { slug: 'package-pseudonymous' }, select: { id: true } });
    const reviewers = await db.membership.count({ where: { workspaceId: (await db.workspace.findUniqueOrThrow({ where: { slug } })).id } });
    expect(placeholders).toBeGreaterThanOrEqual(reviewers);
    expect(await db.user.count()).toBe(users + placeholders);
    const made = await db.user.findMany({ where: { email: { endsWith: '@package-source.package.invalid' } }, select: { name: true, passwordHash: true } });
    expect(made).toHaveLength(placeholders);
    expect(made.every((u) => u.passwordHash === null && /^reviewer-[0-9a-f]{16}$/.test(u.name))).toBe(true);
    expect(await db.credence.count({ where: { workspaceId: target.id, deletedAt: null, importedFrom: 'package:package-source' } })).toBeGreaterThan(10);
    expect((await db.membership.findFirstOrThrow({ where: { workspaceId: target.id, userId: owner.id }, select: { role: true } })).role).toBe('owner');

    // names differ (pseudonyms): compare with every reviewer's name blanked. The accounts are new, so reviewers come
    // in another id order: the credence matrix's reviewer indexes and the implicit cruxes' permutation p/q values
    // (a seeded shuffle of that order) are compared apart — same values per claim, same correlations.
    const names = new Map<string, string>();
    for (const u of await db.user.findMany({ where: { memberships: { some: { workspace: { slug: { in: [slug, 'package-pseudonymous'] } } } } }, select: { name: true } })) names.set(u.name, 'NAME');
    const byOrder = new Set(['reviewers', 'p', 'q']);
    expect(await view(await operatorContext('package-pseudonymous'), names, byOrder)).toEqual(await view(await operatorContext(slug), names, byOrder));
  }, 180_000);

  it('refuses a package with a missing file, a broken foreign key or a probability outside [0, 1], with exit 2, writing nothing', async () => {
    const broken = async (name: string, change: (dir: string) => Promise<void>) => {
      const dir = path.join(tmp, name);
      await cp(folder, dir, { recursive: true });
      await change(dir);
      return nothingWritten(() => cruxmap(['workspace', 'restore', dir, '--slug', `package-${name}`]));
    };
    const edit = async (dir: string, file: string, f: (lines: string[]) => string[]) => {
      const lines = (await readFile(path.join(dir, file), 'utf8')).split('\n');
      await writeFile(path.join(dir, file), f(lines).join('\n'));
    };

    const missing = await broken('missing', (dir) => rm(path.join(dir, 'rounds.csv')));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Not a usable Cruxmap package: missing has no rounds.csv.');

    // an annotation naming a claim the package does not hold
    const dangling = await broken('dangling', (dir) => edit(dir, 'annotations.csv', (lines) => lines.map((l, i) => (i === 1 ? l.replace(/^([^,]+,[^,]+,[^,]+,[^,]+,)[^,]*/, '$1cmissingclaim000000000000') : l))));
    expect(dangling.code).toBe(2);
    expect(dangling.stderr).toContain('annotations.csv row 1: claimId "cmissingclaim000000000000" is not in claims.csv');

    const outOfRange = await broken('out-of-range', (dir) => edit(dir, 'credences.csv', (lines) => lines.map((l, i) => (i === 2 ? l.replace(/^([^,]+,[^,]+,)[^,]+/, '$11.5') : l))));
    expect(outOfRange.code).toBe(2);
    expect(outOfRange.stderr).toContain('credences.csv row 2: value 1.5 is outside [0, 1]');

    const notANumber = await broken('not-a-number', (dir) => edit(dir, 'credence_revisions.csv', (lines) => lines.map((l, i) => (i === 3 ? l.replace(/^([^,]+,[^,]+,[^,]+,)[^,]+/, '$1high') : l))));
    expect(notANumber.code).toBe(2);
    expect(notANumber.stderr).toContain('credence_revisions.csv row 3: value "high" is not a number');

    const badKind = await broken('bad-kind', (dir) => edit(dir, 'annotations.csv', (lines) => lines.map((l, i) => (i === 1 ? l.replace(/^([^,]+,[^,]+,[^,]+,)[^,]+/, '$1opinion') : l))));
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('annotations.csv row 1: kind "opinion" is not one of claim, evidence, crux, probability');

    // a slug that exists, and a file that is neither a dump nor a package
    const exists = await nothingWritten(() => cruxmap(['workspace', 'restore', folder, '--slug', slug]));
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain(`Workspace "${slug}" already exists`);
    const junk = path.join(tmp, 'junk.zip');
    await writeFile(junk, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not really a zip')]));
    const notZip = await nothingWritten(() => cruxmap(['workspace', 'restore', junk, '--slug', 'package-junk']));
    expect(notZip.code).toBe(2);
    expect(notZip.stderr).toContain('junk.zip is not a readable zip file');
  }, 180_000);

  it('stops reading a zip whose files inflate past the cap (a zip bomb), before any of it is parsed', async () => {
    const bomb = new JSZip();
    bomb.file('datapackage.json', await readFile(path.join(folder, 'datapackage.json'), 'utf8'));
    bomb.file('documents.csv', `id,slug\r\n${'x'.repeat(4 * 1024 * 1024)}`);
    const file = path.join(tmp, 'bomb.zip');
    await writeFile(file, await bomb.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    expect((await stat(file)).size).toBeLessThan(64 * 1024);
    const error = await openPackage(file, { maxBytes: 1024 * 1024 })
      .then(readPackage)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe('Not a usable Cruxmap package: bomb.zip is larger than the 1 MB an import reads.');
  });
});
