// Pure rules of crux links: the direction a link shows, and what blind review lets a viewer see of its conditionals.
import type { Conditional, CruxLinkInput } from '../aggregation';

/** The most common direction among a link's marks; null when none or tied. */
export function directionOf(more: number, less: number): 'more' | 'less' | null {
  return more > less ? 'more' : less > more ? 'less' : null;
}

/**
 * Blind review on crux links (pure): conditionals are credences in C, so on a link whose C is hidden from the
 * viewer (a blind claim they have not rated), others' conditionals are those revealed at C's reveal moment (none
 * before round 2) — exactly as others' credences in C are.
 */
export function visibleCruxLinks(
  links: readonly CruxLinkInput[],
  hidden: ReadonlySet<string>,
  revealed: ReadonlyMap<string, readonly Conditional[]>,
): CruxLinkInput[] {
  if (hidden.size === 0) return [...links];
  return links.map((link) => (hidden.has(link.forClaimId) ? { ...link, conditionals: revealed.get(link.id) ?? [] } : link));
}
