// The whole disagreement map of a document in one JSON-ready object: the shape the map endpoint returns.
import { krippendorffAlphaOf } from './alpha';
import { claimStatsOf, emptyClaimStats } from './claims';
import { bridgedCredencesOf } from './bridging';
import { cruxLinkNumbers, type CredenceSource } from './conditionals';
import { doubleCruxesOf, implicitCruxesOf } from './cruxes';
import { opinionGroupsOf } from './groups';
import { reviewerPairRanking } from './pairs';
import { passageHeat } from './passages';
import { roundSpreads } from './rounds';
import { compareIds } from './math';
import { tabulate, type LogitTable, type RatingTable } from './table';
import type { Ratings } from './columns';
import type {
  ClaimInfo,
  ClaimTarget,
  CruxLinkInput,
  CruxMark,
  DisagreementMap,
  EvidenceRow,
  MapClaim,
  PassageActivity,
  Revision,
  Round,
} from './types';

export type DisagreementMapInput = {
  /** current credences, as objects or columns (columns.ts) */
  ratings: Ratings;
  evidence: readonly EvidenceRow[];
  cruxes: readonly CruxMark[];
  targets: readonly ClaimTarget[];
  passages: readonly PassageActivity[];
  /** statements by claim; a statement on a target is used when a claim is not listed here */
  claims?: readonly ClaimInfo[];
  revisions?: readonly Revision[];
  rounds?: readonly Round[];
  /** crux links with everyone's conditionals (the caller filters them for blind review) */
  cruxLinks?: readonly CruxLinkInput[];
};

/** Own credences from the table (binary search in the claim's raters), aggregates from the claim statistics. */
function tableSource(table: RatingTable, aggregates: ReadonlyMap<string, { aggregate: number | null }>): CredenceSource {
  return {
    own(claimId, reviewerId) {
      const c = table.claimIndex.get(claimId);
      const r = table.reviewerIndex.get(reviewerId);
      if (c === undefined || r === undefined) return undefined;
      const { raters, p } = table.columns[c]!;
      let lo = 0;
      let hi = raters.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const at = raters[mid] as number;
        if (at === r) return p[mid];
        if (at < r) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
    aggregate: (claimId) => aggregates.get(claimId)?.aggregate,
  };
}

export type DisagreementMapOptions = { seed?: number; implicitCruxLimit?: number };

/**
 * The parts of the map that read nothing but the rating table's ℓ (reviewer pairs, alpha, implicit cruxes): about
 * half its statistics, which a caller may compute beside the rest (lib/disagreement/table-worker.ts runs them on a
 * second thread from the table's ℓ matrix alone: tableFromLogits).
 */
export type TableParts = Pick<DisagreementMap, 'pairRanking' | 'alpha' | 'implicitCruxes'>;

export function tableParts(table: LogitTable, options: Pick<DisagreementMapOptions, 'implicitCruxLimit'> = {}): TableParts {
  return {
    pairRanking: reviewerPairRanking(table),
    alpha: krippendorffAlphaOf(table),
    implicitCruxes: implicitCruxesOf(table, { limit: options.implicitCruxLimit }),
  };
}

/**
 * Everything at once, computed from one indexed table. `claims` lists every claim that is named anywhere (claims,
 * targets, ratings, evidence, crux marks), most disagreement first (claims nobody rated, whose statistics are
 * null, last), ties by id; passageIds are the union of its targets' passages in first-seen order and statement
 * is null when no statement was given. `rounds` is empty unless both revisions and rounds are given.
 */
export function disagreementMap(input: DisagreementMapInput, options: DisagreementMapOptions = {}): DisagreementMap {
  const table = tabulate(input.ratings);
  return withParts(rest(input, options, table), tableParts(table, options));
}

/**
 * The same map, with the table parts computed by `beside` (from the table, once built) while this thread computes
 * the rest; computed here instead when `beside` answers null (it cannot take the work now) or fails.
 */
export async function disagreementMapBeside(
  input: DisagreementMapInput,
  options: DisagreementMapOptions,
  beside: (table: RatingTable) => Promise<TableParts> | null,
): Promise<DisagreementMap> {
  const table = tabulate(input.ratings);
  const pending = beside(table)?.catch(() => null) ?? null;
  const map = rest(input, options, table);
  return withParts(map, (await pending) ?? tableParts(table, options));
}

/** The whole map, its fields in the answer's order. */
function withParts(map: Omit<DisagreementMap, keyof TableParts>, parts: TableParts): DisagreementMap {
  const { claims, passages, groups, consensus, doubleCruxes, rounds, cruxLinks } = map;
  return { claims, passages, pairRanking: parts.pairRanking, alpha: parts.alpha, groups, consensus, doubleCruxes, implicitCruxes: parts.implicitCruxes, rounds, cruxLinks };
}

/** Everything but the table parts, from the table. */
function rest(input: DisagreementMapInput, options: DisagreementMapOptions, table: RatingTable): Omit<DisagreementMap, keyof TableParts> {
  const stats = claimStatsOf(table, input.evidence, input.cruxes);
  const statements = new Map<string, string>();
  const passageIds = new Map<string, string[]>();
  for (const target of input.targets) {
    if (target.statement !== undefined && !statements.has(target.claimId)) statements.set(target.claimId, target.statement);
    const ids = passageIds.get(target.claimId) ?? [];
    for (const id of target.passageIds) if (!ids.includes(id)) ids.push(id);
    passageIds.set(target.claimId, ids);
  }
  for (const claim of input.claims ?? []) statements.set(claim.claimId, claim.statement);
  for (const id of [...statements.keys(), ...passageIds.keys()]) {
    if (!stats.has(id)) stats.set(id, emptyClaimStats(id));
  }
  const groups = opinionGroupsOf(table, { seed: options.seed });
  const bridged = new Map(bridgedCredencesOf(table, { groups: groups.groups }).claims.map((c) => [c.claimId, c]));
  const claims: MapClaim[] = [...stats.values()]
    .map((s) => ({
      claimId: s.claimId,
      statement: statements.get(s.claimId) ?? null,
      n: s.n,
      aggregate: s.aggregate,
      median: s.median,
      q1: s.q1,
      q3: s.q3,
      spread: s.spread,
      split: s.split,
      bimodality: s.bimodality,
      disagreement: s.disagreement,
      evidence: s.evidence,
      cruxCount: s.cruxCount,
      passageIds: passageIds.get(s.claimId) ?? [],
      bridged: bridged.get(s.claimId)?.bridged ?? null,
      viewpoint: bridged.get(s.claimId)?.viewpoint ?? null,
      splitsByViewpoint: bridged.get(s.claimId)?.splitsByViewpoint ?? false,
    }))
    .sort((a, b) => (b.disagreement ?? -1) - (a.disagreement ?? -1) || compareIds(a.claimId, b.claimId));
  const links = cruxLinkNumbers(input.cruxLinks ?? [], tableSource(table, stats));
  return {
    claims,
    passages: passageHeat(input.passages, input.targets, stats),
    groups: groups.groups,
    consensus: groups.consensus,
    doubleCruxes: [...doubleCruxesOf(table, input.cruxes), ...links.doubleCruxes],
    rounds: input.revisions && input.rounds ? roundSpreads(input.revisions, input.rounds) : [],
    cruxLinks: links.stats,
  };
}
