// Current ratings as an indexed table: claims and reviewers sorted by id, one column per claim, and a dense ℓ
// matrix for O(1) look-ups. Every analysis starts here, so input order never changes a result.
import { compareIds, logit } from './math';
import { ratingColumns, type RatingColumns, type Ratings } from './columns';

export type ClaimColumn = {
  /** reviewer indices of this claim's raters, ascending */
  raters: number[];
  /** their credences as given (unclipped) */
  p: number[];
  /** their clipped log-odds */
  logit: number[];
};

export type RatingTable = {
  claimIds: string[];
  reviewerIds: string[];
  claimIndex: Map<string, number>;
  reviewerIndex: Map<string, number>;
  columns: ClaimColumn[];
  /** claim-major claims × reviewers ℓ matrix; NaN where the reviewer has not rated the claim */
  logits: Float64Array;
};

/**
 * What the analyses of ℓ alone read of a table (reviewer pairs, alpha, implicit cruxes): a RatingTable is one, and
 * so is tableFromLogits's rebuild of one from its ℓ matrix (no credences as given, no id look-ups).
 */
export type LogitTable = Pick<RatingTable, 'claimIds' | 'reviewerIds' | 'logits'> & { columns: Pick<ClaimColumn, 'raters' | 'logit'>[] };

/**
 * A LogitTable from a table's ids and ℓ matrix (claim-major, NaN where not rated): each column's raters ascending
 * with their ℓ, as tabulate builds them, so every analysis of ℓ gives the same numbers on either.
 */
export function tableFromLogits(claimIds: string[], reviewerIds: string[], logits: Float64Array): LogitTable {
  const R = reviewerIds.length;
  if (logits.length !== claimIds.length * R) throw new RangeError(`an ℓ matrix of ${claimIds.length} × ${R} has ${claimIds.length * R} cells, not ${logits.length}`);
  const columns: LogitTable['columns'] = [];
  for (let c = 0; c < claimIds.length; c++) {
    const column: LogitTable['columns'][number] = { raters: [], logit: [] };
    for (let r = 0, cell = c * R; r < R; r++, cell++) {
      const l = logits[cell] as number;
      if (l !== l) continue; // NaN: not rated
      column.raters.push(r);
      column.logit.push(l);
    }
    columns.push(column);
  }
  return { claimIds, reviewerIds, logits, columns };
}

/** Throws a RangeError unless a rating's value is a probability (a number in [0, 1]). */
export function assertProbability(row: { claimId: string; reviewerId: string; value: number }): void {
  if (!(row.value >= 0 && row.value <= 1)) {
    throw new RangeError(`claim ${row.claimId}, reviewer ${row.reviewerId}: credence ${row.value} is not in [0, 1]`);
  }
}

/** assertProbability for every rating of some columns. */
export function assertProbabilities(columns: RatingColumns): void {
  for (let i = 0; i < columns.value.length; i++) {
    const value = columns.value[i] as number;
    if (value >= 0 && value <= 1) continue;
    assertProbability({ claimId: columns.claimIds[columns.claim[i] as number] as string, reviewerId: columns.reviewerIds[columns.reviewer[i] as number] as string, value });
  }
}

/** Ids sorted, their sorted positions, and `renumber`: position in `ids` (distinct) → sorted index. */
function sortedIndex(ids: readonly string[]): { ids: string[]; index: Map<string, number>; renumber: Int32Array } {
  const order = ids.map((_, i) => i).sort((a, b) => compareIds(ids[a] as string, ids[b] as string));
  const sorted = new Array<string>(ids.length);
  const index = new Map<string, number>();
  const renumber = new Int32Array(ids.length);
  order.forEach((at, i) => {
    const id = ids[at] as string;
    sorted[i] = id;
    index.set(id, i);
    renumber[at] = i;
  });
  return { ids: sorted, index, renumber };
}

/**
 * Indexes ratings (objects or columns: columns.ts). A (claim, reviewer) pair given twice keeps its last value, as
 * "latest revision wins". Throws a RangeError for a value outside [0, 1] (or NaN).
 */
export function tabulate(ratings: Ratings): RatingTable {
  const given = ratingColumns(ratings);
  assertProbabilities(given);
  const { claim: claimOf, reviewer: reviewerOf, value } = given;
  // the columns' ids are distinct, in order of appearance; sorting them renumbers the positions
  const claims = sortedIndex(given.claimIds);
  const reviewers = sortedIndex(given.reviewerIds);
  const R = reviewers.ids.length;
  const values = new Float64Array(claims.ids.length * R).fill(Number.NaN);
  for (let i = 0; i < value.length; i++) {
    const cell = (claims.renumber[claimOf[i] as number] as number) * R + (reviewers.renumber[reviewerOf[i] as number] as number);
    values[cell] = value[i] as number;
  }
  const logits = new Float64Array(values.length).fill(Number.NaN);
  const columns: ClaimColumn[] = [];
  for (let c = 0; c < claims.ids.length; c++) {
    const column: ClaimColumn = { raters: [], p: [], logit: [] };
    for (let r = 0, cell = c * R; r < R; r++, cell++) {
      const p = values[cell] as number;
      if (p !== p) continue; // NaN: not rated
      const l = logit(p);
      logits[cell] = l;
      column.raters.push(r);
      column.p.push(p);
      column.logit.push(l);
    }
    columns.push(column);
  }
  return { claimIds: claims.ids, reviewerIds: reviewers.ids, claimIndex: claims.index, reviewerIndex: reviewers.index, columns, logits };
}
