// The workspace's disagreement across its documents: each live document's map (from the per-document cache, as
// the viewer may see it under blind review) rolled up into one summary per document, the most disputed claims and
// the cruxes across documents. GET /api/v1/workspaces/:ws/disagreement and the page /w/:ws/map.
import { replicaDb } from '../db';
import type { WorkspaceContext } from '../context/context';
import { getDisagreementMap } from './queries';
import { LEAD_CLAIMS } from './lead';
import type { DisagreementMapResponse, MapClaimView, MostDisputedClaim } from './types';

/** Documents rolled up at most (the most recently updated first); the rest are counted in `documentsLeftOut`. */
export const WORKSPACE_MAP_DOCUMENTS = 50;
const TOP_CLAIMS = 20;
const TOP_CRUXES = 20;

export type WorkspaceMapClaim = {
  claimId: string;
  statement: string | null;
  n: number;
  aggregate: number | null;
  split: number | null;
  disagreement: number | null;
  hidden: boolean;
  /** the document it was found on (the first, when several name it) and its first passage there */
  document: { slug: string; title: string };
  passageId: string | null;
};

export type WorkspaceMapDocument = {
  id: string;
  slug: string;
  title: string;
  blind: boolean;
  round: number;
  claims: number;
  ratedClaims: number;
  reviewers: number;
  alpha: number | null;
  groups: number;
  doubleCruxes: number;
  topClaim: WorkspaceMapClaim | null;
  /** per passage in document order: [passageId, heat, annotations, reviewers] */
  heat: [string, number, number, number][];
};

type ClaimRef = { claimId: string; statement: string | null; document: { slug: string; title: string }; passageId: string | null };

export type WorkspaceDisagreement = {
  workspace: { id: string; slug: string; name: string };
  documents: WorkspaceMapDocument[];
  documentsLeftOut: number;
  /** distinct reviewers whose credences any document's numbers use */
  reviewers: number;
  /** the most disputed claims across documents, most disagreement first */
  claims: WorkspaceMapClaim[];
  /**
   * "Where we disagree most" across documents: the lead claims of the documents' maps (see the document map's
   * `mostDisputed`), each once (from the document where it is most disputed), at most five, with that document.
   */
  mostDisputed: (MostDisputedClaim & { document: { slug: string; title: string } })[];
  /** `foundBy`: two reviewers' crux marks ("marked") or their conditional credences ("numbers") */
  doubleCruxes: { crux: ClaimRef; for: ClaimRef; foundBy: 'marked' | 'numbers'; pairs: number }[];
  implicitCruxes: { crux: ClaimRef; for: ClaimRef; score: number; rho: number; common: number; q: number }[];
};

function claimOf(claim: MapClaimView, document: { slug: string; title: string }): WorkspaceMapClaim {
  return {
    claimId: claim.claimId,
    statement: claim.statement,
    n: claim.n,
    aggregate: claim.aggregate,
    split: claim.split,
    disagreement: claim.disagreement,
    hidden: claim.hidden,
    document,
    passageId: claim.passageIds[0] ?? null,
  };
}

