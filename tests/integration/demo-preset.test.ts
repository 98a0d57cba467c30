// The "demo" preset on the bundled corpus: what `npm start` shows in the demo workspace. Its map must show what
// the preset promises — two camps, double cruxes, a second round that narrowed the spread — and every generated
// reviewer and text must be visibly marked as demo data.
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { DEMO_EMAIL_DOMAIN, DEMO_MARK } from '../../lib/demo/marks';
import { getDisagreementMap } from '../../lib/disagreement/queries';
import { getCruxGraph } from '../../lib/cruxes/graph-queries';
import { documentHasDemoData } from '../../lib/demo/queries';
import { importDocument } from '../../lib/documents/mutations';
import { contextFor, operatorContext } from '../factories/context';
import type { DisagreementMapResponse } from '../../lib/disagreement/types';
import { DEMO_ACCOUNT, seed, type SeedReport } from '../../prisma/seed';
import { workspaceIdOf } from '../support/workspace-id';

let report: SeedReport;
let demoUserId: string;
const maps = new Map<string, DisagreementMapResponse>();

beforeAll(async () => {
  report = await seed({ withDemoAccount: true });
  demoUserId = (await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNT.email }, select: { id: true } })).id;
  const documents = await db.document.findMany({ where: { workspaceId: await workspaceIdOf(report.workspaceSlug) }, select: { slug: true } });
  for (const { slug } of documents) {
    maps.set(slug, await getDisagreementMap({ ctx: await contextFor(demoUserId, report.workspaceSlug), document: slug }));
  }
}, 300_000);

