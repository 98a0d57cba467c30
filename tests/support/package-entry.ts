// A data package entry's whole text. Its chunks are strings or, where PostgreSQL's COPY wrote the lines, bytes that
// may end inside a UTF-8 character: they are joined as bytes and decoded once.
import type { PackageEntry } from '../../lib/datasets/package/package';

export async function entryText(entry: PackageEntry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry.chunks()) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
