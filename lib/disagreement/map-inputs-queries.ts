// The disagreement map's inputs for one document, grouped in PostgreSQL: the claims its live annotations name,
// their current credences (as three compact texts) with the raters' names, evidence tallied per claim and stance,
// crux marks, the passages each claim's text covers, per-passage activity, the document's rounds, which claims are
// blind, and (only when earlier rounds or blind reveals need it) the history of the credences that changed since;
// and the crux links between the claims with their conditionals (crux-link-queries.ts). Each query filters on the
// workspace and answers one JSON text or one row of texts, so no row travels to Node one by one and no annotation
// row travels at all. Claims are the workspace's: a claim's credences, evidence and crux marks count wherever they
// were given; targets and passage activity are this document's current version.
import { replicaDb } from '../db';
import { concatRatings, IdList, RatingColumnsBuilder, type ClaimInfo, type ClaimTarget, type Conditional, type CruxLinkInput, type CruxMark, type EvidenceRow, type PassageActivity, type RatingColumns, type Ratings, type Revision } from '../aggregation';
import { loadCruxLinks, revealedConditionals } from './crux-link-queries';
import { blindClaims } from './blind-queries';

export type FeedDocument = { id: string; workspaceId: string; currentVersionId: string; createdAt: Date; hasBlindDocuments: boolean };

/** A round of the document: round 1 (implicit, id null) starts at the document's creation. */
export type FeedRound = { id: string | null; number: number; startsAt: number };

export type Feed = {
  claims: ClaimInfo[];
  /**
   * The claims whose statement a moderator hid (every claim annotation hidden), each with its creator, who may
   * still read it as owners may (lib/context/hidden-statement.ts); the map masks them for everyone else.
   */
  statementHidden: ReadonlyMap<string, string>;
  /** every reviewer with a current credence on one of the claims, by id */
  reviewers: { id: string; name: string }[];
  /** the current credences of the claims (as columns when loaded: lib/aggregation/columns.ts) */
  ratings: Ratings;
  evidence: EvidenceRow[];
  cruxes: CruxMark[];
  /** the live crux links between the claims, with everyone's current conditionals */
  cruxLinks: CruxLinkInput[];
  /** per link whose C is blind and revealed: the conditionals as they stood at C's reveal moment */
  revealedConditionals: Map<string, Conditional[]>;
  targets: ClaimTarget[];
  passages: PassageActivity[];
  rounds: FeedRound[];
  /** blind claims and when their credences were last revealed (epoch ms; null: not yet) */
  blind: Map<string, number | null>;
  /**
   * With `steady`, every state an earlier round's end or a reveal needs (the current round's state is the current
   * credences): the revisions made before `horizon` (the last round start or reveal moment) of the current credences
   * that changed since the first such boundary — the history is read only for those.
   */
  revisions: Revision[];
  /**
   * The current credences with no revision since the first round start or reveal moment: their value at every
   * boundary is their current value (empty when there is no boundary).
   */
  steady: Ratings;
  horizon: number | null;
};

const json = <T>(rows: { data: string | null }[]): T => JSON.parse(rows[0]?.data ?? 'null') as T;

// Plans stay good without table statistics (the embedded database never runs ANALYZE on its own): the claim set is
// passed as an array, so each table is read through its (workspaceId, claimId) index, and passages are found by
// index look-ups per distinct annotation range rather than by comparing every annotation with every passage.

/**
 * Claims named (claimId, or a crux's forClaimId) by the document's live annotations, not deleted, by id, and of them
 * those a moderator hid (every claim annotation hidden: Claim.statementHidden) with their creator. The claim
 * rows are looked up per distinct id through the primary key (LATERAL … LIMIT 1 keeps that order of the join): a
 * semi-join left to the planner without statistics compared every claim of the workspace with every id.
 */
