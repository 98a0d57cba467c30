// The data package (format=package): the demo preset on one bundled document, exported by the operator as a folder,
// read back with the Frictionless `datapackage` library (descriptor and every row validated, foreign keys resolved
// by the library and checked again row by row here), and each claim's aggregate and median recomputed from
// credences.csv with the formula the README states. A reviewer's package is pseudonymous and masks what blind
// review hides; only owners export with identities.
import { readFile, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Package } from 'datapackage';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { databaseKind, db } from '../../lib/db';
import { operatorActor, workspaceContext } from '../../lib/context/context';
import { contentDir, readBundledManifest } from '../../lib/documents/bundled-corpus';
import { importDocument } from '../../lib/documents/mutations';
import { loadDemoPreset } from '../../lib/demo/generate';
import { ensureDemoUser } from '../../lib/demo/mutations';
import { preparePackage } from '../../lib/datasets/package/package';
import { writePackageFolder } from '../../lib/datasets/package/package-writers';
import { tableCsv } from '../../lib/datasets/package/package-queries';
import { PACKAGE_TABLES } from '../../lib/datasets/package/tables';
import { ensureWorkspace, setMembership, updateWorkspace } from '../../lib/workspaces/mutations';
import { contextFor, operatorContext } from '../factories/context';
import { workspaceIdOf } from '../support/workspace-id';

const slug = 'data-package';
let tmp: string;
let ownerId: string;
let reviewerId: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-package-'));
  const manifest = await readBundledManifest();
  const entry = manifest.documents[0] as (typeof manifest.documents)[number];
  const { workspace } = await ensureWorkspace({ slug, name: 'Data package' });
  const ctx = workspaceContext(operatorActor, workspace, null);
  const owner = await ensureDemoUser({ email: 'package-owner@example.test', name: 'Package Owner' });
  ownerId = owner.id;
  await setMembership({ ctx, userId: owner.id, role: 'owner' });
  const text = await readFile(path.join(contentDir(), entry.file), 'utf8');
  await importDocument({ ctx, input: { ...entry, text, filename: entry.file } });
  const report = await loadDemoPreset({ workspaceId: workspace.id, ownerId: owner.id, claimsPerDocument: 6 });
  expect(report.status).toBe('created');
  await updateWorkspace({ ctx: await operatorContext(slug), input: { licence: 'CC-BY-4.0' } });
  const member = await db.membership.findFirstOrThrow({ where: { workspaceId: workspace.id, role: 'reviewer' }, select: { userId: true }, orderBy: { userId: 'asc' } });
  reviewerId = member.userId;
}, 120_000);

/** type-7 quantile of sorted values */
function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return (sorted[lo] as number) + (h - lo) * ((sorted[hi] as number) - (sorted[lo] as number));
}

const keyOf = (row: Record<string, unknown>, fields: string | string[]): string => (Array.isArray(fields) ? fields : [fields]).map((f) => String(row[f])).join('\u0000');

