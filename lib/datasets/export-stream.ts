// A prepared export as a web stream (the HTTP download), pulled chunk by chunk.
import type { PreparedExport } from './export';

/** The export as a web ReadableStream of UTF-8 bytes, pulled chunk by chunk (backpressure from the consumer). */
export function exportStream(prepared: PreparedExport): ReadableStream<Uint8Array> {
  const iterator = prepared.chunks();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error('[export] failed while streaming', error);
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}
