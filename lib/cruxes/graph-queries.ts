// The crux graph (GET …/documents/:doc/crux-graph and …/workspaces/:ws/crux-graph): claims as nodes, crux links
// as edges from K to C, built from the disagreement maps (cached) and the live links, as the viewer may see them.
import type { CruxLinkStats } from '../aggregation';
import type { WorkspaceContext } from '../context/context';
import { db } from '../db';
import { liveCruxLinkRows } from '../disagreement/crux-link-queries';
import { getDisagreementMapGraphParts, type MapGraphParts } from '../disagreement/queries';
import { WORKSPACE_MAP_DOCUMENTS } from '../disagreement/workspace-queries';
import { listCruxLinks } from './queries';
import type { CruxGraph, CruxGraphEdge, CruxGraphNode } from './schemas';

function nodeOf(claim: MapGraphParts['claims'][number]): CruxGraphNode {
  return {
    claimId: claim.claimId,
    statement: claim.statement ?? '',
    n: claim.n,
    aggregate: claim.aggregate,
    bridged: claim.bridged,
    disagreement: claim.disagreement,
    evidence: { for: claim.evidence.for, against: claim.evidence.against },
  };
}

const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Nodes (claims with ratings or links) and edges (K → C), nodes by id, edges by largest expected shift. */
function graphOf(claims: Iterable<CruxGraphNode>, edges: CruxGraphEdge[]): CruxGraph {
  const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
  const nodes = [...claims].filter((c) => c.n > 0 || linked.has(c.claimId)).sort((a, b) => byId(a.claimId, b.claimId));
  const present = new Set(nodes.map((n) => n.claimId));
  return { nodes, edges: edges.filter((e) => present.has(e.from) && present.has(e.to)) };
}

const edgeOf = (l: Pick<CruxLinkStats, 'cruxClaimId' | 'forClaimId' | 'direction' | 'n' | 'expectedShift'>): CruxGraphEdge => ({
  from: l.cruxClaimId,
  to: l.forClaimId,
  direction: l.direction,
  n: l.n,
  expectedShift: l.expectedShift,
});

/**
 * GET …/documents/:doc/crux-graph and …/workspaces/:ws/crux-graph: one node per claim with ratings or crux links,
 * one edge per live crux link from K to C, as the viewer may see them under blind review. A document's graph is
 * its disagreement map's claims and links (cached with the map); the workspace's is its documents' maps' claims
 * (as the workspace map rolls them up: each claim from the document where most rated it) with every live link
 * of the workspace between them, including links marked on one document between claims of another. A link
 * between two claims of one document has the numbers of that document's map (the same credences and
 * conditionals, as GET …/crux-links computes them); only the others are computed here, all in one go.
 */
export async function getCruxGraph({ ctx, document }: { ctx: WorkspaceContext; document?: string }): Promise<CruxGraph> {
  if (document !== undefined) {
    const map = await getDisagreementMapGraphParts({ ctx, document });
    return graphOf(map.claims.map(nodeOf), map.cruxLinks.map(edgeOf));
  }
  const workspaceId = ctx.workspace.id;
  // the live links are read while the maps are computed (no unhandled rejection should a map fail first)
  const liveLoad = liveCruxLinkRows(workspaceId, null);
  liveLoad.catch(() => undefined);
  const documents = await db.document.findMany({
    where: { workspaceId, archivedAt: null },
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take: WORKSPACE_MAP_DOCUMENTS,
    select: { id: true },
  });
  const nodes = new Map<string, CruxGraphNode>();
  const numbers = new Map<string, CruxLinkStats>();
  for (const d of documents) {
    const map = await getDisagreementMapGraphParts({ ctx, document: d.id });
    for (const claim of map.claims) {
      const seen = nodes.get(claim.claimId);
      if (!seen || seen.n < claim.n) nodes.set(claim.claimId, nodeOf(claim));
    }
    for (const link of map.cruxLinks) numbers.set(link.id, link);
  }
  const live = await liveLoad;
  const missing = live.filter(([id]) => !numbers.has(id)).map(([id]) => id);
  if (missing.length > 0) for (const item of (await listCruxLinks({ ctx, ids: missing })).items) numbers.set(item.id, { ...item });
  const links: CruxLinkStats[] = [];
  for (const [id] of live) {
    const link = numbers.get(id);
    if (link) links.push(link);
  }
  // as GET …/crux-links orders them: largest expected shift first, links without numbers last, ties by id
  links.sort((x, y) => (y.expectedShift ?? -1) - (x.expectedShift ?? -1) || byId(x.id, y.id));
  return graphOf(nodes.values(), links.map(edgeOf));
}