describe('format=package', () => {
  it('is a valid Frictionless tabular data package whose foreign keys hold row by row and whose statistics recompute from credences.csv', async () => {
    const dir = path.join(tmp, 'owner');
    const prepared = await preparePackage({ ctx: await operatorContext(slug), identities: true, batchSize: 50 });
    await writePackageFolder(prepared, dir);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual(
      ['README.md', 'annotations.csv', 'claim_statistics.csv', 'claims.csv', 'conditionals.csv', 'credence_revisions.csv', 'credences.csv', 'crux_links.csv',
        'datapackage.json', 'document_versions.csv', 'documents.csv', 'evidence.csv', 'passages.csv', 'replies.csv', 'reviewers.csv', 'rounds.csv'].sort(),
    );

    const pkg = await Package.load(path.join(dir, 'datapackage.json'), { basePath: dir, strict: false });
    expect(pkg.errors).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect((JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8')) as { profile: string }).profile).toBe('tabular-data-package');

    const rows = new Map<string, Record<string, unknown>[]>();
    for (const resource of pkg.resources) {
      expect(resource.valid, resource.name).toBe(true);
      rows.set(resource.name, await resource.read({ keyed: true }));
      // the library resolves every foreign key (and throws on one that points nowhere)
      await resource.read({ keyed: true, relations: true });
    }
    // and again by hand: unique primary keys, every non-empty foreign key found in its resource
    for (const resource of pkg.resources) {
      const { primaryKey, foreignKeys = [] } = resource.descriptor.schema;
      const own = rows.get(resource.name) ?? [];
      if (primaryKey) expect(new Set(own.map((r) => keyOf(r, primaryKey))).size, resource.name).toBe(own.length);
      for (const fk of foreignKeys) {
        const target = new Set((rows.get(fk.reference.resource) ?? []).map((r) => keyOf(r, fk.reference.fields)));
        for (const row of own) {
          const fields = Array.isArray(fk.fields) ? fk.fields : [fk.fields];
          if (fields.some((f) => row[f] === null || row[f] === undefined)) continue;
          expect(target.has(keyOf(row, fk.fields)), `${resource.name}.${fields.join()} → ${fk.reference.resource}`).toBe(true);
        }
      }
    }

    const count = (name: string) => rows.get(name)?.length ?? 0;
    // the API's X-Export-Total, counted apart from the writing: the rows the tables' files hold
    expect(await prepared.total()).toBe([...rows.entries()].filter(([name]) => name !== 'claim_statistics').reduce((n, [, r]) => n + r.length, 0));
    expect(count('annotations')).toBe(await db.annotation.count({ where: { workspaceId: await workspaceIdOf(slug), deletedAt: null } }));
    expect(count('credences')).toBeGreaterThan(0);
    expect(count('credence_revisions')).toBeGreaterThanOrEqual(count('credences'));
    expect(count('replies')).toBe(await db.reply.count({ where: { workspaceId: await workspaceIdOf(slug), deletedAt: null } }));
    expect(count('rounds')).toBeGreaterThan(0);
    expect(count('passages')).toBeGreaterThan(0);
    const revisionRounds = new Set((rows.get('credence_revisions') ?? []).map((r) => r.round));
    expect(revisionRounds.size).toBeGreaterThan(1);
    // identities: an owner's export names real users
    expect((rows.get('reviewers') ?? []).some((r) => r.id === ownerId && r.email === 'package-owner@example.test')).toBe(true);

    // claim_statistics from credences.csv, by the README's formula
    const header = (await readFile(path.join(dir, 'credences.csv'), 'utf8')).split('\n')[0];
    expect(header).toBe('claimId,reviewerId,value,round,revisions,imported,updatedAt');
    const byClaim = new Map<string, number[]>();
    for (const r of rows.get('credences') ?? []) byClaim.set(r.claimId as string, [...(byClaim.get(r.claimId as string) ?? []), Number(r.value)]);
    const statistics = rows.get('claim_statistics') ?? [];
    expect(statistics.length).toBe(byClaim.size);
    for (const s of statistics) {
      const values = byClaim.get(s.claimId as string) ?? [];
      expect(Number(s.n)).toBe(values.length);
      const logits = values.map((p) => Math.min(0.99, Math.max(0.01, p))).map((p) => Math.log(p / (1 - p)));
      const aggregate = 1 / (1 + Math.exp(-logits.reduce((a, b) => a + b, 0) / logits.length));
      expect(Math.abs(Number(s.aggregate) - aggregate)).toBeLessThan(1e-9);
      expect(Math.abs(Number(s.median) - quantile([...values].sort((a, b) => a - b), 0.5))).toBeLessThan(1e-9);
      expect(s.formulaVersion).toBe('cruxmap-claim-stats-1');
    }

    const card = await readFile(path.join(dir, 'README.md'), 'utf8');
    expect(card).toContain('# Data package — Cruxmap dataset');
    expect(card).toContain(`| \`annotations.csv\` | ${count('annotations')} |`);
    expect(card).toMatch(/Krippendorff's alpha .*\n\*\*-?\d\.\d{4}\*\*/);
    expect(card).toContain('## How to cite');
    expect(card).toContain('above 0.6 agree (1), below 0.4 disagree (-1),');
    expect(card).toContain('- Licence: CC-BY-4.0.');
    expect((JSON.parse(await readFile(path.join(dir, 'datapackage.json'), 'utf8')) as { licenses: unknown }).licenses).toEqual([{ name: 'CC-BY-4.0' }]);
  }, 120_000);

  it('is pseudonymous for a reviewer, with no emails, and refuses identities to anyone but an owner', async () => {
    const ctx = await contextFor(reviewerId, slug);
    await expect(preparePackage({ ctx, identities: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const dir = path.join(tmp, 'reviewer');
    await writePackageFolder(await preparePackage({ ctx }), dir);
    const pkg = await Package.load(path.join(dir, 'datapackage.json'), { basePath: dir });
    expect(pkg.valid).toBe(true);
    const reviewers = await (pkg.getResource('reviewers') as NonNullable<ReturnType<Package['getResource']>>).read({ keyed: true });
    expect(reviewers.length).toBeGreaterThan(1);
    for (const r of reviewers) {
      expect(r.id).toMatch(/^reviewer-[0-9a-f]{16}$/);
      expect(r.email).toBeNull();
    }
    const all = (await Promise.all((await readdir(dir)).map((f) => readFile(path.join(dir, f), 'utf8')))).join('\n');
    expect(all).not.toContain(reviewerId);
    expect(all).not.toContain('@');
  }, 60_000);

  it('writes the same CSV bytes from COPY (PostgreSQL) and from keyset pages: quotes, commas, CR, LF, empty text, \\. and astral characters come back exactly', async () => {
    const ws = await db.workspace.findUniqueOrThrow({ where: { slug }, select: { id: true } });
    const tricky = 'He said "no", then\r\nleft;\rback\n\\. and \u{1F642} \u00FC';
    const claim = await db.claim.findFirstOrThrow({ where: { workspaceId: ws.id, deletedAt: null, mergedIntoId: null }, orderBy: { id: 'asc' }, select: { id: true, statement: true } });
    const doc = await db.document.findFirstOrThrow({ where: { workspaceId: ws.id }, select: { id: true, author: true, source: true } });
    await db.claim.update({ where: { workspaceId_id: { workspaceId: ws.id, id: claim.id } }, data: { statement: tricky } });
    await db.document.update({ where: { workspaceId_id: { workspaceId: ws.id, id: doc.id } }, data: { author: '', source: '\\.' } });
    try {
      const q = { workspaceId: ws.id, isOwner: true, viewerId: null, identities: true, hiddenClaims: [] };
      const read = async (name: string, via: 'copy' | 'pages') => {
        const chunks: Buffer[] = [];
        // small pages: rows cross page boundaries
        for await (const chunk of tableCsv(PACKAGE_TABLES.find((t) => t.name === name) as (typeof PACKAGE_TABLES)[number], q, 7, { via })) chunks.push(Buffer.from(chunk));
        return Buffer.concat(chunks).toString('utf8');
      };
      const claims = await read('claims', 'pages');
      const claimRows: string[][] = parse(claims);
      expect(claimRows.length).toBe(await db.claim.count({ where: { workspaceId: ws.id } }));
      expect(claimRows.find((r) => r[0] === claim.id)?.[1]).toBe(tricky);
      const documents = await read('documents', 'pages');
      const documentRows: string[][] = parse(documents);
      const docRow = documentRows.find((r) => r[0] === doc.id) as string[];
      // author is empty text (written "", as COPY writes it), source the two characters \.; a null is an empty cell
      expect(docRow.slice(3, 5)).toEqual(['', '\\.']);
      expect(documents).toContain(',"",');
      expect(docRow[6]).toMatch(/^(true|false)$/);
      if (databaseKind === 'postgres') {
        expect(await read('claims', 'copy')).toBe(claims);
        expect(await read('documents', 'copy')).toBe(documents);
        expect(await read('annotations', 'copy')).toBe(await read('annotations', 'pages'));
      }
    } finally {
      await db.claim.update({ where: { workspaceId_id: { workspaceId: ws.id, id: claim.id } }, data: { statement: claim.statement } });
      await db.document.update({ where: { workspaceId_id: { workspaceId: ws.id, id: doc.id } }, data: { author: doc.author, source: doc.source } });
    }
  });
});