async function loadClaims(ws: string, doc: string): Promise<{ claims: ClaimInfo[]; statementHidden: Map<string, string> }> {
  const rows = await replicaDb.$queryRaw<{ data: string | null }[]>`
    SELECT coalesce(json_agg(json_build_array(c.id, c.statement, CASE WHEN c."statementHidden" THEN c."createdById" END) ORDER BY c.id), '[]')::text AS data
      FROM (SELECT DISTINCT v.id
              FROM "Annotation" a CROSS JOIN LATERAL (VALUES (a."claimId"), (a."forClaimId")) v(id)
             WHERE a."workspaceId" = ${ws} AND a."documentId" = ${doc} AND a."deletedAt" IS NULL AND v.id IS NOT NULL) named
      CROSS JOIN LATERAL (
        SELECT c.id, c.statement, c."statementHidden", c."createdById" FROM "Claim" c
         WHERE c.id = named.id AND c."workspaceId" = ${ws} AND c."deletedAt" IS NULL AND c."mergedIntoId" IS NULL
         LIMIT 1) c`;
  const claims: ClaimInfo[] = [];
  const statementHidden = new Map<string, string>();
  for (const [claimId, statement, hiddenBy] of json<[string, string, string | null][]>(rows)) {
    claims.push({ claimId, statement });
    if (hiddenBy !== null) statementHidden.set(claimId, hiddenBy);
  }
  return { claims, statementHidden };
}

/**
 * Large reads come as a few long texts, one per column, values joined by a unit separator (chr(31)):
 * string_agg costs PostgreSQL about half what json_agg does (no escaping), and reading them costs Node less than
 * JSON.parse. `n` is the row count; a column whose text holds another count of values (an id containing the
 * separator) makes the caller read the rows again as JSON.
 */
type Columns = { n: number; [column: string]: string | number | null };
const SEPARATOR = String.fromCharCode(31);

/**
 * Reads the `n` ids of a column text into `out` as positions given by `intern`; false when the text does not hold
 * exactly `n` of them. An id equal to the one before it (a claim's credences come together) is not sliced again.
 */
function readIds(text: unknown, n: number, intern: (id: string) => number, out: Int32Array): boolean {
  if (n === 0) return true;
  if (typeof text !== 'string') return false;
  let from = 0;
  let last = '';
  let lastAt = -1;
  for (let i = 0; i < n; i++) {
    let end = text.indexOf(SEPARATOR, from);
    if (end === -1) end = text.length;
    if (lastAt !== -1 && end - from === last.length && text.startsWith(last, from)) out[i] = lastAt;
    else out[i] = lastAt = intern((last = text.slice(from, end)));
    if (end === text.length && i < n - 1) return false;
    from = end + 1;
  }
  return from === text.length + 1;
}

/**
 * Current credences of the claims: the one large read (100 000 rows for a large document), as columns
 * (lib/aggregation/columns.ts) from three parallel texts sent by a filtered scan with no sort: claims and reviewers
 * joined by the separator, values as their 8 bytes each in base64 (float8send: exact, and no float-to-text
 * conversion in PostgreSQL or back in Node). Grouping by claim in SQL would send each claim id once, but it sorts
 * the rows where no statistics tell the planner better (PGlite: 70 ms more per half at bench scale).
 */
async function loadRatings(ws: string, ids: string[]): Promise<RatingColumns> {
  // Many claims: two halves side by side, so a server with several cores builds the text of each in parallel.
  if (ids.length > 1000) {
    const half = Math.ceil(ids.length / 2);
    return concatRatings(await Promise.all([loadRatings(ws, ids.slice(0, half)), loadRatings(ws, ids.slice(half))]));
  }
  const [row] = await replicaDb.$queryRaw<Columns[]>`
    SELECT count(*)::int AS n, string_agg(cr."claimId", chr(31)) AS claims, string_agg(cr."userId", chr(31)) AS users,
           encode(string_agg(float8send(cr.value), ''::bytea), 'base64') AS "values"
      FROM "Credence" cr
     WHERE cr."workspaceId" = ${ws} AND cr."claimId" = ANY(${ids}::text[]) AND cr."deletedAt" IS NULL`;
  const n = Number(row?.n ?? 0);
  const claimIds = new IdList();
  const reviewerIds = new IdList();
  const claim = new Int32Array(n);
  const reviewer = new Int32Array(n);
  // base64 (with PostgreSQL's line breaks, which Node skips): PGlite decodes a bytea's hex in JavaScript, 3–4 times slower
  const bytes = n === 0 ? new Uint8Array(0) : typeof row?.values === 'string' ? Buffer.from(row.values, 'base64') : null;
  if (
    !(bytes !== null && bytes.length === 8 * n) ||
    !readIds(row?.claims, n, (id) => claimIds.at(id), claim) ||
    !readIds(row?.users, n, (id) => reviewerIds.at(id), reviewer)
  ) {
    return loadRatingsAsJson(ws, ids);
  }
  const bigEndian = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) value[i] = bigEndian.getFloat64(8 * i);
  return { claimIds: claimIds.ids, reviewerIds: reviewerIds.ids, claim, reviewer, value };
}