describe('demo preset', () => {
  it('gives every corpus text claims rated by several reviewers, with evidence, cruxes and threads', async () => {
    expect(report.demoData?.status).toBe('created');
    expect(maps.size).toBe(5);
    for (const [slug, map] of maps) {
      expect(map.claims.length, slug).toBeGreaterThanOrEqual(8);
      expect(Math.max(...map.claims.map((c) => c.n)), slug).toBeGreaterThanOrEqual(8);
      expect(map.passages.some((p) => p.heat > 0), slug).toBe(true);
      expect(map.claims.some((c) => c.evidence.for > 0 && c.evidence.against > 0), slug).toBe(true);
    }
    expect(await db.reply.count({ where: { workspaceId: await workspaceIdOf(report.workspaceSlug) } })).toBeGreaterThanOrEqual(10);
  });

  it('shows two camps: opinion groups, disputed claims split between them, and consensus claims', () => {
    const all = [...maps.values()];
    expect(all.some((m) => m.groups.length >= 2)).toBe(true);
    expect(all.some((m) => m.consensus.length > 0)).toBe(true);
    expect(all.flatMap((m) => m.claims).filter((c) => (c.split ?? 0) >= 0.5).length).toBeGreaterThanOrEqual(10);
  });

  it('has double cruxes between the camps, and implicit cruxes', () => {
    const all = [...maps.values()];
    expect(all.reduce((n, m) => n + m.doubleCruxes.length, 0)).toBeGreaterThanOrEqual(3);
    expect(all.some((m) => m.implicitCruxes.length > 0)).toBe(true);
  });

  it('gives conditional credences on the crux links: a graph with weighted edges and double cruxes found by the numbers', async () => {
    const all = [...maps.values()];
    const links = all.flatMap((m) => m.cruxLinks);
    expect(links.filter((l) => l.n >= 3 && (l.expectedShift ?? 0) > 0.05).length).toBeGreaterThanOrEqual(3);
    const numbers = all.flatMap((m) => m.doubleCruxes.filter((d) => d.foundBy === 'numbers'));
    expect(numbers.length).toBeGreaterThanOrEqual(1);
    expect(all.flatMap((m) => m.doubleCruxes.filter((d) => d.foundBy === 'marked')).length).toBeGreaterThanOrEqual(3);
    const ctx = await contextFor(demoUserId, report.workspaceSlug);
    const graph = await getCruxGraph({ ctx });
    expect(graph.edges.length).toBe(new Set(links.map((l) => l.id)).size);
    expect(graph.nodes.length).toBeGreaterThanOrEqual(20);
    // implicit cruxes are hints now, kept only where the permutation test survives Benjamini–Hochberg
    const implicit = all.reduce((n, m) => n + m.implicitCruxes.length, 0);
    console.log(`demo preset: ${implicit} implicit cruxes survive over ${maps.size} documents; ${numbers.length} double cruxes found by the numbers; ${graph.edges.length} crux links`);
    for (const m of all) for (const x of m.implicitCruxes) expect(x.q).toBeLessThanOrEqual(0.1);
  });

  it('opens a second round on the first text, after which the disputed claims are less spread', () => {
    const first = maps.get('power-seeking-agents') as DisagreementMapResponse;
    expect(first.rounds.map((r) => r.number)).toEqual([1, 2]);
    const [one, two] = first.rounds;
    const spreads = (round: typeof one) => new Map(round?.claims.map((c) => [c.claimId, c.spread]) ?? []);
    const before = spreads(one);
    const after = spreads(two);
    const moved = [...after].filter(([claimId, spread]) => (before.get(claimId) ?? 0) > spread + 0.05);
    expect(moved.length).toBeGreaterThanOrEqual(1);
  });

  it('marks everything generated: reviewer names, their emails, and every text they wrote', async () => {
    const members = await db.membership.findMany({ where: { workspace: { slug: report.workspaceSlug } }, select: { user: { select: { email: true, name: true } } } });
    const generated = members.filter((m) => m.user.email !== DEMO_ACCOUNT.email);
    expect(generated.length).toBe(14);
    for (const { user } of generated) {
      expect(user.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`)).toBe(true);
      expect(user.name).toMatch(/\(demo\)$/);
    }
    const bodies = await db.annotation.findMany({ where: { workspaceId: await workspaceIdOf(report.workspaceSlug), rationaleText: { not: null } }, select: { rationaleText: true } });
    const replies = await db.reply.findMany({ where: { workspaceId: await workspaceIdOf(report.workspaceSlug) }, select: { bodyText: true } });
    expect(bodies.length).toBeGreaterThan(0);
    for (const text of [...bodies.map((b) => b.rationaleText), ...replies.map((r) => r.bodyText)]) expect(text?.startsWith(DEMO_MARK)).toBe(true);
  });

  it('leads each map with disputed claims and the generated reasons on both sides', () => {
    for (const [slug, map] of maps) {
      expect(map.mostDisputed.length, slug).toBeGreaterThanOrEqual(3);
      const withBothSides = map.mostDisputed.filter((c) => c.reasons.for.length > 0 && c.reasons.against.length > 0);
      expect(withBothSides.length, slug).toBeGreaterThanOrEqual(1);
    }
  });

  it('marks as demo data the documents the generated reviewers annotated, not one imported since', async () => {
    const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: report.workspaceSlug }, select: { id: true } });
    const documents = await db.document.findMany({ where: { workspaceId: workspace.id }, select: { id: true } });
    for (const { id } of documents) expect(await documentHasDemoData({ workspaceId: workspace.id, documentId: id })).toBe(true);
    const imported = await importDocument({ ctx: await operatorContext(report.workspaceSlug), input: { slug: 'imported-later', text: '# Imported later\n\nA real reader’s text.' } });
    const document = await db.document.findFirstOrThrow({ where: { workspaceId: workspace.id, slug: imported.slug }, select: { id: true } });
    expect(await documentHasDemoData({ workspaceId: workspace.id, documentId: document.id })).toBe(false);
  });

  it('is loaded once: seeding again adds nothing', async () => {
    const annotations = await db.annotation.count();
    const again = await seed({ withDemoAccount: true });
    expect(again.demoData?.status).toBe('exists');
    expect(await db.annotation.count()).toBe(annotations);
  });
});
