// Similar-claim suggestions on a real database (pg_trgm on PGlite and on the server): a near-copy of a claim made
// on another document comes first, ranked above an unrelated claim; another workspace's claims and deleted claims
// never appear.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation } from '../../lib/annotations/mutations';
import { createAnnotationInputSchema } from '../../lib/annotations/schemas';
import { listSimilarClaims } from '../../lib/annotations/similar-claims-queries';
import { db } from '../../lib/db';
import { importDocument } from '../../lib/documents/mutations';
import { createTestTeam } from '../factories';
import { contextFor } from '../factories/context';

const essay = (title: string, sentences: string[]) => [title, ...sentences].join('\n\n');

const first = essay('Carbon and policy', [
  'A carbon tax is the cheapest way to cut emissions, economists say.',
  'Subsidies for solar panels have helped as well.',
]);
const second = essay('Trains and towns', [
  'High-speed rail rarely pays for itself within a generation.',
  'Taxing carbon cuts emissions more cheaply than any regulation.',
]);

let team: Awaited<ReturnType<typeof createTestTeam>>;
let other: Awaited<ReturnType<typeof createTestTeam>>;
const claims: Record<'tax' | 'rail' | 'deleted' | 'elsewhere', string> = { tax: '', rail: '', deleted: '', elsewhere: '' };

async function claimOn(userId: string, workspace: string, document: string, text: string, exact: string, statement: string): Promise<string> {
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`not in the text: ${exact}`);
  const input = createAnnotationInputSchema.parse({ document, kind: 'claim', target: { exact, start, end: start + exact.length }, claim: { statement } });
  const made = await createAnnotation({ ctx: await contextFor(userId, workspace), input });
  return made.annotation.claimId as string;
}

async function textOf(workspaceId: string, slug: string): Promise<string> {
  const doc = await db.document.findFirstOrThrow({ where: { workspaceId, slug }, select: { currentVersion: { select: { text: true } } } });
  return doc.currentVersion?.text ?? '';
}

beforeAll(async () => {
  [team, other] = await Promise.all([createTestTeam(), createTestTeam()]);
  const ws = team.workspace.slug;
  const owner = await contextFor(team.owner.id, ws);
  await importDocument({ ctx: owner, input: { slug: 'carbon', text: first, title: 'Carbon and policy' } });
  await importDocument({ ctx: owner, input: { slug: 'trains', text: second, title: 'Trains and towns' } });
  const carbon = await textOf(team.workspace.id, 'carbon');
  const trains = await textOf(team.workspace.id, 'trains');
  claims.tax = await claimOn(team.reviewer.id, ws, 'carbon', carbon, 'A carbon tax is the cheapest way to cut emissions', 'A carbon tax is the cheapest way to cut emissions');
  claims.rail = await claimOn(team.reviewer.id, ws, 'trains', trains, 'High-speed rail rarely pays for itself', 'High-speed rail rarely pays for itself');
  claims.deleted = await claimOn(team.owner.id, ws, 'trains', trains, 'Taxing carbon cuts emissions', 'A carbon tax is the cheapest way to cut emissions, full stop');
  await db.claim.update({ where: { workspaceId_id: { workspaceId: team.workspace.id, id: claims.deleted } }, data: { deletedAt: new Date() } });

  const elsewhere = await contextFor(other.owner.id, other.workspace.slug);
  await importDocument({ ctx: elsewhere, input: { slug: 'carbon', text: first, title: 'Carbon and policy' } });
  const otherText = await textOf(other.workspace.id, 'carbon');
  claims.elsewhere = await claimOn(other.owner.id, other.workspace.slug, 'carbon', otherText, 'A carbon tax is the cheapest way to cut emissions', 'A carbon tax is the cheapest way to cut emissions');
});

describe('similar claims', () => {
  it('suggests a near-copy made on another document first, more similar than an unrelated claim, with where it is used', async () => {
    const ctx = await contextFor(team.reviewer.id, team.workspace.slug);
    // what a reviewer selects on the second document: a shortened copy of the first document's claim
    const { items } = await listSimilarClaims({ ctx, text: 'carbon tax is the cheapest way to cut emissions' });
    expect(items[0]?.id).toBe(claims.tax);
    expect(items[0]?.similarity).toBeGreaterThan(0.7);
    expect(items[0]?.similarity).toBeLessThanOrEqual(1);
    expect(items[0]?.documents).toEqual([expect.objectContaining({ slug: 'carbon', title: 'Carbon and policy' })]);
    expect(items[0]?.statement).toBe('A carbon tax is the cheapest way to cut emissions');
    // the unrelated claim is either below the threshold or ranked lower
    const rail = items.find((c) => c.id === claims.rail);
    if (rail) expect(rail.similarity).toBeLessThan(items[0]?.similarity ?? 0);

    const typed = await listSimilarClaims({ ctx, text: 'high-speed rail' });
    expect(typed.items.map((c) => c.id)).toEqual([claims.rail]);
  });

  it('ranks by similarity: the near-copy above another claim when both resemble the text', async () => {
    const ctx = await contextFor(team.observer.id, team.workspace.slug);
    const { items } = await listSimilarClaims({ ctx, text: 'A carbon tax is the cheapest way to cut emissions; high-speed rail rarely pays' });
    expect(items.map((c) => c.id)).toEqual([claims.tax, claims.rail]);
    const [tax, rail] = items.map((c) => c.similarity);
    expect(tax).toBeGreaterThan(rail ?? 1);
    expect(rail).toBeGreaterThan(0.3);
  });

  it("never returns another workspace's claims or deleted claims", async () => {
    const ctx = await contextFor(team.reviewer.id, team.workspace.slug);
    const { items } = await listSimilarClaims({ ctx, text: 'A carbon tax is the cheapest way to cut emissions, full stop', limit: 20 });
    const ids = items.map((c) => c.id);
    expect(ids).toContain(claims.tax);
    expect(ids).not.toContain(claims.deleted);
    expect(ids).not.toContain(claims.elsewhere);

    const theirs = await listSimilarClaims({ ctx: await contextFor(other.owner.id, other.workspace.slug), text: 'carbon tax cheapest way to cut emissions' });
    expect(theirs.items.map((c) => c.id)).toEqual([claims.elsewhere]);
  });

  it('returns nothing for text that resembles no claim, and at most `limit` items', async () => {
    const ctx = await contextFor(team.reviewer.id, team.workspace.slug);
    expect((await listSimilarClaims({ ctx, text: 'quantum chromodynamics' })).items).toEqual([]);
    expect((await listSimilarClaims({ ctx, text: 'carbon tax rarely pays for itself', limit: 1 })).items).toHaveLength(1);
  });
});