/** The same credences as JSON: for ids that contain the separator. */
async function loadRatingsAsJson(ws: string, ids: string[]): Promise<RatingColumns> {
  const rows = await replicaDb.$queryRaw<{ data: string | null }[]>`
    SELECT json_build_array(
             coalesce(json_agg(cr."claimId"), '[]'), coalesce(json_agg(cr."userId"), '[]'), coalesce(json_agg(cr.value), '[]'))::text AS data
      FROM "Credence" cr
     WHERE cr."workspaceId" = ${ws} AND cr."claimId" = ANY(${ids}::text[]) AND cr."deletedAt" IS NULL`;
  const [claimIds, reviewerIds, values] = json<[string[], string[], number[]]>(rows);
  const builder = new RatingColumnsBuilder(claimIds.length);
  claimIds.forEach((claimId, i) => builder.add(claimId, reviewerIds[i] as string, values[i] as number));
  return builder.build();
}

/** The reviewers of the credences with their names, by id (read once the credences are in: at most a few hundred). */
async function loadReviewers(ratings: RatingColumns): Promise<Feed['reviewers']> {
  if (ratings.reviewerIds.length === 0) return [];
  const rows = await replicaDb.$queryRaw<{ data: string | null }[]>`
    SELECT coalesce(json_agg(json_build_array(u.id, u.name) ORDER BY u.id), '[]')::text AS data
      FROM "User" u WHERE u.id = ANY(${ratings.reviewerIds}::text[])`;
  return json<[string, string][]>(rows).map(([id, name]) => ({ id, name }));
}

/** Evidence annotations anywhere in the workspace, counted per (claim, stance, strength). */
async function loadEvidence(ws: string, ids: string[]): Promise<EvidenceRow[]> {
  const rows = await replicaDb.$queryRaw<{ data: string | null }[]>`
    SELECT coalesce(json_agg(json_build_array(e."claimId", e.stance, e.strength, e.n)), '[]')::text AS data FROM (
      SELECT a."claimId", a.stance, a.strength, count(*)::int AS n
        FROM "Annotation" a
       WHERE a."workspaceId" = ${ws} AND a."claimId" = ANY(${ids}::text[]) AND a.kind = 'evidence'
         AND a."deletedAt" IS NULL AND a.stance IS NOT NULL
       GROUP BY a."claimId", a.stance, a.strength) e`;
  // The tally only needs counts and strength sums: each (claim, stance, strength) row stands for n annotations.
  return json<[string, 'for' | 'against', number | null, number][]>(rows).flatMap(([claimId, stance, strength, n]) =>
    Array.from({ length: n }, () => ({ claimId, stance, strength })),
  );
}

/** Distinct (reviewer, crux K, claim C) of live crux annotations anywhere in the workspace whose K is on the document. */
async function loadCruxes(ws: string, ids: string[]): Promise<CruxMark[]> {
  const rows = await replicaDb.$queryRaw<{ data: string | null }[]>`
    SELECT coalesce(json_agg(json_build_array(m."authorId", m."claimId", m."forClaimId")), '[]')::text AS data FROM (
      SELECT DISTINCT a."authorId", a."claimId", a."forClaimId"
        FROM "Annotation" a
       WHERE a."workspaceId" = ${ws} AND a."claimId" = ANY(${ids}::text[]) AND a.kind = 'crux'
         AND a."deletedAt" IS NULL AND a."forClaimId" IS NOT NULL) m`;
  return json<[string, string, string][]>(rows).map(([reviewerId, cruxClaimId, forClaimId]) => ({ reviewerId, cruxClaimId, forClaimId }));
}

/**
 * The passages of the current version with their activity, and each claim's passages: the live annotations
 * anchored on the version, grouped by range; each range's first and last passage found through the
 * (versionId, start) index; per passage the annotations and distinct authors of the ranges over it; per claim
 * the passages its own text covers (its claim, probability and crux annotations; evidence sits on the evidence).
 */
