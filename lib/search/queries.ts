// Search in one workspace: one indexed query over SearchEntry (kept in step by triggers, see the migration
// 20261204130000_search), ranked with ts_rank_cd (cover density: words close together — an exact phrase — rank
// above scattered ones), snippets marked by ts_headline and returned as segments. When the words as typed find
// (almost) nothing, near-matches of each word (trigram similarity over the workspace's words) are searched for
// too, ranked below exact matches. Bounded: at most CANDIDATES matches are ranked per query, under a statement
// timeout; the index holds only what every reader of the workspace may see (no hidden or deleted item, no
// probability value), and every query filters on the context's workspace.
import type { WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { replicaDb } from '../db';
import { Prisma } from '../generated/prisma/client';
import { decodeSearchCursor, encodeSearchCursor, type NearMatch } from './cursor';
import { fuzzyCandidates, parseSearchQuery, type ParsedSearch, type SearchTerm } from './query';
import type { SearchFacets, SearchItem, SearchPage, SearchQuery, SearchType } from './schemas';
import { splitMarkedSnippet, withEllipses } from './snippet';

/** The most matches ranked for one query (the rest are not looked at: a bounded cost whatever the word). */
export const CANDIDATES = 1000;
/** Fewer exact matches than this on the first page: near-matches of the words are searched for too. */
const FUZZY_BELOW = 3;
const NEAR_WORDS_PER_WORD = 3;
const STATEMENT_TIMEOUT = '5s';
/** Texts up to this length are shown whole in the snippet. */
const WHOLE_TEXT = 240;

function termSql(term: SearchTerm, near: ReadonlyMap<string, string[]>): Prisma.Sql {
  let sql: Prisma.Sql;
  if (term.type === 'phrase') sql = Prisma.sql`phraseto_tsquery('english', ${term.text})`;
  else if (term.prefix) {
    // the term holds letters and digits only (query.ts), so `term:*` is valid tsquery syntax
    const pattern = `${term.text}:*`;
    sql = Prisma.sql`(to_tsquery('english', ${pattern}) || to_tsquery('simple', ${pattern}))`;
  } else sql = Prisma.sql`plainto_tsquery('english', ${term.text})`;
  if (term.negated) return Prisma.sql`(!! ${sql})`;
  const alternatives = term.type === 'word' ? (near.get(term.text.toLowerCase()) ?? []) : [];
  return alternatives.length === 0 ? sql : Prisma.sql`(${Prisma.join([sql, ...alternatives.map((w) => Prisma.sql`plainto_tsquery('simple', ${w})`)], ' || ')})`;
}

/**
 * The parsed query as a tsquery expression: groups or'ed, terms and'ed; every word through PostgreSQL's parsers.
 * With near-matches, a word stands for itself or any of them (exclusions and the rest of the query unchanged).
 */
export function tsquerySql(parsed: ParsedSearch, nearMatches: readonly NearMatch[] = []): Prisma.Sql {
  const near = new Map<string, string[]>();
  for (const [word, match] of nearMatches) near.set(word, [...(near.get(word) ?? []), match]);
  const groups = parsed.groups.map((group) => Prisma.sql`(${Prisma.join(group.map((t) => termSql(t, near)), ' && ')})`);
  return groups.length === 0 ? Prisma.sql`''::tsquery` : Prisma.sql`(${Prisma.join(groups, ' || ')})`;
}

type Filters = { type?: SearchType; documentId?: string; kind?: string; author?: string };

function filterSql(workspaceId: string, f: Filters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.type) parts.push(Prisma.sql`e."type" = ${f.type}::"SearchEntryType"`);
  if (f.kind) parts.push(Prisma.sql`e."kind" = ${f.kind}::"AnnotationKind"`);
  if (f.author) parts.push(Prisma.sql`e."authorId" = ${f.author}`);
  if (f.documentId) {
    // a claim is in a document where a live annotation makes, rates, supports or hinges on it
    parts.push(Prisma.sql`(e."documentId" = ${f.documentId} OR (e."type" = 'claim' AND EXISTS (
      SELECT 1 FROM "Annotation" a WHERE a."workspaceId" = ${workspaceId} AND a."documentId" = ${f.documentId}
        AND a."deletedAt" IS NULL AND (a."claimId" = e."entityId" OR a."forClaimId" = e."entityId"))))`);
  }
  return parts.length === 0 ? Prisma.empty : Prisma.sql`AND ${Prisma.join(parts, ' AND ')}`;
}

