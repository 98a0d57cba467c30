// The bench's search figures. run.ts runs this file in a process of its own per database — once on an in-memory
// embedded PGlite, once on a throwaway PostgreSQL database (DATABASE_URL). It generates, with set-based SQL
// (INSERT … SELECT generate_series; the search triggers index every statement in bulk), one workspace of 100
// documents × 50 passages, 2 000 claims and N annotations (default 1 000 000) whose rationales are sentences drawn
// from the bundled corpus's words (frequent words often, rare ones seldom); then times 200 varied queries — common
// and rare words, two words, phrases, prefixes as typed, exclusions, `or`, typos, filters, a second page — through
// the lib function GET …/search calls, context included, and reports p50/p95.
//   [DATABASE_URL=…] tsx tests/bench/search.ts --out figures.json [--annotations N]
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../../lib/seeded-random';
import { ms, percentile, type Figure } from './stats';

const { values: args } = parseArgs({ options: { out: { type: 'string' }, annotations: { type: 'string', default: '1000000' } }, strict: true });
const annotationCount = Number(args.annotations);
if (!args.out || !Number.isInteger(annotationCount) || annotationCount < 1000) {
  console.error('usage: [DATABASE_URL=postgresql://…] tsx tests/bench/search.ts --out FILE [--annotations N ≥ 1000]');
  process.exit(2);
}
if (!process.env.DATABASE_URL) process.env.CRUXMAP_DATA_DIR = 'memory://';

const { closeDb, db, databaseKind } = await import('../../lib/db');
const { loadWorkspaceContext } = await import('../../lib/context/queries');
const { userActor } = await import('../../lib/context/context');
const { searchWorkspace } = await import('../../lib/search/queries');
const { searchQuerySchema } = await import('../../lib/search/schemas');

const DOCUMENTS = 100;
const PASSAGES = 50;
const CLAIMS = 2000;
const SENTENCES = 20_000;
const BATCH = 100_000;
const QUERIES = 200;
/** on PostgreSQL */
const TARGET_P95 = 100;

const where = databaseKind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL';
const figures: Figure[] = [];
const record = (figure: string, value: string, target = '', met?: boolean) => {
  figures.push({ figure, value, target, ...(met === undefined ? {} : { met: met ? 'yes' : 'no' }) });
  console.log(`  ${figure}: ${value}${target ? ` (target ${target}${met === undefined ? '' : met ? ', met' : ', missed'})` : ''}`);
};

