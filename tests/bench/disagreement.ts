// The bench's disagreement-map figures. run.ts runs this file in a process of its own per database — once on an
// in-memory embedded PGlite, once on a throwaway PostgreSQL database (DATABASE_URL) — so each opens its own lib/db.
// It generates one workspace of 200 reviewers × 2 000 claims with 100 000 credences (density 0.25), all claims
// annotated on one document, and times what GET …/documents/:doc/disagreement does (access check, version query,
// feed, statistics, JSON) through the same lib function the route calls:
// - cold: the caches emptied before each run, after WARM_UP_VIEWS uncached views (the first is reported apart) have
//   warmed the JIT up as a server's earlier maps have (the views keep getting faster over the first few: one
//   sequence after a single view measured 540, 531, then 277–417 ms), and
//   where a cold view's time goes: the SQL feed, the statistics (lib/aggregation), the JSON;
// - cached: the same data version again;
// - cold with a second round opened, which also reads the revision history;
// - the factorisation's (bridged credence) share of a cold view's statistics;
// - the crux graph (GET …/documents/:doc/crux-graph and …/workspaces/:ws/crux-graph), cold, and its size, with
//   5 000 crux links carrying 5 reviewers' conditionals each.
//   [DATABASE_URL=…] tsx tests/bench/disagreement.ts --out figures.json [--reviewers N --claims N --density F --links N]
//     [--reuse]
// (a smaller scale for a quick check; run.ts uses the defaults). With --reuse on a PostgreSQL database this script
// populated before, the data are measured again as they are (generating them takes minutes): to compare commits
// (its first answer size then includes the crux links the previous run added).
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { ms, percentile, type Figure } from './stats';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string' },
    reviewers: { type: 'string', default: '200' },
    claims: { type: 'string', default: '2000' },
    density: { type: 'string', default: '0.25' },
    links: { type: 'string', default: '5000' },
    reuse: { type: 'boolean', default: false },
  },
  strict: true,
});
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
const { computeMap, computeMapBeside } = await import('../../lib/disagreement/view');
const { startTableWorker, tablePartsBeside } = await import('../../lib/disagreement/table-worker');
const { generateDataset, linkCruxes } = await import('./generate');
const { bridgedCredences } = await import('../../lib/aggregation');
const { getCruxGraph } = await import('../../lib/cruxes/graph-queries');
const { getQueue } = await import('../../lib/queue/queries');

const SCALE = { workspaces: 1, reviewers: Number(args.reviewers), claims: Number(args.claims), density: Number(args.density) };
const LINKS = Number(args.links);
const CONDITIONALS_PER_LINK = 5;
const COLD_RUNS = 5;
/** the cold views of the issue's target: nine, so one slow view (a major GC) cannot move the median */
const MAP_COLD_RUNS = 9;
/** uncached views before the cold ones are measured: the first is reported apart (JIT cold) */
const WARM_UP_VIEWS = 3;
const CACHED_RUNS = 50;
// cold: issue 19 asks < 300 ms on PostgreSQL, issue 15 < 400 ms with the factorisation included; the answer (the
// defaults `?pairs=50&claims=500`) ≤ 600 KiB; two rounds ≤ 1.3× one
const TARGETS = { cold: 300, coldIssue15: 400, cached: 20, answerKiB: 600, roundsRatio: 1.3 };

const where = databaseKind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL';
const figures: Figure[] = [];
const record = (figure: string, value: string, target = '', met?: boolean) => {
  figures.push({ figure, value, target, ...(met === undefined ? {} : { met: met ? 'yes' : 'no' }) });
  console.log(`  ${figure}: ${value}${target ? ` (target ${target}${met === undefined ? '' : met ? ', met' : ', not met'})` : ''}`);
};

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