type Tx = Prisma.TransactionClient;

type FacetRow = { facet: string; value: string | null; count: number };

async function countFacets(tx: Tx, workspaceId: string, match: Prisma.Sql): Promise<{ total: number; rows: FacetRow[] }> {
  const rows = await tx.$queryRaw<FacetRow[]>`
    WITH cand AS (
      SELECT e."type", e."documentId", e."kind" FROM "SearchEntry" e
      WHERE e."workspaceId" = ${workspaceId} AND e."tsv" @@ ${match}
      LIMIT ${CANDIDATES}
    )
    SELECT 'total' AS facet, NULL AS value, count(*)::int AS count FROM cand
    UNION ALL SELECT 'type', "type"::text, count(*)::int FROM cand GROUP BY "type"
    UNION ALL SELECT 'document', "documentId", count(*)::int FROM cand WHERE "documentId" IS NOT NULL GROUP BY "documentId"
    UNION ALL SELECT 'kind', "kind"::text, count(*)::int FROM cand WHERE "kind" IS NOT NULL GROUP BY "kind"`;
  return { total: rows.find((r) => r.facet === 'total')?.count ?? 0, rows: rows.filter((r) => r.facet !== 'total') };
}

/** Words of the workspace's index that look like the query's words (typos), each still found in the index. */
async function nearWords(tx: Tx, workspaceId: string, words: string[]): Promise<NearMatch[]> {
  if (words.length === 0) return [];
  const rows = await tx.$queryRaw<{ typed: string; word: string }[]>`
    SELECT u.w AS typed, s.word FROM unnest(string_to_array(${words.join(',')}, ',')) u(w)
    CROSS JOIN LATERAL (
      SELECT sw."word" FROM "SearchWord" sw
      WHERE sw."workspaceId" = ${workspaceId} AND sw."word" % u.w AND sw."word" <> u.w
        AND EXISTS (SELECT 1 FROM "SearchEntry" e WHERE e."workspaceId" = ${workspaceId} AND e."tsv" @@ plainto_tsquery('simple', sw."word"))
      ORDER BY similarity(sw."word", u.w) DESC, sw."word"
      LIMIT ${NEAR_WORDS_PER_WORD}
    ) s
    ORDER BY u.w, s.word`;
  return rows.map((r) => [r.typed, r.word]);
}

type ItemRow = {
  key: string;
  score: number;
  type: SearchType;
  entityId: string;
  documentId: string | null;
  passageId: string | null;
  claimId: string | null;
  kind: string | null;
  slug: string | null;
  title: string | null;
  marked: string;
  head: string;
  tail: string;
};