/** The corpus's distinct words, most frequent first. */
async function vocabulary(): Promise<string[]> {
  const dir = path.resolve('content');
  const counts = new Map<string, number>();
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.txt'))) {
    for (const word of (await readFile(path.join(dir, file), 'utf8')).toLowerCase().match(/[a-z]{3,}/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
}

async function generate(words: string[]): Promise<{ workspaceId: string; userId: string; documentId: string; ms: number }> {
  const started = performance.now();
  const workspace = await db.workspace.create({ data: { slug: `bench-search-${Date.now()}`, name: 'Search bench' }, select: { id: true } });
  const ws = workspace.id;
  const users = Array.from({ length: 20 }, (_, i) => ({ id: `su_${ws}_${i}`, email: `search-${ws}-${i}@bench.test`, name: `Searcher ${i}` }));
  await db.user.createMany({ data: users });
  await db.membership.createMany({ data: users.map((u) => ({ workspaceId: ws, userId: u.id, role: 'reviewer' as const })) });
  const vocab = words.join(' ');
  // sentences of 8–20 words, words skewed towards the frequent ones (index = n · r³)
  await db.$executeRawUnsafe(`CREATE TEMP TABLE bench_sentence AS
    SELECT s AS n, (SELECT string_agg(w[1 + floor(cardinality(w) * power(random(), 3))::int + 0 * k], ' ' ORDER BY k) FROM generate_series(1, 8 + (s % 13)) k) AS text
    FROM generate_series(0, ${SENTENCES - 1}) s, (SELECT string_to_array($1, ' ') AS w) v`, vocab);
  await db.$executeRawUnsafe(`INSERT INTO "Document" (id, "workspaceId", slug, title, "updatedAt")
    SELECT 'sd_' || $1 || '_' || d, $1, 'doc-' || d, 'Bench document ' || d, now() FROM generate_series(0, ${DOCUMENTS - 1}) d`, ws);
  await db.$executeRawUnsafe(`INSERT INTO "DocumentVersion" (id, "workspaceId", "documentId", number, text, "contentHash", "sourceFormat")
    SELECT 'sv_' || $1 || '_' || d, $1, 'sd_' || $1 || '_' || d, 1, '', md5(d::text), 'text' FROM generate_series(0, ${DOCUMENTS - 1}) d`, ws);
  await db.$executeRawUnsafe(`INSERT INTO "Passage" ("versionId", id, "workspaceId", index, kind, text, start, "end")
    SELECT 'sv_' || $1 || '_' || d, 'p' || p, $1, p, 'paragraph', s1.text || ' ' || s2.text, p * 1000, p * 1000 + 900
    FROM generate_series(0, ${DOCUMENTS - 1}) d, generate_series(0, ${PASSAGES - 1}) p
    JOIN bench_sentence s1 ON true JOIN bench_sentence s2 ON true
    WHERE s1.n = (d * ${PASSAGES} + p) % ${SENTENCES} AND s2.n = (d * ${PASSAGES} + p + 7919) % ${SENTENCES}`, ws);
  await db.$executeRawUnsafe(`UPDATE "Document" SET "currentVersionId" = 'sv_' || $1 || '_' || substr(id, length('sd_' || $1 || '_') + 1) WHERE "workspaceId" = $1`, ws);
  await db.$executeRawUnsafe(`INSERT INTO "Claim" (id, "workspaceId", statement, "createdById", "updatedAt")
    SELECT 'sc_' || $1 || '_' || c, $1, s.text, 'su_' || $1 || '_' || (c % 20), now()
    FROM generate_series(0, ${CLAIMS - 1}) c JOIN bench_sentence s ON s.n = (c * 13) % ${SENTENCES}`, ws);
  const kinds = `(ARRAY['claim','evidence','crux','probability']::"AnnotationKind"[])[1 + g % 4]`;
  for (let from = 0; from < annotationCount; from += BATCH) {
    const to = Math.min(annotationCount, from + BATCH) - 1;
    await db.$executeRawUnsafe(`INSERT INTO "Annotation" (id, "workspaceId", "documentId", "versionId", "authorId", kind, "claimId", value,
        "rationaleText", exact, start, "end", "anchoredVersionId", "anchoredStart", "anchoredEnd", "updatedAt")
      SELECT 'sa_' || $1 || '_' || g, $1, 'sd_' || $1 || '_' || (g % ${DOCUMENTS}), 'sv_' || $1 || '_' || (g % ${DOCUMENTS}),
        'su_' || $1 || '_' || (g % 20), ${kinds}, 'sc_' || $1 || '_' || (g % ${CLAIMS}),
        CASE WHEN g % 4 = 3 THEN (g % 100) / 100.0 END,
        s1.text, split_part(s2.text, ' ', 1) || ' ' || split_part(s2.text, ' ', 2), ((g / ${DOCUMENTS}) % ${PASSAGES}) * 1000, ((g / ${DOCUMENTS}) % ${PASSAGES}) * 1000 + 20,
        'sv_' || $1 || '_' || (g % ${DOCUMENTS}), ((g / ${DOCUMENTS}) % ${PASSAGES}) * 1000, ((g / ${DOCUMENTS}) % ${PASSAGES}) * 1000 + 20, now()
      FROM generate_series(${from}, ${to}) g
      JOIN bench_sentence s1 ON s1.n = g % ${SENTENCES} JOIN bench_sentence s2 ON s2.n = (g * 7 + 3) % ${SENTENCES}`, ws);
    process.stdout.write(`\r  annotations ${to + 1}/${annotationCount} (${ms(performance.now() - started)})`);
  }
  process.stdout.write('\n');
  await db.$executeRawUnsafe('DROP TABLE bench_sentence');
  await db.$executeRawUnsafe('ANALYZE');
  return { workspaceId: ws, userId: users[0]!.id, documentId: `sd_${ws}_0`, ms: performance.now() - started };
}

/** 200 varied queries over the vocabulary, the same every run. */
function queries(words: string[], documentId: string): Record<string, string>[] {
  const rand = seededRandom(14);
  const pick = (from: number, to: number) => words[Math.floor(from + rand() * (Math.min(to, words.length) - from))]!;
  const common = () => pick(0, 50);
  const middle = () => pick(50, 500);
  const rare = () => pick(500, words.length);
  const typo = (w: string) => (w.length > 4 ? w.slice(0, 2) + w[3] + w[2] + w.slice(4) : `${w}e`);
  const makers: (() => Record<string, string>)[] = [
    () => ({ q: rare() }),
    () => ({ q: middle() }),
    () => ({ q: common() }),
    () => ({ q: `${middle()} ${middle()}` }),
    () => ({ q: `"${common()} ${middle()}"` }),
    () => ({ q: `${middle()} ${rare().slice(0, 4)}` }),
    () => ({ q: `${middle()} -${common()}` }),
    () => ({ q: `${rare()} or ${rare()}` }),
    () => ({ q: typo(middle()) }),
    () => ({ q: typo(rare()) }),
    () => ({ q: middle(), type: 'passage' }),
    () => ({ q: middle(), kind: 'evidence' }),
    () => ({ q: middle(), document: documentId }),
    () => ({ q: `${common()} ${common()} ${middle()}` }),
    () => ({ q: middle().slice(0, 3) }),
  ];
  return Array.from({ length: QUERIES }, (_, i) => makers[i % makers.length]!());
}

try {
  const words = await vocabulary();
  const generated = await generate(words);
  const counts = await db.$queryRaw<{ type: string; n: number }[]>`SELECT "type"::text, count(*)::int AS n FROM "SearchEntry" WHERE "workspaceId" = ${generated.workspaceId} GROUP BY 1 ORDER BY 1`;
  const label = `search, ${annotationCount.toLocaleString('en')} annotations × ${DOCUMENTS} documents on ${where}`;
  record(`${label}: generate and index`, `${ms(generated.ms)} (${counts.map((c) => `${c.n} ${c.type}`).join(', ')})`);

  const run = async (query: Record<string, string>) => {
    const ctx = await loadWorkspaceContext({ actor: userActor(generated.userId), workspace: generated.workspaceId });
    return searchWorkspace({ ctx, query: searchQuerySchema.parse(query) });
  };
  const list = queries(words, generated.documentId);
  for (const query of list.slice(0, 10)) await run(query); // warm-up: JIT, caches
  const times: number[] = [];
  let found = 0;
  let nextPages = 0;
  for (const query of list) {
    const t0 = performance.now();
    const page = await run(query);
    times.push(performance.now() - t0);
    if (page.items.length > 0) found++;
    if (page.nextCursor && nextPages < 20) {
      // a second page, timed as a query of its own
      nextPages++;
      const t1 = performance.now();
      await run({ ...query, cursor: page.nextCursor });
      times.push(performance.now() - t1);
    }
  }
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  record(`${label}: ${times.length} queries (${QUERIES} varied + ${nextPages} second pages; ${found} found something), p50`, ms(p50));
  // the target is PostgreSQL's (production); the embedded database is measured beside it
  if (databaseKind === 'embedded') record(`${label}: p95`, ms(p95));
  else record(`${label}: p95`, ms(p95), `< ${TARGET_P95} ms`, p95 < TARGET_P95);
  record(`${label}: slowest`, ms(Math.max(...times)));
} finally {
  await writeFile(args.out, JSON.stringify(figures));
  await closeDb();
}
process.exit(0);
