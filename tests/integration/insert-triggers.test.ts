// What the database writes beside a new annotation, claim or reply (the insert triggers of
// prisma/migrations/20261212000000_lean_inserts): the same search entries the whole refresh (search_index_*) makes,
// an entry left under a new row's key replaced rather than doubled, and a claim's hidden statement shown again by a
// new visible claim annotation — while one inserted hidden still hides it. On PGlite, or the server in DATABASE_URL.
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnnotation, updateAnnotation } from '../../lib/annotations/mutations';
import { createReply } from '../../lib/annotations/reply-mutations';
import { createAnnotationInputSchema, createReplyInputSchema, updateAnnotationInputSchema } from '../../lib/annotations/schemas';
import { db } from '../../lib/db';
import { importDocument } from '../../lib/documents/mutations';
import { newId } from '../../lib/ids';
import { createTestTeam } from '../factories';
import { contextFor } from '../factories/context';

const text = ['Kites rise on a steady wind above the harbour.', 'Gulls follow the fishing boats home at dusk.'].join('\n\n');

let team: Awaited<ReturnType<typeof createTestTeam>>;
let ws: string;

function target(exact: string) {
  const start = text.indexOf(exact);
  return { exact, start, end: start + exact.length };
}

async function annotate(userId: string, input: unknown) {
  return createAnnotation({ ctx: await contextFor(userId, ws), input: createAnnotationInputSchema.parse(input) });
}

/** The search entries of `keys`, every column but the vector shown as text. */
async function entries(keys: string[]) {
  const rows = await db.searchEntry.findMany({ where: { workspaceId: team.workspace.id, key: { in: keys } }, orderBy: { key: 'asc' } });
  const vectors = await db.$queryRaw<{ key: string; tsv: string }[]>`
    SELECT "key", "tsv"::text AS "tsv" FROM "SearchEntry" WHERE "workspaceId" = ${team.workspace.id} AND "key" = ANY (${keys}) ORDER BY "key"`;
  return rows.map((row, i) => ({ ...row, tsv: vectors[i]?.tsv }));
}

const statementHidden = async (claimId: string) =>
  (await db.claim.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: team.workspace.id, id: claimId } }, select: { statementHidden: true } })).statementHidden;

beforeAll(async () => {
  team = await createTestTeam();
  ws = team.workspace.slug;
  await importDocument({ ctx: await contextFor(team.owner.id, ws), input: { slug: 'harbour', text, title: 'Harbour' } });
});

describe('the insert triggers', () => {
  it('index a new annotation, its new claim and a reply exactly as the whole refresh does', async () => {
    const made = await annotate(team.reviewer.id, {
      document: 'harbour',
      kind: 'claim',
      target: target('Kites rise on a steady wind'),
      claim: { statement: 'Steady winds make kites rise' },
      body: 'Seen every spring from the pier.',
    });
    const reply = await createReply({
      ctx: await contextFor(team.owner.id, ws),
      annotationId: made.annotation.id,
      input: createReplyInputSchema.parse({ body: 'Which pier, the northern one?' }),
    });
    const keys = [`annotation:${made.annotation.id}`, `claim:${made.annotation.claimId}`, `reply:${reply.id}`];
    const written = await entries(keys);
    expect(written.map((e) => e.key)).toEqual([...keys].sort());
    expect(written.find((e) => e.type === 'annotation')?.text).toBe('Seen every spring from the pier.\nKites rise on a steady wind');
    expect(written.find((e) => e.type === 'claim')?.text).toBe('Steady winds make kites rise');
    expect(written.find((e) => e.type === 'reply')).toMatchObject({ text: 'Which pier, the northern one?', documentId: made.annotation.documentId });

    // the refresh the update triggers run deletes and writes them again: the same rows come back
    const wsIds = [team.workspace.id];
    await db.$executeRaw`SELECT search_index_annotations(${wsIds}, ${[made.annotation.id]})`;
    await db.$executeRaw`SELECT search_index_claims(${wsIds}, ${[made.annotation.claimId as string]})`;
    expect(await entries(keys)).toEqual(written);
  });

  it('replace an entry still standing under a new row’s key instead of failing or doubling it', async () => {
    const claimId = newId();
    const key = `claim:${claimId}`;
    await db.$executeRaw`
      INSERT INTO "SearchEntry" ("key", "workspaceId", "type", "entityId", "text", "tsv", "createdAt")
      VALUES (${key}, ${team.workspace.id}, 'claim', ${claimId}, 'stale words', to_tsvector('simple', 'stale words'), now())`;
    await db.claim.create({ data: { id: claimId, workspaceId: team.workspace.id, statement: 'Gulls know the way home', createdById: team.owner.id } });
    const [entry] = await entries([`claim:${claimId}`]);
    expect(entry).toMatchObject({ text: 'Gulls know the way home', claimId });
    expect(entry?.tsv).toContain("'gull'");
  });

  it('show a hidden claim statement again when a visible claim annotation names the claim, and not for a hidden one', async () => {
    const ownerCtx = await contextFor(team.owner.id, ws);
    const first = await annotate(team.reviewer.id, {
      document: 'harbour',
      kind: 'claim',
      target: target('Gulls follow the fishing boats'),
      claim: { statement: 'Gulls follow boats for the catch' },
    });
    const claimId = first.annotation.claimId as string;
    await updateAnnotation({ ctx: ownerCtx, id: first.annotation.id, input: updateAnnotationInputSchema.parse({ hidden: true }) });
    expect(await statementHidden(claimId)).toBe(true);

    // a claim annotation written hidden (as an import may write one) leaves the statement hidden
    await db.annotation.create({
      data: {
        workspaceId: team.workspace.id,
        documentId: first.annotation.documentId,
        versionId: first.annotation.target.versionId,
        authorId: team.owner.id,
        kind: 'claim',
        claimId,
        exact: 'home at dusk',
        start: text.indexOf('home at dusk'),
        end: text.indexOf('home at dusk') + 'home at dusk'.length,
        anchorStatus: 'anchored',
        hiddenAt: new Date(),
      },
    });
    expect(await statementHidden(claimId)).toBe(true);
    expect(await entries([`claim:${claimId}`])).toEqual([]);

    // a visible one shows it, and search finds the statement again
    await annotate(team.owner.id, {
      document: 'harbour',
      kind: 'claim',
      target: target('the fishing boats home'),
      claim: { claimId },
    });
    expect(await statementHidden(claimId)).toBe(false);
    expect((await entries([`claim:${claimId}`]))[0]?.text).toBe('Gulls follow boats for the catch');
  });
});
