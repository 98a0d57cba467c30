// "New since my last visit": which moment a visit compares against. Pure.

/** Openings of a document this close together are one visit: a reload, or the map after the text, keeps its marks. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

export type VisitRow = { visitedAt: Date; since: Date | null };

/**
 * The boundary for a visit at `now`: nothing is new on a first visit (null); within a visit, the boundary it
 * started with; otherwise the time of the last visit.
 */
export function visitBoundary(row: VisitRow | null, now: Date, gapMs: number = VISIT_GAP_MS): Date | null {
  if (!row) return null;
  return now.getTime() - row.visitedAt.getTime() < gapMs ? row.since : row.visitedAt;
}
