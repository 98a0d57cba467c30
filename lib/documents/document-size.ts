// The cap on a document's text (CRUXMAP_MAX_DOCUMENT_BYTES, 2 MB by default), checked before any work is done on
// a text: normalising and anchoring then only ever see texts of a known size. Preview and import alike.
import { env } from '../env';
import { AppError } from '../errors';

const MB = 1024 * 1024;
const describe = (bytes: number): string => (bytes < MB ? `${bytes} bytes` : `${bytes} bytes (${Number((bytes / MB).toFixed(1))} MB)`);

/** Throws 413 (PAYLOAD_TOO_LARGE) when `text` is longer than the cap in UTF-8; `name` says whose text it is. */
export function assertDocumentSize(text: string, name = 'The text'): void {
  const limit = env.CRUXMAP_MAX_DOCUMENT_BYTES;
  // a UTF-16 code unit is at most 3 bytes of UTF-8: most texts need no count
  if (text.length * 3 <= limit) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= limit) return;
  throw new AppError(
    'PAYLOAD_TOO_LARGE',
    `${name} is too large: ${describe(bytes)} of UTF-8, and a document's text may be at most ${describe(limit)}. Split it into several documents.`,
    { fields: { text: [`must be at most ${limit} bytes`] } },
  );
}