try {
  // --reuse: the workspace a previous run generated (the only one with a document), its second round removed
  const previous = args.reuse ? await db.document.findFirst({ select: { id: true, workspaceId: true } }) : null;
  if (previous) await db.round.deleteMany({ where: { workspaceId: previous.workspaceId } });
  const generated = previous
    ? { workspaceIds: [previous.workspaceId], documentIds: [previous.id], rows: 0, ms: 0 }
    : await generateDataset(db, SCALE, () => undefined, { document: true });
  const workspace = generated.workspaceIds[0] as string;
  const document = generated.documentIds[0] as string;
  // The generation's own garbage (200 000 rows built through Prisma in this process) is the bench's, not a server's:
  // collected before the views are measured (run.ts starts this process with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const credences = await db.credence.count({ where: { workspaceId: workspace } });
  const viewer = await db.membership.findFirstOrThrow({ where: { workspaceId: workspace }, select: { userId: true } });
  // as a request does: the context, then the map
  const view = async () => getDisagreementMapJson({ ctx: await loadWorkspaceContext({ actor: userActor(viewer.userId), workspace }), document });
  const label = `disagreement map, ${SCALE.reviewers} reviewers × ${SCALE.claims} claims × ${credences} credences on ${where}`;
  console.log(previous ? '  reused the data of a previous run' : `  generated ${generated.rows} rows in ${ms(generated.ms)}`);

  // as the server does when it starts (bin/server.ts): the map's table worker ready before the first view
  if (!(await startTableWorker())) console.log('  the table worker did not start: the statistics run on one thread');
  clearDisagreementCache();
  const first = await timed(view);
  const body = await view();
  for (let i = 1; i < WARM_UP_VIEWS; i++) {
    clearDisagreementCache();
    await view();
  }
  const cold: number[] = [];
  for (let i = 0; i < MAP_COLD_RUNS; i++) {
    clearDisagreementCache();
    cold.push(await timed(view));
  }
  const cached: number[] = [];
  for (let i = 0; i < CACHED_RUNS; i++) cached.push(await timed(view));
  const coldMedian = percentile(cold, 50);
  const cachedMedian = percentile(cached, 50);
  record(`${label}: first view (JIT cold; ${WARM_UP_VIEWS - 1} more uncached views warm it up before the cold ones)`, ms(first));
  record(`${label}: the cold views, in order`, cold.map((t) => ms(t)).join(', '));
  // issue 19's cold target is PostgreSQL's; on the embedded database the figure is reported beside it
  if (databaseKind === 'embedded') record(`${label}: cold (median of ${MAP_COLD_RUNS}), issue 19 (its target is PostgreSQL's)`, ms(coldMedian));
  else record(`${label}: cold (median of ${MAP_COLD_RUNS}), issue 19`, ms(coldMedian), `< ${TARGETS.cold} ms`, coldMedian < TARGETS.cold);
  record(`${label}: cold (median of ${MAP_COLD_RUNS}), issue 15`, ms(coldMedian), `< ${TARGETS.coldIssue15} ms`, coldMedian < TARGETS.coldIssue15);
  record(`${label}: cached (median of ${CACHED_RUNS})`, ms(cachedMedian), `< ${TARGETS.cached} ms`, cachedMedian < TARGETS.cached);
  const answerKiB = Buffer.byteLength(body) / 1024;
  const parsed = JSON.parse(body) as Record<string, unknown> & { pairsTotal?: number; claims?: unknown[]; claimsTotal?: number };
  const { pairsTotal, claimsTotal } = parsed;
  // where the bytes are, by top-level field, largest first; and what goes over the wire (the server gzips JSON)
  const byField = Object.entries(parsed)
    .map(([key, value]) => [key, Buffer.byteLength(JSON.stringify(value))] as const)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([key, bytes]) => `${key} ${(bytes / 1024).toFixed(0)}`)
    .join(', ');
  record(`${label}: answer by field (KiB)`, byField);
  record(`${label}: answer gzipped as the server sends it`, `${(gzipSync(body).length / 1024).toFixed(0)} KiB`);
  record(
    `${label}: answer size (default ?pairs=50${pairsTotal === undefined ? '' : ` of ${pairsTotal} pairs`}, ?claims=${parsed.claims?.length ?? '?'}${claimsTotal === undefined ? '' : ` of ${claimsTotal} claims`})`,
    `${answerKiB.toFixed(0)} KiB`,
    `≤ ${TARGETS.answerKiB} KiB`,
    answerKiB <= TARGETS.answerKiB,
  );

  const row = await db.document.findUniqueOrThrow({ where: { workspaceId_id: { workspaceId: workspace, id: document } }, select: { currentVersionId: true, createdAt: true } });
  const feedDocument = { id: document, workspaceId: workspace, currentVersionId: row.currentVersionId as string, createdAt: row.createdAt, hasBlindDocuments: false };
  const parts = { feed: [] as number[], statistics: [] as number[], oneThread: [] as number[], json: [] as number[], bridging: [] as number[] };
  for (let i = 0; i < COLD_RUNS; i++) {
    let feed: Awaited<ReturnType<typeof loadFeed>> | undefined;
    let map: ReturnType<typeof computeMap> | undefined;
    parts.feed.push(await timed(async () => void (feed = await loadFeed(feedDocument))));
    // as the route computes them: the table parts on the worker thread beside the rest (table-worker.ts)
    parts.statistics.push(await timed(async () => void (map = await computeMapBeside(feed as NonNullable<typeof feed>, [], (table) => tablePartsBeside(table)))));
    // the same on the request's thread alone, for comparison
    parts.oneThread.push(await timed(() => Promise.resolve(void computeMap(feed as NonNullable<typeof feed>, []))));
    parts.json.push(await timed(() => Promise.resolve(void JSON.stringify(map))));
    // the factorisation alone, on the same credences (its table built again: an upper bound of its share)
    parts.bridging.push(await timed(() => Promise.resolve(void bridgedCredences((feed as NonNullable<typeof feed>).ratings))));
  }
  record(
    `${label}: cold, by part (medians)`,
    `SQL feed ${ms(percentile(parts.feed, 50))}, statistics ${ms(percentile(parts.statistics, 50))} (on one thread: ${ms(percentile(parts.oneThread, 50))}), JSON ${ms(percentile(parts.json, 50))}`,
  );
  const bridging = percentile(parts.bridging, 50);
  record(
    `${label}: bridged-credence factorisation (median)`,
    `${ms(bridging)} = ${((100 * bridging) / coldMedian).toFixed(0)}% of a cold view, ${((100 * bridging) / percentile(parts.statistics, 50)).toFixed(0)}% of its statistics`,
  );

  // The crux graph: LINKS crux links between the document's claims, each marked once and with conditionals
  const users = (await db.membership.findMany({ where: { workspaceId: workspace }, select: { userId: true }, orderBy: { userId: 'asc' } })).map((m) => m.userId);
  const claimIds = (await db.claim.findMany({ where: { workspaceId: workspace }, select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
  const anchor = await db.annotation.findFirstOrThrow({
    where: { workspaceId: workspace, documentId: document, kind: 'claim' },
    select: { versionId: true, exact: true, start: true, end: true, anchoredVersionId: true },
  });
  const reused = previous !== null && (await db.cruxLink.count({ where: { workspaceId: workspace } })) > 0;
  const pairs: [string, string][] = [];
  const seen = new Set<string>();
  for (let i = 0; pairs.length < LINKS && i < LINKS * 4; i++) {
    const k = claimIds[(i * 7) % claimIds.length] as string;
    const c = claimIds[(i * 13 + 1 + Math.floor(i / claimIds.length)) % claimIds.length] as string;
    if (k === c || seen.has(`${k}:${c}`)) continue;
    seen.add(`${k}:${c}`);
    pairs.push([k, c]);
  }
  const cruxRows = pairs.map(([k, c], i) => ({
    workspaceId: workspace,
    documentId: document,
    versionId: anchor.versionId,
    authorId: users[i % users.length] as string,
    kind: 'crux' as const,
    claimId: k,
    forClaimId: c,
    direction: i % 3 === 0 ? ('less' as const) : ('more' as const),
    exact: anchor.exact,
    start: anchor.start,
    end: anchor.end,
    anchorStatus: 'anchored' as const,
    anchoredVersionId: anchor.anchoredVersionId,
    anchoredStart: anchor.start,
    anchoredEnd: anchor.end,
  }));
  if (!reused) {
    for (let i = 0; i < cruxRows.length; i += 5000) await db.annotation.createMany({ data: cruxRows.slice(i, i + 5000) });
    await linkCruxes(db, workspace);
  }
  const links = await db.cruxLink.findMany({ where: { workspaceId: workspace }, select: { id: true }, orderBy: { id: 'asc' } });
  const conditionals = links.flatMap((link, l) =>
    Array.from({ length: Math.min(CONDITIONALS_PER_LINK, users.length) }, (_, j) => ({
      id: `bq_${workspace}_${l}_${j}`,
      workspaceId: workspace,
      linkId: link.id,
      userId: users[(l * 3 + j * 17) % users.length] as string,
      ifTrue: ((l + j) % 10) / 10 + 0.05,
      ifFalse: ((l * 7 + j) % 10) / 10,
    })),
  );
  const unique = reused ? [] : [...new Map(conditionals.map((c) => [`${c.linkId}:${c.userId}`, c])).values()];
  for (let i = 0; i < unique.length; i += 5000) {
    const batch = unique.slice(i, i + 5000);
    await db.cruxConditional.createMany({ data: batch });
    await db.cruxConditionalRevision.createMany({ data: batch.map((c) => ({ id: `r${c.id}`, workspaceId: workspace, conditionalId: c.id, userId: c.userId, ifTrue: c.ifTrue, ifFalse: c.ifFalse })) });
  }
  const ctx = await loadWorkspaceContext({ actor: userActor(viewer.userId), workspace });
  for (const [scope, graphOf] of [
    ['document', () => getCruxGraph({ ctx, document })],
    ['workspace', () => getCruxGraph({ ctx })],
  ] as const) {
    const runs: number[] = [];
    let size = 0;
    let counts = '';
    for (let i = 0; i < COLD_RUNS; i++) {
      clearDisagreementCache();
      runs.push(
        await timed(async () => {
          const graph = await graphOf();
          size = JSON.stringify(graph).length;
          counts = `${graph.nodes.length} nodes, ${graph.edges.length} edges`;
        }),
      );
    }
    record(
      `crux graph (${scope}), ${links.length} crux links × ${CONDITIONALS_PER_LINK} conditionals on ${where}: cold (median of ${COLD_RUNS})`,
      `${ms(percentile(runs, 50))}; ${counts}, ${(size / 1024).toFixed(0)} KiB`,
    );
  }

  // issue 16: the rating queue of one reviewer (about three quarters of the claims unrated), with the crux links
  for (const [scope, queueOf] of [
    ['document', () => getQueue({ ctx, document })],
    ['workspace', () => getQueue({ ctx })],
  ] as const) {
    const runs: number[] = [];
    let listed = 0;
    for (let i = 0; i < COLD_RUNS; i++) runs.push(await timed(async () => void (listed = (await queueOf()).items.length)));
    record(`rating queue (${scope}), ${SCALE.reviewers} reviewers × ${SCALE.claims} claims on ${where}: median of ${COLD_RUNS}`, `${ms(percentile(runs, 50))}; ${listed} items`);
  }

  // The answer again, now with the crux links (not in the target's answer above: a fresh run measures it before them)
  {
    clearDisagreementCache();
    const withLinks = JSON.parse(await view()) as Record<string, unknown>;
    const bytes = Buffer.byteLength(JSON.stringify(withLinks)) / 1024;
    const largest = Object.entries(withLinks)
      .map(([key, value]) => [key, Buffer.byteLength(JSON.stringify(value))] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([key, b]) => `${key} ${(b / 1024).toFixed(0)}`)
      .join(', ');
    record(`${label}: answer size with the ${links.length} crux links (defaults)`, `${bytes.toFixed(0)} KiB (largest fields, KiB: ${largest})`);
  }

  // One round again, now with the crux links (a fresh run measured the first cold views before adding them), so
  // the rounds' ratio below compares like with like
  const oneRound: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    clearDisagreementCache();
    oneRound.push(await timed(view));
  }
  // A second round: earlier rounds come from the revision history (one revision per credence here).
  await db.round.create({ data: { workspaceId: workspace, documentId: document, number: 2 } });
  const withRounds: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    clearDisagreementCache();
    withRounds.push(await timed(view));
  }
  record(`${label}: cold with 2 rounds (median of ${COLD_RUNS})`, ms(percentile(withRounds, 50)));
  // issue 19: two rounds cost at most 1.3 times one (both measured in this run, so the machine's load cancels out)
  const roundsRatio = percentile(withRounds, 50) / percentile(oneRound, 50);
  record(
    `${label}: cold with 2 rounds / cold with 1 (${ms(percentile(oneRound, 50))}, with the crux links)`,
    `${roundsRatio.toFixed(2)}×`,
    `≤ ${TARGETS.roundsRatio}×`,
    roundsRatio <= TARGETS.roundsRatio,
  );
} finally {
  await closeDb();
}

await writeFile(args.out, JSON.stringify(figures));
process.exit(0);
