// For the map's unit tests: a claim as the map answer lists it, neutral unless `fields` say otherwise.
import type { MapClaimView } from './types';

export function mapClaim(id: string, fields: Partial<MapClaimView> = {}): MapClaimView {
  return {
    claimId: id,
    statement: id,
    n: 3,
    aggregate: 0.5,
    median: 0.5,
    q1: 0.4,
    q3: 0.6,
    spread: 1,
    split: 0,
    bimodality: null,
    disagreement: 0.5,
    evidence: { for: 0, against: 0, forStrength: 0, againstStrength: 0 },
    cruxCount: 0,
    passageIds: [],
    bridged: null,
    viewpoint: null,
    splitsByViewpoint: false,
    hidden: false,
    ...fields,
  };
}
