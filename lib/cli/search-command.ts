// `cruxmap search --workspace S [--type T] [--document D] [--kind K] [--author ID] [--limit N] [--json] QUERY`: the
// workspace's search as the operator. A line per result (type, where, snippet with matches in [brackets]), or
// with --json the API's JSON. Bad input exits 2 with the fields' messages (lib/search/schemas.ts).
import type { SearchItem, SearchPage } from '../search/schemas';
import { operatorContext } from './operator-context';

type Out = { log: (line: string) => void; error: (line: string) => void };

export type SearchOptions = { workspace: string; type?: string; document?: string; kind?: string; author?: string; limit?: string; json?: boolean };

function line(item: SearchItem): string {
  const where = item.type === 'claim' ? `claim ${item.id}` : `${item.document?.slug ?? item.documentId ?? ''}${item.passageId ? `#p-${item.passageId}` : ''}`;
  const snippet = item.snippet.map((s) => (s.match ? `[${s.text}]` : s.text)).join('').replace(/\s+/g, ' ').trim();
  return `${item.type.padEnd(10)} ${where}  ${snippet}`;
}

export async function runSearch(query: string, options: SearchOptions, out: Out): Promise<void> {
  const { searchQuerySchema } = await import('../search/schemas');
  const parsed = searchQuerySchema.parse({
    q: query,
    type: options.type,
    document: options.document,
    kind: options.kind,
    author: options.author,
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
  const { assertDatabaseAvailable } = await import('./database-guard');
  assertDatabaseAvailable();
  const ctx = await operatorContext(options.workspace);
  const { searchWorkspace } = await import('../search/queries');
  const page: SearchPage = await searchWorkspace({ ctx, query: parsed });
  if (options.json) {
    out.log(JSON.stringify(page));
    return;
  }
  if (page.items.length === 0) {
    out.log('no results');
    return;
  }
  if (page.nearMatches) out.log(`nothing matched as typed; near-matches: ${page.nearMatches.join(', ')}`);
  for (const item of page.items) out.log(line(item));
  if (page.nextCursor) out.log(`… more results (showing the first ${page.items.length}; --limit up to 50)`);
}
