// The reading margin's list: a claim rated by several reviewers is one line ("12 ratings · median 81%") with its
// probability cards one click away, not a card per rating. Pure, linear in the entries; the margin windows the
// items this returns.
import { medianOf, pct } from './brief';

/** What the margin knows of an annotation before its card is loaded (a highlight span). */
export type RatingEntry = { id: string; kind: string; claimId: string | null; value: number | null };

export type MarginItem<E extends RatingEntry> =
  | { type: 'card'; key: string; entry: E }
  /** every probability entry on `claimId`, in document order, placed where the first of them is */
  | { type: 'ratings'; key: string; claimId: string; entries: E[] };

/** Probability entries sharing a claim become one item (from two on); everything else keeps its place. */
export function groupRatings<E extends RatingEntry>(entries: readonly E[]): MarginItem<E>[] {
  const counts = new Map<string, number>();
  for (const e of entries) if (e.kind === 'probability' && e.claimId !== null) counts.set(e.claimId, (counts.get(e.claimId) ?? 0) + 1);
  const groups = new Map<string, Extract<MarginItem<E>, { type: 'ratings' }>>();
  const items: MarginItem<E>[] = [];
  for (const e of entries) {
    const claimId = e.kind === 'probability' ? e.claimId : null;
    if (claimId === null || (counts.get(claimId) ?? 0) < 2) {
      items.push({ type: 'card', key: e.id, entry: e });
      continue;
    }
    const group = groups.get(claimId);
    if (group) group.entries.push(e);
    else {
      const created = { type: 'ratings' as const, key: `ratings:${claimId}`, claimId, entries: [e] };
      groups.set(claimId, created);
      items.push(created);
    }
  }
  return items;
}

/** The index of the item holding annotation `id`, or -1. */
export function itemIndexOf<E extends RatingEntry>(items: readonly MarginItem<E>[], id: string): number {
  return items.findIndex((item) => (item.type === 'card' ? item.entry.id === id : item.entries.some((e) => e.id === id)));
}

export type RatingsSummary = { count: number; shown: number; median: number | null };

/** How many ratings and the median of those this viewer may see (blind review withholds values as null). */
export function summarizeRatings(entries: readonly Pick<RatingEntry, 'value'>[]): RatingsSummary {
  const values = entries.flatMap((e) => (e.value === null ? [] : [e.value]));
  return { count: entries.length, shown: values.length, median: values.length === 0 ? null : medianOf(values) };
}

/** "12 ratings · median 81%"; "12 ratings · 3 hidden until you rate · median 70% of 9". */
export function ratingsLine(summary: RatingsSummary): string {
  const count = `${summary.count} ${summary.count === 1 ? 'rating' : 'ratings'}`;
  if (summary.median === null) return `${count} · values hidden until you rate this claim`;
  if (summary.shown === summary.count) return `${count} · median ${pct(summary.median)}`;
  return `${count} · ${summary.count - summary.shown} hidden until you rate · median ${pct(summary.median)} of ${summary.shown}`;
}
