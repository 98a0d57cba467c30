// A process of its own for tests/integration/read-replica.test.ts (lib/db reads DATABASE_URL and
// DATABASE_REPLICA_URL once, when it is first imported):
//   seed   — on DATABASE_URL: a team, a document and one claim with two ratings; prints their names as JSON
//   probe  — with DATABASE_REPLICA_URL set: writes a second claim, then reads the map, search, the reading page's
//            layer, an export and the annotation list, and prints what each saw and where each statement went
//            (lib/database/query-log.ts), as JSON.
//   node --import tsx tests/support/replica-probe.ts seed|probe [workspace-slug]
import { createAnnotation } from '../../lib/annotations/mutations';
import { listAnnotations } from '../../lib/annotations/queries';
import { getReaderLayer } from '../../lib/annotations/reader-queries';
import { createAnnotationInputSchema, listAnnotationsQuerySchema } from '../../lib/annotations/schemas';
import { onQuery, type LoggedQuery } from '../../lib/database/query-log';
import { closeDb } from '../../lib/db';
import { getDisagreementMap } from '../../lib/disagreement/queries';
import { importDocument } from '../../lib/documents/mutations';
import { prepareExport } from '../../lib/datasets/export';
import { searchWorkspace } from '../../lib/search/queries';
import { searchQuerySchema } from '../../lib/search/schemas';
import { createTestTeam } from '../factories';
import { contextFor } from '../factories/context';

const TEXT = 'Lanterns glow in the first room. Mirrors hang in the second room. Ravens nest in the third room.';
const target = (exact: string) => ({ exact, start: TEXT.indexOf(exact), end: TEXT.indexOf(exact) + exact.length });

/** A probability annotation on `exact`: a new claim with `statement`, or a rating of the claim `claimId`. */
async function rate(userId: string, workspace: string, exact: string, claim: { statement: string } | { claimId: string }, value: number) {
  const ctx = await contextFor(userId, workspace);
  const input = createAnnotationInputSchema.parse({ document: 'rooms', kind: 'probability', target: target(exact), probability: { value, ...claim } });
  return createAnnotation({ ctx, input });
}

async function seed() {
  const team = await createTestTeam();
  const ws = team.workspace.slug;
  await importDocument({ ctx: await contextFor(team.owner.id, ws), input: { slug: 'rooms', text: TEXT, title: 'Rooms' } });
  const first = await rate(team.reviewer.id, ws, 'Lanterns glow', { statement: 'Lanterns glow brightly' }, 0.8);
  await rate(team.owner.id, ws, 'Lanterns glow', { claimId: first.annotation.claimId as string }, 0.3);
  return { workspace: ws, owner: team.owner.id, reviewer: team.reviewer.id };
}

async function probe(workspace: string, owner: string) {
  const log: (LoggedQuery & { step: string })[] = [];
  let step = 'write';
  const stop = onQuery((query) => log.push({ ...query, step }));
  const ctx = await contextFor(owner, workspace);
  const created = await rate(owner, workspace, 'Ravens nest', { statement: 'Ravens nest in towers' }, 0.6);
  const seen: Record<string, unknown> = { written: created.annotation.id };

  step = 'map';
  const map = await getDisagreementMap({ ctx, document: 'rooms' });
  seen.map = map.claims.map((c) => c.statement).sort();
  step = 'search';
  const found = await searchWorkspace({ ctx, query: searchQuerySchema.parse({ q: 'towers' }) });
  seen.search = found.items.length;
  step = 'reader';
  const document = map.document.id;
  const layer = await getReaderLayer({ ctx, documentId: document, cardCount: 50 });
  seen.reader = JSON.stringify(layer).includes(created.annotation.id);
  step = 'export';
  const filters = { documents: ['rooms'], kinds: [], authors: [], from: null, to: null, pseudonymise: false };
  const prepared = await prepareExport({ ctx, format: 'jsonl', filters });
  let text = '';
  for await (const chunk of prepared.chunks()) text += chunk;
  seen.export = text.includes(created.annotation.id);
  step = 'list';
  const list = await listAnnotations({ ctx, query: listAnnotationsQuerySchema.parse({ document: 'rooms' }) });
  seen.list = list.items.some((a) => a.id === created.annotation.id);
  stop();
  return { seen, log };
}

const [command, workspace, owner] = process.argv.slice(2);
try {
  const result = command === 'seed' ? await seed() : await probe(workspace as string, owner as string);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await closeDb();
}