function facetList(rows: FacetRow[], facet: string, label: (value: string) => string): SearchFacets['type'] {
  return rows
    .filter((r) => r.facet === facet && r.value !== null)
    .map((r) => ({ value: r.value as string, label: label(r.value as string), count: r.count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

const typeLabels: Record<SearchType, string> = { passage: 'Passages', claim: 'Claims', annotation: 'Annotations', reply: 'Replies' };

/** GET …/search: a page of what the context's viewer may read in its workspace, best first. */
export async function searchWorkspace({ ctx, query }: { ctx: WorkspaceContext; query: SearchQuery }): Promise<SearchPage> {
  const workspaceId = ctx.workspace.id;
  const parsed = parseSearchQuery(query.q);
  const documentId = query.document ? (await requireDocument(ctx, query.document, { select: { id: true } })).id : undefined;
  const cursor = query.cursor ? decodeSearchCursor(query.cursor) : null;
  const exact = tsquerySql(parsed);
  const filters = filterSql(workspaceId, { type: query.type, documentId, kind: query.kind, author: query.author });

  return replicaDb.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = '${STATEMENT_TIMEOUT}'`);
    let fuzzy = cursor?.fuzzy ?? null;
    let facets: { total: number; rows: FacetRow[] } | null = null;
    if (!cursor) {
      facets = await countFacets(tx, workspaceId, exact);
      if (facets.total < FUZZY_BELOW) {
        const near = await nearWords(tx, workspaceId, fuzzyCandidates(parsed));
        if (near.length > 0) {
          fuzzy = near;
          facets = await countFacets(tx, workspaceId, tsquerySql(parsed, near));
        }
      }
    }
    const match = fuzzy ? tsquerySql(parsed, fuzzy) : exact;
    // near-matches rank below the words as typed
    const score = fuzzy
      ? Prisma.sql`(0.5 * ts_rank_cd(c."tsv", ${exact}, 33) + 0.5 * ts_rank_cd(c."tsv", ${match}, 33))::float8`
      : Prisma.sql`ts_rank_cd(c."tsv", ${exact}, 33)::float8`;
    const after = cursor ? Prisma.sql`WHERE r.score < ${cursor.score} OR (r.score = ${cursor.score} AND r."key" > ${cursor.key})` : Prisma.empty;
    const markers = Prisma.sql`'StartSel=' || chr(1) || ', StopSel=' || chr(2)`;
    // a short text whole; a longer one as up to two fragments around the matches
    const whole = Prisma.sql`${markers} || ', HighlightAll=true'`;
    const options = Prisma.sql`${markers} || ', MaxWords=35, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'`;
    const rows = await tx.$queryRaw<ItemRow[]>`
      WITH cand AS (
        SELECT e."key", e."tsv" FROM "SearchEntry" e
        WHERE e."workspaceId" = ${workspaceId} AND e."tsv" @@ ${match} ${filters}
        LIMIT ${CANDIDATES}
      ),
      ranked AS (SELECT c."key", ${score} AS score FROM cand c),
      page AS (SELECT r."key", r.score FROM ranked r ${after} ORDER BY r.score DESC, r."key" ASC LIMIT ${query.limit + 1})
      SELECT p."key", p.score, e."type"::text AS "type", e."entityId", e."documentId", e."passageId", e."claimId", e."kind"::text AS "kind",
             d."slug", d."title",
             CASE WHEN strpos(h.english, chr(1)) > 0 THEN h.english ELSE h.simple END AS marked,
             left(clean.t, 24) AS head, right(clean.t, 24) AS tail
      FROM page p
      JOIN "SearchEntry" e ON e."workspaceId" = ${workspaceId} AND e."key" = p."key"
      LEFT JOIN "Document" d ON d."workspaceId" = e."workspaceId" AND d."id" = e."documentId"
      CROSS JOIN LATERAL (SELECT translate(e."text", chr(1) || chr(2), '') AS t) clean
      CROSS JOIN LATERAL (
        SELECT ts_headline('english', clean.t, ${match}, CASE WHEN length(clean.t) <= ${WHOLE_TEXT} THEN ${whole} ELSE ${options} END) AS english,
               ts_headline('simple', clean.t, ${match}, CASE WHEN length(clean.t) <= ${WHOLE_TEXT} THEN ${whole} ELSE ${options} END) AS simple
      ) h
      ORDER BY p.score DESC, p."key" ASC`;

    const pageRows = rows.slice(0, query.limit);
    const last = pageRows.at(-1);
    const items: SearchItem[] = pageRows.map((r) => ({
      type: r.type,
      id: r.entityId,
      documentId: r.documentId,
      passageId: r.passageId,
      claimId: r.claimId,
      snippet: withEllipses(splitMarkedSnippet(r.marked), r.head, r.tail),
      score: r.score,
      kind: r.kind,
      document: r.documentId && r.slug !== null && r.title !== null ? { id: r.documentId, slug: r.slug, title: r.title } : null,
    }));
    const page: SearchPage = {
      items,
      nextCursor: rows.length > query.limit && last ? encodeSearchCursor({ score: last.score, key: last.key, fuzzy }) : null,
    };
    if (facets) {
      const documentIds = facets.rows.filter((r) => r.facet === 'document' && r.value).map((r) => r.value as string);
      const titles = new Map(
        (await tx.document.findMany({ where: { workspaceId, id: { in: documentIds } }, select: { id: true, title: true } })).map((d) => [d.id, d.title]),
      );
      page.facets = {
        total: facets.total,
        capped: facets.total >= CANDIDATES,
        type: facetList(facets.rows, 'type', (v) => typeLabels[v as SearchType] ?? v),
        document: facetList(facets.rows, 'document', (v) => titles.get(v) ?? v),
        kind: facetList(facets.rows, 'kind', (v) => v),
      };
    }
    if (fuzzy) page.nearMatches = [...new Set(fuzzy.map(([, word]) => word))];
    return page;
  });
}
