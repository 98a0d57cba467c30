// Rounds: each claim's spread, aggregate and panel size as they stood at the end of every round of a review,
// from the credence revision history — what shows whether a group converged.
import { compareIds, logit, mean, populationStd, sigmoid } from './math';
import { assertProbabilities, assertProbability } from './table';
import { ratingColumns, type Ratings } from './columns';
import type { Revision, Round, RoundClaimStats, RoundSpread } from './types';

/** Milliseconds since the epoch; NaN for an invalid Date. */
function millis(instant: Date | number): number {
  return typeof instant === 'number' ? instant : instant.getTime();
}

/**
 * Per round (chronological; a round runs from its start to the next round's start, the last one without end),
 * each claim's state at the round's end: every reviewer's latest revision made before that end — including
 * revisions from before the round or the first round began — and its n, spread (population standard deviation
 * of ℓ) and aggregate (sigmoid of mean ℓ), as in claimStats. A revision exactly at a round's start belongs to
 * that round. Revisions at the same instant: the later in the array wins. Claims nobody had rated by a round's
 * end are left out of that round. The caller passes revisions of current (not deleted) credences only.
 * `steady`: credences whose every revision came before the first round's end, given by their current value alone
 * instead of their history (the state every round starts from; none of their revisions may be in `revisions`).
 */
export function roundSpreads(revisions: readonly Revision[], rounds: readonly Round[], steady: Ratings = []): RoundSpread[] {
  // Intern ids, so the state at any moment is a dense claims × reviewers matrix of ℓ: the steady credences' ids first.
  const steadyColumns = ratingColumns(steady);
  const claimIndex = new Map<string, number>(steadyColumns.claimIds.map((id, i) => [id, i]));
  const reviewerIndex = new Map<string, number>(steadyColumns.reviewerIds.map((id, i) => [id, i]));
  assertProbabilities(steadyColumns);
  const { claim: steadyClaim, reviewer: steadyReviewer, value: steadyValue } = steadyColumns;
  const n = revisions.length;
  const claimOf = new Int32Array(n);
  const reviewerOf = new Int32Array(n);
  const logits = new Float64Array(n);
  const times = new Float64Array(n);
  let isSorted = true;
  for (let i = 0; i < n; i++) {
    const revision = revisions[i] as Revision;
    assertProbability(revision);
    let c = claimIndex.get(revision.claimId);
    if (c === undefined) claimIndex.set(revision.claimId, (c = claimIndex.size));
    let r = reviewerIndex.get(revision.reviewerId);
    if (r === undefined) reviewerIndex.set(revision.reviewerId, (r = reviewerIndex.size));
    claimOf[i] = c;
    reviewerOf[i] = r;
    logits[i] = logit(revision.value);
    const time = millis(revision.createdAt);
    if (!Number.isFinite(time)) throw new RangeError(`revision of claim ${revision.claimId}: ${String(revision.createdAt)} is not a valid time`);
    times[i] = time;
    if (i > 0 && time < (times[i - 1] as number)) isSorted = false;
  }
  // Revisions usually arrive in time order; otherwise a stable sort by time keeps array order among equal times.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  if (!isSorted) order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);

  const starts = rounds
    .map((round) => {
      const start = millis(round.startsAt);
      if (!Number.isFinite(start)) throw new RangeError(`round ${round.id}: ${String(round.startsAt)} is not a valid time`);
      return { id: round.id, start };
    })
    .sort((a, b) => a.start - b.start || compareIds(a.id, b.id));
  const claimIds = [...claimIndex.keys()];
  const byId = claimIds.map((_, c) => c).sort((a, b) => compareIds(claimIds[a] as string, claimIds[b] as string));
  const R = reviewerIndex.size;
  const state = new Float64Array(claimIds.length * R).fill(Number.NaN);
  for (let i = 0; i < steadyValue.length; i++) state[(steadyClaim[i] as number) * R + (steadyReviewer[i] as number)] = logit(steadyValue[i] as number);
  const values: number[] = [];
  let next = 0;
  return starts.map((round, i) => {
    const end = starts[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    for (; next < n && (times[order[next] as number] as number) < end; next++) {
      const at = order[next] as number;
      state[(claimOf[at] as number) * R + (reviewerOf[at] as number)] = logits[at] as number;
    }
    const claims: RoundClaimStats[] = [];
    for (const c of byId) {
      values.length = 0;
      for (let r = 0, cell = c * R; r < R; r++, cell++) if (!Number.isNaN(state[cell])) values.push(state[cell] as number);
      if (values.length === 0) continue;
      claims.push({ claimId: claimIds[c] as string, n: values.length, aggregate: sigmoid(mean(values)), spread: populationStd(values) });
    }
    return {
      roundId: round.id,
      startsAt: new Date(round.start).toISOString(),
      endsAt: Number.isFinite(end) ? new Date(end).toISOString() : null,
      claims,
    };
  });
}
