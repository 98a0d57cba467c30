// The crux graph (GET …/documents/:doc/crux-graph and …/workspaces/:ws/crux-graph): claims as nodes, crux links
// as edges from K to C, built from the disagreement maps (cached) and the live links, as the viewer may see them.
import type { WorkspaceContext } from '../context/context';
import { db } from '../db';
import { getDisagreementMap } from '../disagreement/queries';
import type { DisagreementMapResponse } from '../disagreement/types';
import { WORKSPACE_MAP_DOCUMENTS } from '../disagreement/workspace-queries';
import { listCruxLinks } from './queries';
import type { CruxGraph, CruxGraphEdge, CruxGraphNode } from './schemas';

function nodeOf(claim: DisagreementMapResponse['claims'][number]): CruxGraphNode {
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

/**
 * GET …/documents/:doc/crux-graph and …/workspaces/:ws/crux-graph: one node per claim with ratings or crux links,
 * one edge per live crux link from K to C, as the viewer may see them under blind review. A document's graph is
 * its disagreement map's claims and links (cached with the map); the workspace's is its documents' maps' claims
 * (as the workspace map rolls them up: each claim from the document where most rated it) with every live link
 * of the workspace between them, including links marked on one document between claims of another.
 */
export async function getCruxGraph({ ctx, document }: { ctx: WorkspaceContext; document?: string }): Promise<CruxGraph> {
  if (document !== undefined) {
    const map = await getDisagreementMap({ ctx, document });
    return graphOf(
      map.claims.map(nodeOf),
      map.cruxLinks.map((l) => ({ from: l.cruxClaimId, to: l.forClaimId, direction: l.direction, n: l.n, expectedShift: l.expectedShift })),
    );
  }
  const workspaceId = ctx.workspace.id;
  const documents = await db.document.findMany({
    where: { workspaceId, archivedAt: null },
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take: WORKSPACE_MAP_DOCUMENTS,
    select: { id: true },
  });
  const nodes = new Map<string, CruxGraphNode>();
  for (const d of documents) {
    const map = await getDisagreementMap({ ctx, document: d.id });
    for (const claim of map.claims) {
      const seen = nodes.get(claim.claimId);
      if (!seen || seen.n < claim.n) nodes.set(claim.claimId, nodeOf(claim));
    }
  }
  const links = await listCruxLinks({ ctx });
  return graphOf(
    nodes.values(),
    links.items.map((l) => ({ from: l.cruxClaimId, to: l.forClaimId, direction: l.direction, n: l.n, expectedShift: l.expectedShift })),
  );
}
