// Long loops of CPU work on the request path (anchoring an import's annotations, re-anchoring a document's onto
// its new version) hand the event loop back every few milliseconds, so other requests are served meanwhile.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long a loop may hold the event loop before it yields. */
export const TIME_SLICE_MS = 10;

/** A function to await between items of a loop: it yields to the event loop once `sliceMs` have passed since it last did. */
export function timeSlicer(sliceMs = TIME_SLICE_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < sliceMs) return;
    await nextTurn();
    since = performance.now();
  };
}
