// Where a search result opens: a claim's page, or the reader at the passage (its anchor `#p-<passageId>`), which
// for an annotation or a reply is the passage its highlight starts in.
import type { SearchItem } from '@/lib/search/schemas';

export function resultHref(workspace: string, item: SearchItem): string {
  if (item.type === 'claim') return `/w/${workspace}/claims/${item.id}`;
  const base = `/w/${workspace}/documents/${item.document?.slug ?? item.documentId ?? ''}`;
  return item.passageId ? `${base}#p-${item.passageId}` : base;
}

export const typeLabels: Record<SearchItem['type'], string> = { passage: 'Passage', claim: 'Claim', annotation: 'Annotation', reply: 'Reply' };