async function loadPassageLayer(ws: string, doc: string, versionId: string, ids: string[]): Promise<{ targets: ClaimTarget[]; passages: PassageActivity[] }> {
  const rows = await replicaDb.$queryRaw<{ data: string | null }[]>`
    WITH ranges AS MATERIALIZED (
      SELECT a."anchoredStart" AS s, a."anchoredEnd" AS e,
             array_agg(a."authorId") AS authors,
             array_agg(DISTINCT a."claimId") FILTER (WHERE a.kind <> 'evidence' AND a."claimId" IS NOT NULL) AS claims
        FROM "Annotation" a
       WHERE a."workspaceId" = ${ws} AND a."documentId" = ${doc} AND a."deletedAt" IS NULL AND a."anchoredVersionId" = ${versionId}
       GROUP BY a."anchoredStart", a."anchoredEnd"
    ),
    spans AS MATERIALIZED (
      SELECT p.id, p.index, r.authors, r.claims
        FROM ranges r
        CROSS JOIN LATERAL (
          SELECT coalesce((SELECT q.index FROM "Passage" q WHERE q."workspaceId" = ${ws} AND q."versionId" = ${versionId} AND q.start <= r.s ORDER BY q.start DESC LIMIT 1), 0) AS lo,
                 (SELECT q.index FROM "Passage" q WHERE q."workspaceId" = ${ws} AND q."versionId" = ${versionId} AND q.start < r.e ORDER BY q.start DESC LIMIT 1) AS hi
        ) b
        JOIN "Passage" p ON p."workspaceId" = ${ws} AND p."versionId" = ${versionId} AND p.index BETWEEN b.lo AND b.hi AND p.start < r.e AND p."end" > r.s
    ),
    activity AS MATERIALIZED (
      SELECT x.id, count(*)::int AS n, count(DISTINCT x.author)::int AS r
        FROM (SELECT spans.id, unnest(spans.authors) AS author FROM spans) x GROUP BY x.id
    ),
    covered AS MATERIALIZED (
      SELECT DISTINCT x."claimId", x.id, x.index
        FROM (SELECT spans.id, spans.index, unnest(spans.claims) AS "claimId" FROM spans WHERE spans.claims IS NOT NULL) x
       WHERE x."claimId" = ANY(${ids}::text[])
    )
    SELECT json_build_array(
      (SELECT coalesce(json_agg(json_build_array(t."claimId", t.ids)), '[]')
         FROM (SELECT "claimId", json_agg(id ORDER BY index) AS ids FROM covered GROUP BY "claimId") t),
      (SELECT coalesce(json_agg(json_build_array(p.id, coalesce(a.n, 0), coalesce(a.r, 0)) ORDER BY p.index), '[]')
         FROM "Passage" p LEFT JOIN activity a ON a.id = p.id
        WHERE p."versionId" = ${versionId} AND p."workspaceId" = ${ws})
    )::text AS data`;
  const [targets, passages] = json<[[string, string[]][], [string, number, number][]]>(rows);
  return {
    targets: targets.map(([claimId, passageIds]) => ({ claimId, passageIds })),
    passages: passages.map(([passageId, annotations, reviewers]) => ({ passageId, annotations, reviewers })),
  };
}

async function loadRounds(ws: string, doc: string): Promise<{ id: string; number: number; startsAt: number }[]> {
  const rows = await replicaDb.$queryRaw<{ id: string; number: number; startsAt: number }[]>`
    SELECT id, number, (extract(epoch FROM "openedAt") * 1000)::float8 AS "startsAt"
      FROM "Round" WHERE "workspaceId" = ${ws} AND "documentId" = ${doc} ORDER BY number`;
  return rows.map((r) => ({ id: r.id, number: Number(r.number), startsAt: Number(r.startsAt) }));
}

/**
 * The history the earlier rounds and blind reveals need: which current-or-deleted credences of the claims have a
 * revision at or after `since` (the first boundary; the others' values at every boundary are their current ones),
 * and those credences' revisions made before `horizon` (the last boundary). Credences rarely change once a round
 * is open, so this reads a few rows where reading every revision read one per credence; each credence's revisions
 * come from the (workspaceId, claimId, createdAt) index.
 */
async function loadChangedHistory(ws: string, ids: string[], since: number, horizon: number): Promise<{ changed: [string, string][]; revisions: Revision[] }> {
  const rows = await replicaDb.$queryRaw<{ data: string | null }[]>`
    WITH changed AS MATERIALIZED (
      SELECT DISTINCT r."claimId", r."userId"
        FROM "CredenceRevision" r
       WHERE r."workspaceId" = ${ws} AND r."claimId" = ANY(${ids}::text[])
         AND r."createdAt" >= to_timestamp(${since}::float8 / 1000.0) AT TIME ZONE 'UTC'
    )
    SELECT json_build_array(
      (SELECT coalesce(json_agg(json_build_array(c."claimId", c."userId")), '[]') FROM changed c),
      (SELECT coalesce(json_agg(json_build_array(c."claimId", c."userId", h.value, h.at)), '[]')
         FROM changed c
         CROSS JOIN LATERAL (
           SELECT r.value, (extract(epoch FROM r."createdAt") * 1000)::float8 AS at
             FROM "CredenceRevision" r
            WHERE r."workspaceId" = ${ws} AND r."claimId" = c."claimId" AND r."userId" = c."userId"
              AND r."createdAt" < to_timestamp(${horizon}::float8 / 1000.0) AT TIME ZONE 'UTC') h)
    )::text AS data`;
  const [changed, history] = json<[[string, string][], [string, string, number, number][]]>(rows);
  return {
    changed,
    revisions: history.map(([claimId, reviewerId, value, createdAt]) => ({ claimId, reviewerId, value, createdAt })),
  };
}

