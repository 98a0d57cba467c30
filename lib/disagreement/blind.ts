// Blind review: on a blind document, a reviewer sees others' credences on a claim only once they have entered
// their own; opening a round reveals to every reader the credences as they stood at that moment. This module
// decides, for one viewer and some claims, which credences are hidden and what has been revealed
// (blind-queries.ts), and masks the claim, annotation and reader-layer answers accordingly (here, pure). The rule, in full:
// - A claim is blind when a live annotation on a blind document (archived or not) names it (claimId or forClaimId):
//   claims are shared across documents, so a claim on a blind document is blind wherever it is read.
// - Owners see every credence. Anyone else with a current credence on a claim sees every current credence on it.
// - Everyone else (reviewers who have not rated it, observers, readers of a public workspace) sees, of a blind
//   claim, the credences as they stood when the latest round was opened on its blind document(s): each
//   reviewer's latest revision made before that moment, for credences still current. In round 1 that is
//   nothing. A claim on several blind documents reveals as of the earliest of their latest rounds.
import type { Role } from '../context/roles';

export type BlindViewer = { userId: string | null; role: Role | null };

/** A credence as revealed at a round's opening: its value then, and when that value was given. */
export type RevealedCredence = { userId: string; name: string; value: number; at: Date };

export type BlindFilter = {
  /** blind claims whose current credences this viewer may not see (other than their own, which they lack) */
  hidden: ReadonlySet<string>;
  /** per hidden claim: the moment its credences were revealed (null: round 1, nothing revealed yet) */
  revealedAt: ReadonlyMap<string, Date | null>;
  /** per hidden claim: the credences revealed then, by reviewer */
  revealed: ReadonlyMap<string, RevealedCredence[]>;
};

/** A credence list entry as the claim answers show it. */
type CredenceEntry = { user: { id: string; name: string }; value: number; updatedAt: string };

/** A claim answer with credences hidden as the filter says: the revealed ones instead, and a `credencesHidden` flag. */
export function maskClaim<T extends { id: string; credences: CredenceEntry[]; myCredence: number | null }>(
  claim: T,
  filter: BlindFilter | null,
): T & { credencesHidden: boolean } {
  if (!filter?.hidden.has(claim.id)) return { ...claim, credencesHidden: false };
  const revealed = (filter.revealed.get(claim.id) ?? [])
    .map((c) => ({ user: { id: c.userId, name: c.name }, value: c.value, updatedAt: c.at.toISOString() }))
    .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.user.id.localeCompare(b.user.id));
  return { ...claim, credences: revealed, myCredence: null, credencesHidden: true };
}

/** Revisions of a hidden claim: those made before its reveal moment only. */
export function maskRevisions<T extends { createdAt: string }>(claimId: string, revisions: T[], filter: BlindFilter | null): T[] {
  if (!filter?.hidden.has(claimId)) return revisions;
  const at = filter.revealedAt.get(claimId) ?? null;
  if (at === null) return [];
  const cutoff = at.getTime();
  return revisions.filter((r) => Date.parse(r.createdAt) < cutoff);
}

/**
 * A probability annotation's value is its author's current credence: hidden (probability: null) from a viewer
 * who may not see the credences on its claim, unless the viewer wrote it.
 */
export function maskProbability<T extends { kind: string; author: { id: string }; probability: { claimId: string; value: number } | null }>(
  annotation: T,
  viewer: BlindViewer,
  filter: BlindFilter | null,
): T {
  if (!filter || annotation.kind !== 'probability' || !annotation.probability) return annotation;
  if (annotation.author.id === viewer.userId || !filter.hidden.has(annotation.probability.claimId)) return annotation;
  return { ...annotation, probability: null };
}

/** The claims referenced by some annotations (their claim, and a crux's claim C). */
export function referencedClaimIds(annotations: readonly { claimId: string | null; crux?: { forClaimId: string } | null }[]): string[] {
  const ids = new Set<string>();
  for (const a of annotations) {
    if (a.claimId) ids.add(a.claimId);
    if (a.crux?.forClaimId) ids.add(a.crux.forClaimId);
  }
  return [...ids];
}
