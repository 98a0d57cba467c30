// Re-anchoring a version's annotations onto the next version: each one is looked for near where a passage
// diff says its text went, so inserted, deleted or moved paragraphs don't pull it toward another occurrence.
import { anchorWithin, type AnchorResult } from './anchor';
import { diffPassages } from './position-map';
import type { Selectors } from './selectors';

/**
 * Re-anchoring onto `newText` of annotations described on `oldText`, one at a time (a long batch can yield to the
 * event loop between them). The passage diff gives each one a position hint (its old start mapped onto the new
 * text) and rules out candidates in passages that are unchanged but were elsewhere in the old text: an identical or
 * similar sentence that was already there is not where the annotated one went, so an annotation whose passage was
 * deleted becomes an orphan rather than jumping to a look-alike. Status "anchored" means the old positions are
 * still right.
 */
export function reanchorer(oldText: string, newText: string, options: { threshold?: number } = {}): (item: Selectors) => AnchorResult {
  const diff = diffPassages(oldText, newText);
  return (item) =>
    anchorWithin(newText, item, {
      hint: diff.toNew(item.start),
      threshold: options.threshold,
      classify: (start, end) => diff.provenance(item.start, item.end, start, end),
      searchable: (from, to) => diff.searchable(item.start, item.end, from, to),
    });
}

/** Re-anchors many annotations (see reanchorer) at once. Results are in input order, one per item. */
export function reanchorAll<T extends Selectors>(
  oldText: string,
  newText: string,
  items: readonly T[],
  options: { threshold?: number } = {},
): Array<{ item: T; result: AnchorResult }> {
  const reanchor = reanchorer(oldText, newText, options);
  return items.map((item) => ({ item, result: reanchor(item) }));
}
