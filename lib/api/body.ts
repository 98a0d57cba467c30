// Reading a request body with a limit: a declared Content-Length over it is refused before reading, and a body
// without one (chunked) is read only up to the limit — then reading stops and the answer is 413 at once, while the
// client may still be sending. Nothing past the limit is ever held in memory.
import { AppError } from '../errors';

const describe = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;

export function bodyTooLarge(limit: number, what = 'The request body'): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `${what} is too large (${describe(limit)} at most).`, { fields: { body: [`is larger than ${describe(limit)}`] } });
}

/** The body as UTF-8 text, at most `limit` bytes; a larger one is a 413 (AppError PAYLOAD_TOO_LARGE). */
export async function readBodyText(request: Request, limit: number, what?: string): Promise<string> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    await request.body?.cancel().catch(() => undefined);
    throw bodyTooLarge(limit, what);
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge(limit, what);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}
