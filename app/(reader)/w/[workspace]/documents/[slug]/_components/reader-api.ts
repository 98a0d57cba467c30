// The annotation API as the reading page calls it: paths, and loading a document's annotations (every page) and
// claims again after a change.
import { callApi, type ApiFailure } from '@/app/_components/api-client';
import type { AnnotationDto, AnnotationPage, ClaimDto } from '@/lib/annotations/types';

export type ReaderPaths = {
  annotations: string;
  annotation: (id: string) => string;
  replies: (annotationId: string) => string;
  reply: (replyId: string) => string;
  claims: string;
  documentQuery: string;
};

export function readerPaths(workspace: string, document: string): ReaderPaths {
  const base = `/api/v1/workspaces/${encodeURIComponent(workspace)}`;
  return {
    annotations: `${base}/annotations`,
    annotation: (id) => `${base}/annotations/${encodeURIComponent(id)}`,
    replies: (annotationId) => `${base}/annotations/${encodeURIComponent(annotationId)}/replies`,
    reply: (replyId) => `${base}/replies/${encodeURIComponent(replyId)}`,
    claims: `${base}/claims`,
    documentQuery: `document=${encodeURIComponent(document)}`,
  };
}

/** Document order: by where the annotation sits now, then by age; orphans last. */
export function inDocumentOrder(annotations: readonly AnnotationDto[]): AnnotationDto[] {
  const position = (a: AnnotationDto) => a.anchor.start ?? Number.POSITIVE_INFINITY;
  return [...annotations].sort(
    (a, b) => position(a) - position(b) || (a.anchor.end ?? 0) - (b.anchor.end ?? 0) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
}

export async function loadAnnotations(paths: ReaderPaths, extraQuery = ''): Promise<{ ok: true; items: AnnotationDto[] } | { ok: false; error: ApiFailure }> {
  const items: AnnotationDto[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `${paths.documentQuery}&limit=500${extraQuery}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const result = await callApi<AnnotationPage>(`${paths.annotations}?${query}`, { method: 'GET' });
    if (!result.ok) return { ok: false, error: result };
    items.push(...result.data.items);
    cursor = result.data.nextCursor;
  } while (cursor);
  return { ok: true, items };
}

export async function loadReaderData(
  paths: ReaderPaths,
): Promise<{ ok: true; annotations: AnnotationDto[]; claims: ClaimDto[] } | { ok: false; error: ApiFailure }> {
  const [annotations, claims] = await Promise.all([
    loadAnnotations(paths),
    callApi<{ items: ClaimDto[] }>(`${paths.claims}?${paths.documentQuery}`, { method: 'GET' }),
  ]);
  if (!annotations.ok) return annotations;
  if (!claims.ok) return { ok: false, error: claims };
  return { ok: true, annotations: inDocumentOrder(annotations.items), claims: claims.data.items };
}