/** The workspace's documents and their maps rolled up; 404 for a workspace the viewer may not read. */
export async function getWorkspaceDisagreement({ ctx }: { ctx: WorkspaceContext }): Promise<WorkspaceDisagreement> {
  const workspaceId = ctx.workspace.id;
  const [documents, total] = await Promise.all([
    replicaDb.document.findMany({
      where: { workspaceId, archivedAt: null },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      take: WORKSPACE_MAP_DOCUMENTS,
      select: { id: true },
    }),
    replicaDb.document.count({ where: { workspaceId, archivedAt: null } }),
  ]);
  // one at a time: each map is cached, and a cold one is a large read that should not run 50 at once
  const maps: DisagreementMapResponse[] = [];
  for (const d of documents) maps.push(await getDisagreementMap({ ctx, document: d.id, pairs: 0, claims: { offset: 0, limit: Number.POSITIVE_INFINITY } }));
  maps.sort((a, b) => a.document.title.localeCompare(b.document.title));

  const reviewers = new Set<string>();
  const best = new Map<string, WorkspaceMapClaim>();
  const lead = new Map<string, WorkspaceDisagreement['mostDisputed'][number]>();
  const doubleCruxes: WorkspaceDisagreement['doubleCruxes'] = [];
  const implicitCruxes: WorkspaceDisagreement['implicitCruxes'] = [];
  const summaries: WorkspaceMapDocument[] = maps.map((map) => {
    const document = { slug: map.document.slug, title: map.document.title };
    for (const r of map.reviewers) reviewers.add(r.id);
    for (const claim of map.mostDisputed) {
      const seen = lead.get(claim.claimId);
      if (!seen || seen.disagreement < claim.disagreement) lead.set(claim.claimId, { ...claim, document });
    }
    const ref = new Map<string, ClaimRef>();
    for (const claim of map.claims) {
      const entry = claimOf(claim, document);
      const seen = best.get(claim.claimId);
      if (claim.disagreement !== null && (!seen || (seen.disagreement ?? -1) < claim.disagreement)) best.set(claim.claimId, entry);
      const r: ClaimRef = { claimId: claim.claimId, statement: claim.statement, document, passageId: entry.passageId };
      ref.set(claim.claimId, r);
    }
    const refOf = (id: string): ClaimRef => ref.get(id) ?? { claimId: id, statement: null, document, passageId: null };
    for (const d of map.doubleCruxes) doubleCruxes.push({ crux: refOf(d.cruxClaimId), for: refOf(d.forClaimId), foundBy: d.foundBy, pairs: d.pairs.length });
    for (const x of map.implicitCruxes) implicitCruxes.push({ crux: refOf(x.cruxClaimId), for: refOf(x.forClaimId), score: x.score, rho: x.rho, common: x.common, q: x.q });
    const top = map.claims.find((c) => c.disagreement !== null);
    return {
      id: map.document.id,
      slug: map.document.slug,
      title: map.document.title,
      blind: map.blind,
      round: map.round?.number ?? 1,
      claims: map.claims.length,
      ratedClaims: map.claims.filter((c) => c.n > 0).length,
      reviewers: map.reviewers.length,
      alpha: map.alpha,
      groups: map.groups.length,
      doubleCruxes: map.doubleCruxes.length,
      topClaim: top ? claimOf(top, document) : null,
      heat: map.passages.map((p) => [p.passageId, p.heat, p.annotations, p.reviewers]),
    };
  });

  // the same crux pair found on two documents is listed once
  const unique = <T extends { crux: ClaimRef; for: ClaimRef; foundBy?: string }>(list: T[]): T[] => {
    const seen = new Set<string>();
    return list.filter((x) => {
      const key = `${x.crux.claimId}:${x.for.claimId}:${x.foundBy ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  return {
    workspace: { id: ctx.workspace.id, slug: ctx.workspace.slug, name: ctx.workspace.name },
    documents: summaries,
    documentsLeftOut: Math.max(0, total - documents.length),
    reviewers: reviewers.size,
    claims: [...best.values()].sort((a, b) => (b.disagreement ?? 0) - (a.disagreement ?? 0) || (a.claimId < b.claimId ? -1 : 1)).slice(0, TOP_CLAIMS),
    mostDisputed: [...lead.values()].sort((a, b) => b.disagreement - a.disagreement || (a.claimId < b.claimId ? -1 : 1)).slice(0, LEAD_CLAIMS),
    doubleCruxes: unique(doubleCruxes.sort((a, b) => b.pairs - a.pairs)).slice(0, TOP_CRUXES),
    implicitCruxes: unique(implicitCruxes.sort((a, b) => b.score - a.score)).slice(0, TOP_CRUXES),
  };
}