/**
 * Loads the feed of a document (access is the caller's to check): the claims, then the rest side by side — the
 * revision history too, as soon as the rounds and blind reveals say how far back it is needed.
 */
export async function loadFeed(document: FeedDocument): Promise<Feed> {
  const { workspaceId: ws, id: doc, currentVersionId: versionId } = document;
  const { claims, statementHidden } = await loadClaims(ws, doc);
  const ids = claims.map((c) => c.claimId);
  const historyLoad = Promise.all([
    loadRounds(ws, doc),
    document.hasBlindDocuments ? blindClaims({ workspaceId: ws, claimIds: ids }) : new Map<string, number | null>(),
  ]).then(async ([stored, blind]) => {
    // The history is needed from the first round start or reveal to the last, whichever are earlier and later.
    const boundaries = [...stored.map((r) => r.startsAt), ...[...blind.values()].filter((at): at is number => at !== null)];
    const horizon = boundaries.length > 0 ? Math.max(...boundaries) : null;
    const history = horizon === null ? { changed: [], revisions: [] } : await loadChangedHistory(ws, ids, Math.min(...boundaries), horizon);
    return { stored, blind, horizon, ...history };
  });
  const [[ratings, reviewers], evidence, cruxes, cruxLinks, { targets, passages }, { stored, blind, horizon, changed, revisions: earlier }] = await Promise.all([
    loadRatings(ws, ids).then(async (rows) => [rows, await loadReviewers(rows)] as const),
    loadEvidence(ws, ids),
    loadCruxes(ws, ids),
    loadCruxLinks(ws, ids),
    loadPassageLayer(ws, doc, versionId, ids),
    historyLoad,
  ]);
  const rounds: FeedRound[] = [{ id: null, number: 1, startsAt: document.createdAt.getTime() }, ...stored];
  // Split the current credences into those that changed since the first boundary (their history is read) and the
  // steady rest; a deleted credence's history is dropped (credences are unique per claim and reviewer).
  let revisions = earlier;
  let steady: Ratings = horizon === null ? [] : ratings;
  if (changed.length > 0) {
    // (claim, reviewer) as one number from their positions in the columns: c · R + r
    const R = ratings.reviewerIds.length;
    const claimAt = new Map(ratings.claimIds.map((id, i) => [id, i]));
    const reviewerAt = new Map(ratings.reviewerIds.map((id, i) => [id, i]));
    const cell = (claimId: string, reviewerId: string): number => {
      const c = claimAt.get(claimId);
      const r = reviewerAt.get(reviewerId);
      return c === undefined || r === undefined ? -1 : c * R + r;
    };
    const moved = new Set(changed.map(([claimId, reviewerId]) => cell(claimId, reviewerId)));
    const current = new Set<number>();
    const still = new RatingColumnsBuilder(ratings.value.length);
    for (let i = 0; i < ratings.value.length; i++) {
      const c = ratings.claim[i] as number;
      const r = ratings.reviewer[i] as number;
      const k = c * R + r;
      if (moved.has(k)) current.add(k);
      else still.add(ratings.claimIds[c] as string, ratings.reviewerIds[r] as string, ratings.value[i] as number);
    }
    steady = still.build();
    revisions = revisions.filter((r) => {
      const k = cell(r.claimId, r.reviewerId);
      return k !== -1 && current.has(k);
    });
  }
  const moments = new Map<string, number>();
  for (const link of cruxLinks) {
    const at = blind.get(link.forClaimId);
    if (at !== undefined && at !== null) moments.set(link.id, at);
  }
  const revealed = await revealedConditionals(ws, moments);
  return { claims, statementHidden, reviewers, ratings, evidence, cruxes, cruxLinks, revealedConditionals: revealed, targets, passages, rounds, blind, revisions, steady, horizon };
}
