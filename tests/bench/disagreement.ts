// The bench's disagreement-map figures. run.ts runs this file in a process of its own per database — once on an
// in-memory embedded PGlite, once on a throwaway PostgreSQL database (DATABASE_URL) — so each opens its own lib/db.
// It generates one workspace of 200 reviewers × 2 000 claims with 100 000 credences (density 0.25), all claims
// annotated on one document, and times what GET …/documents/:doc/disagreement does (access check, version query,
// feed, statistics, JSON) through the same lib function the route calls:
// - cold: the caches emptied before each run (the first run also warms the JIT, so it is reported apart), and
//   where a cold view's time goes: the SQL feed, the statistics (lib/aggregation), the JSON;
// - cached: the same data version again;
// - cold with a second round opened, which also reads the revision history.
//   [DATABASE_URL=…] tsx tests/bench/disagreement.ts --out figures.json
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ms, percentile, type Figure } from './stats';

const { values: args } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
if (!args.out) {
  console.error('usage: [DATABASE_URL=postgresql://…] tsx tests/bench/disagreement.ts --out FILE');
  process.exit(2);
}
if (!process.env.DATABASE_URL) process.env.CRUXMAP_DATA_DIR = 'memory://';

const { closeDb, db, databaseKind } = await import('../../lib/db');
const { clearDisagreementCache, getDisagreementMapJson } = await import('../../lib/disagreement/queries');
const { loadFeed } = await import('../../lib/disagreement/map-inputs-queries');
const { loadWorkspaceContext } = await import('../../lib/context/queries');
const { userActor } = await import('../../lib/context/context');
const { computeMap } = await import('../../lib/disagreement/view');
const { generateDataset } = await import('./generate');

const SCALE = { workspaces: 1, reviewers: 200, claims: 2000, density: 0.25 };
const COLD_RUNS = 5;
const CACHED_RUNS = 50;
const TARGETS = { cold: 300, cached: 20 };

const where = databaseKind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL';
const figures: Figure[] = [];
const record = (figure: string, value: string, target = '', met?: boolean) => {
  figures.push({ figure, value, target, ...(met === undefined ? {} : { met: met ? 'yes' : 'no' }) });
  console.log(`  ${figure}: ${value}${target ? ` (target ${target}${met === undefined ? '' : met ? ', met' : ', missed'})` : ''}`);
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

try {
  const generated = await generateDataset(db, SCALE, () => undefined, { document: true });
  const workspace = generated.workspaceIds[0] as string;
  const document = generated.documentIds[0] as string;
  const credences = await db.credence.count({ where: { workspaceId: workspace } });
  const viewer = await db.membership.findFirstOrThrow({ where: { workspaceId: workspace }, select: { userId: true } });
  // as a request does: the context, then the map
  const view = async () => getDisagreementMapJson({ ctx: await loadWorkspaceContext({ actor: userActor(viewer.userId), workspace }), document });
  const label = `disagreement map, ${SCALE.reviewers} reviewers × ${SCALE.claims} claims × ${credences} credences on ${where}`;
  console.log(`  generated ${generated.rows} rows in ${ms(generated.ms)}`);

  clearDisagreementCache();
  const first = await timed(view);
  const body = await view();
  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    clearDisagreementCache();
    cold.push(await timed(view));
  }
  const cached: number[] = [];
  for (let i = 0; i < CACHED_RUNS; i++) cached.push(await timed(view));
  const coldMedian = percentile(cold, 50);
  const cachedMedian = percentile(cached, 50);
  record(`${label}: first view (JIT cold)`, ms(first));
  record(`${label}: cold (median of ${COLD_RUNS})`, ms(coldMedian), `< ${TARGETS.cold} ms`, coldMedian < TARGETS.cold);
  record(`${label}: cached (median of ${CACHED_RUNS})`, ms(cachedMedian), `< ${TARGETS.cached} ms`, cachedMedian < TARGETS.cached);
  record(`${label}: answer size`, `${(body.length / 1024 / 1024).toFixed(1)} MiB`);

  const row = await db.document.findUniqueOrThrow({ where: { id: document }, select: { currentVersionId: true, createdAt: true } });
  const feedDocument = { id: document, workspaceId: workspace, currentVersionId: row.currentVersionId as string, createdAt: row.createdAt, hasBlindDocuments: false };
  const parts = { feed: [] as number[], statistics: [] as number[], json: [] as number[] };
  for (let i = 0; i < COLD_RUNS; i++) {
    let feed: Awaited<ReturnType<typeof loadFeed>> | undefined;
    let map: ReturnType<typeof computeMap> | undefined;
    parts.feed.push(await timed(async () => void (feed = await loadFeed(feedDocument))));
    parts.statistics.push(await timed(() => Promise.resolve(void (map = computeMap(feed as NonNullable<typeof feed>, [])))));
    parts.json.push(await timed(() => Promise.resolve(void JSON.stringify(map))));
  }
  record(
    `${label}: cold, by part (medians)`,
    `SQL feed ${ms(percentile(parts.feed, 50))}, statistics ${ms(percentile(parts.statistics, 50))}, JSON ${ms(percentile(parts.json, 50))}`,
  );

  // A second round: earlier rounds come from the revision history (one revision per credence here).
  await db.round.create({ data: { workspaceId: workspace, documentId: document, number: 2 } });
  const withRounds: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    clearDisagreementCache();
    withRounds.push(await timed(view));
  }
  record(`${label}: cold with 2 rounds (median of ${COLD_RUNS})`, ms(percentile(withRounds, 50)));
} finally {
  await closeDb();
}

await writeFile(args.out, JSON.stringify(figures));
process.exit(0);
