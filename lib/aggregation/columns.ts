// Ratings as parallel columns: each rating's claim and reviewer as a position in a list of distinct ids, its value in
// a Float64Array. A large map's 100 000 credences then cost three typed arrays and a few hundred strings instead of
// 100 000 objects kept alive in the feed cache (the garbage collector walked them on every cold view), and the
// rating table (table.ts) is built from positions without hashing an id per rating. Every function that reads
// ratings takes either form (`Ratings`); a caller that needs objects asks `ratingsOf`.
import type { Rating } from './types';

export type RatingColumns = {
  /** the distinct claim ids, in order of first appearance; each has at least one rating */
  readonly claimIds: readonly string[];
  /** the distinct reviewer ids, in order of first appearance; each has at least one rating */
  readonly reviewerIds: readonly string[];
  /** per rating: the position of its claim in claimIds */
  readonly claim: Int32Array;
  /** per rating: the position of its reviewer in reviewerIds */
  readonly reviewer: Int32Array;
  /** per rating: its credence */
  readonly value: Float64Array;
};

/** Ratings either way: objects, or columns. */
export type Ratings = readonly Rating[] | RatingColumns;

const isObjects = (ratings: Ratings): ratings is readonly Rating[] => Array.isArray(ratings);

/** How many ratings. */
export function ratingCount(ratings: Ratings): number {
  return isObjects(ratings) ? ratings.length : ratings.value.length;
}

/** Distinct ids in order of first sight, each with its position in `ids`. */
export class IdList {
  private readonly index = new Map<string, number>();
  readonly ids: string[] = [];

  /** The position of `id`, added on first sight. */
  at(id: string): number {
    let at = this.index.get(id);
    if (at === undefined) {
      this.index.set(id, (at = this.ids.length));
      this.ids.push(id);
    }
    return at;
  }
}

/** A typed array of `size` elements starting with those of `from`. */
function longer<A extends Int32Array | Float64Array>(from: A, size: number): A {
  const to = new (from.constructor as new (length: number) => A)(size);
  to.set(from);
  return to;
}

/** Columns built one rating at a time; ids are interned as they come. */
export class RatingColumnsBuilder {
  private readonly claims = new IdList();
  private readonly reviewers = new IdList();
  private claim: Int32Array;
  private reviewer: Int32Array;
  private value: Float64Array;
  private n = 0;

  constructor(capacity = 16) {
    const size = Math.max(1, capacity);
    this.claim = new Int32Array(size);
    this.reviewer = new Int32Array(size);
    this.value = new Float64Array(size);
  }

  private push(claim: number, reviewer: number, value: number): void {
    if (this.n === this.value.length) {
      const size = 2 * this.n;
      this.claim = longer(this.claim, size);
      this.reviewer = longer(this.reviewer, size);
      this.value = longer(this.value, size);
    }
    this.claim[this.n] = claim;
    this.reviewer[this.n] = reviewer;
    this.value[this.n] = value;
    this.n++;
  }

  add(claimId: string, reviewerId: string, value: number): void {
    this.push(this.claims.at(claimId), this.reviewers.at(reviewerId), value);
  }

  /** Every rating of `ratings`, in order; `keep` (by claim id, asked once per claim) chooses some. */
  addAll(ratings: Ratings, keep?: (claimId: string) => boolean): void {
    if (isObjects(ratings)) {
      for (const r of ratings) if (!keep || keep(r.claimId)) this.add(r.claimId, r.reviewerId, r.value);
      return;
    }
    // positions in `ratings` → positions here (-1: not kept; -2: not seen yet)
    const claims = new Int32Array(ratings.claimIds.length).fill(-2);
    const reviewers = new Int32Array(ratings.reviewerIds.length).fill(-2);
    for (let i = 0; i < ratings.value.length; i++) {
      const c = ratings.claim[i] as number;
      let at = claims[c] as number;
      if (at === -2) {
        const id = ratings.claimIds[c] as string;
        claims[c] = at = !keep || keep(id) ? this.claims.at(id) : -1;
      }
      if (at === -1) continue;
      const r = ratings.reviewer[i] as number;
      let by = reviewers[r] as number;
      if (by === -2) reviewers[r] = by = this.reviewers.at(ratings.reviewerIds[r] as string);
      this.push(at, by, ratings.value[i] as number);
    }
  }

  build(): RatingColumns {
    const n = this.n;
    return {
      claimIds: this.claims.ids,
      reviewerIds: this.reviewers.ids,
      claim: this.claim.slice(0, n),
      reviewer: this.reviewer.slice(0, n),
      value: this.value.slice(0, n),
    };
  }
}

/** The ratings as columns (the same object when they are columns already). */
export function ratingColumns(ratings: Ratings): RatingColumns {
  if (!isObjects(ratings)) return ratings;
  const builder = new RatingColumnsBuilder(ratings.length);
  builder.addAll(ratings);
  return builder.build();
}

/** Some ratings, in order, and the rest after them (as columns): `keep` is asked once per claim id. */
export function concatRatings(parts: readonly Ratings[], keep?: (claimId: string) => boolean): RatingColumns {
  const builder = new RatingColumnsBuilder(parts.reduce((sum, part) => sum + ratingCount(part), 0));
  for (const part of parts) builder.addAll(part, keep);
  return builder.build();
}

/**
 * The ratings as objects, in order (the same array when they are objects already and all are kept); `keep` (by
 * claim id, asked once per claim of columns) chooses some.
 */
export function ratingsOf(ratings: Ratings, keep?: (claimId: string) => boolean): readonly Rating[] {
  if (isObjects(ratings)) return keep ? ratings.filter((r) => keep(r.claimId)) : ratings;
  const kept = keep ? ratings.claimIds.map(keep) : null;
  const out: Rating[] = [];
  for (let i = 0; i < ratings.value.length; i++) {
    const c = ratings.claim[i] as number;
    if (kept && !kept[c]) continue;
    out.push({ claimId: ratings.claimIds[c] as string, reviewerId: ratings.reviewerIds[ratings.reviewer[i] as number] as string, value: ratings.value[i] as number });
  }
  return out;
}

/** The distinct reviewers of some ratings, in order of first appearance. */
export function ratingReviewers(ratings: Ratings): readonly string[] {
  if (!isObjects(ratings)) return ratings.reviewerIds;
  return [...new Set(ratings.map((r) => r.reviewerId))];
}
