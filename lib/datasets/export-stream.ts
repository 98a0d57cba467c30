// A prepared export as a web stream (the HTTP download), pulled chunk by chunk.
import type { PreparedExport } from './export';

/**
 * The export as a web ReadableStream of UTF-8 bytes, pulled chunk by chunk (backpressure from the consumer).
 * `onEnd` runs once when the export is over: written to its end, failed, or cancelled by the consumer.
 */
export function exportStream(prepared: PreparedExport, onEnd: () => void = () => {}): ReadableStream<Uint8Array> {
  const iterator = prepared.chunks();
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) {
            controller.close();
            onEnd();
          } else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          console.error('[export] failed while streaming', error);
          controller.error(error);
          onEnd();
        }
      },
      async cancel() {
        try {
          await iterator.return(undefined);
        } finally {
          onEnd();
        }
      },
    },
    { highWaterMark: 1 },
  );
}
