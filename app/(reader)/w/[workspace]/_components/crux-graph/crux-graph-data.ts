// The crux graph as the views draw it: the shape of GET …/crux-graph (one node per claim with ratings or crux links,
// one edge per crux link from K to C), built from a document's map answer too, and the pure rules of the drawing —
// colour by disagreement level, size by ratings, the bridged mark, edge width by expected shift, a focus's
// neighbourhood. Client-safe.
import type { DisagreementMapResponse } from '@/lib/disagreement/types';
import { disagreementLevel, type DisagreementLevel } from '@/lib/disagreement/wording';

import type { CruxGraph, CruxGraphEdge, CruxGraphNode } from '@/lib/cruxes/schemas';

export type { CruxGraph, CruxGraphEdge, CruxGraphNode };

/**
 * A node is marked when its bridged credence and its aggregate differ by more than 10 percentage points: the
 * aggregate then owes that much to the main axis of disagreement (one camp's weight), not to what is shared.
 */
export const BRIDGED_MARK_GAP = 0.1;

/** The document map's claims and crux links as the crux graph (the same rules as the crux-graph endpoint). */
export function graphFromMap(map: Pick<DisagreementMapResponse, 'claims' | 'cruxLinks'>): CruxGraph {
  const links = map.cruxLinks ?? [];
  const linked = new Set(links.flatMap((l) => [l.cruxClaimId, l.forClaimId]));
  const nodes = map.claims
    .filter((c) => c.n > 0 || linked.has(c.claimId))
    .map((c) => ({
      claimId: c.claimId,
      statement: c.statement ?? '',
      n: c.n,
      aggregate: c.aggregate,
      bridged: c.bridged ?? null,
      disagreement: c.disagreement,
      evidence: { for: c.evidence.for, against: c.evidence.against },
    }));
  const present = new Set(nodes.map((n) => n.claimId));
  const edges = links
    .filter((l) => present.has(l.cruxClaimId) && present.has(l.forClaimId))
    .map((l) => ({ from: l.cruxClaimId, to: l.forClaimId, direction: l.direction, n: l.n, expectedShift: l.expectedShift }));
  return { nodes, edges };
}

export type NodeLevel = DisagreementLevel | 'unrated';

export const nodeLevel = (node: Pick<CruxGraphNode, 'n' | 'disagreement'>): NodeLevel =>
  node.n === 0 || node.disagreement === null ? 'unrated' : disagreementLevel(node.disagreement);

/** Fill per disagreement level: a light-to-dark warm scale, each with a word in the legend and the table. */
export const LEVEL_COLOURS: Record<NodeLevel, string> = {
  unrated: '#ffffff',
  none: '#e7e5e4',
  mild: '#fcd34d',
  moderate: '#fb923c',
  strong: '#dc2626',
};
export const LEVEL_WORDS: Record<NodeLevel, string> = {
  unrated: 'not rated',
  none: 'no disagreement',
  mild: 'mild',
  moderate: 'moderate',
  strong: 'strong',
};

/** Diameter in pixels: 28 for an unrated claim, growing with the square root of the ratings, at most 84. */
export const nodeSize = (n: number): number => Math.min(84, 28 + 8 * Math.sqrt(Math.max(0, n)));

/** Whether bridged and aggregate differ by more than BRIDGED_MARK_GAP (never when either is missing). */
export const isBridgedApart = (node: Pick<CruxGraphNode, 'aggregate' | 'bridged'>): boolean =>
  node.aggregate !== null && node.bridged !== null && Math.abs(node.bridged - node.aggregate) > BRIDGED_MARK_GAP;

/** Edge width in pixels: 1.5 with no conditionals, else 2 + 24 × expected shift (its maximum, 0.5, gives 14). */
export const edgeWidth = (expectedShift: number | null): number => (expectedShift === null ? 1.5 : 2 + 24 * expectedShift);

export const DIRECTION_COLOURS = { more: '#047857', less: '#be123c', none: '#78716c' } as const;
export const directionColour = (direction: CruxGraphEdge['direction']): string => DIRECTION_COLOURS[direction ?? 'none'];

/** The focused claim, the claims it hinges on and those that hinge on it, and the links among them. */
export function neighbourhood(graph: CruxGraph, focus: string | null): CruxGraph {
  if (focus === null || !graph.nodes.some((n) => n.claimId === focus)) return graph;
  const keep = new Set([focus]);
  for (const e of graph.edges) {
    if (e.from === focus) keep.add(e.to);
    if (e.to === focus) keep.add(e.from);
  }
  return {
    nodes: graph.nodes.filter((n) => keep.has(n.claimId)),
    edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
  };
}

/** The rows of the table beside the picture: each claim, then what it hinges on and what hinges on it; claims in
 *  crux links first, then by disagreement. */
export function graphRows(graph: CruxGraph) {
  const statements = new Map(graph.nodes.map((n) => [n.claimId, n.statement]));
  return graph.nodes
    .map((node) => ({
      node,
      level: nodeLevel(node),
      bridgedApart: isBridgedApart(node),
      hingesOn: graph.edges.filter((e) => e.to === node.claimId).map((e) => ({ edge: e, claimId: e.from, statement: statements.get(e.from) ?? '' })),
      hingedOnBy: graph.edges.filter((e) => e.from === node.claimId).map((e) => ({ edge: e, claimId: e.to, statement: statements.get(e.to) ?? '' })),
    }))
    .sort(
      (a, b) =>
        b.hingesOn.length + b.hingedOnBy.length - (a.hingesOn.length + a.hingedOnBy.length) ||
        (b.node.disagreement ?? -1) - (a.node.disagreement ?? -1) ||
        b.node.n - a.node.n,
    );
}
