// The annotation API as the reading page calls it: paths, full annotations by id (for the margin's window),
// one annotation or one claim again after a change, and the viewer's recently deleted annotations.
import { callApi, type ApiFailure } from '@/app/_components/api-client';
import type { AnnotationDto, AnnotationPage, ClaimDetailDto, ClaimSummary } from '@/lib/annotations/types';
import { claimSummaryOf } from './reader-layer';

/** `GET annotations?ids=` takes up to this many ids. */
export const IDS_PER_REQUEST = 100;

export type ReaderPaths = {
  annotations: string;
  annotation: (id: string) => string;
  replies: (annotationId: string) => string;
  reply: (replyId: string) => string;
  claims: string;
  claim: (id: string) => string;
  /** a claim's page in the app (not the API) */
  claimPage: (id: string) => string;
  documentQuery: string;
  /** GET the workspace's crux links (`?document=`); PUT a link's conditionals */
  cruxLinks: string;
  cruxLinkConditionals: (id: string) => string;
};

export function readerPaths(workspace: string, document: string): ReaderPaths {
  const base = `/api/v1/workspaces/${encodeURIComponent(workspace)}`;
  return {
    annotations: `${base}/annotations`,
    annotation: (id) => `${base}/annotations/${encodeURIComponent(id)}`,
    replies: (annotationId) => `${base}/annotations/${encodeURIComponent(annotationId)}/replies`,
    reply: (replyId) => `${base}/replies/${encodeURIComponent(replyId)}`,
    claims: `${base}/claims`,
    claim: (id) => `${base}/claims/${encodeURIComponent(id)}`,
    claimPage: (id) => `/w/${encodeURIComponent(workspace)}/claims/${encodeURIComponent(id)}`,
    documentQuery: `document=${encodeURIComponent(document)}`,
    cruxLinks: `${base}/crux-links`,
    cruxLinkConditionals: (id) => `${base}/crux-links/${encodeURIComponent(id)}/conditionals`,
  };
}

type Loaded<T> = { ok: true; items: T } | { ok: false; error: ApiFailure };

/** Full annotations by id (at most IDS_PER_REQUEST), in the order asked; ids the viewer may not see are left out. */
export async function loadAnnotationsById(paths: ReaderPaths, ids: readonly string[]): Promise<Loaded<AnnotationDto[]>> {
  const result = await callApi<AnnotationPage>(`${paths.annotations}?ids=${ids.map(encodeURIComponent).join(',')}`, { method: 'GET' });
  return result.ok ? { ok: true, items: result.data.items } : { ok: false, error: result };
}

/** Every page of a listing of the document's annotations (`extraQuery` such as `&deleted=true`). */
export async function loadAnnotations(paths: ReaderPaths, extraQuery = ''): Promise<Loaded<AnnotationDto[]>> {
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

/** The claims again (after a rating, a new claim, an edited statement); those gone or not visible are left out. */
export async function loadClaimSummaries(paths: ReaderPaths, ids: readonly string[]): Promise<ClaimSummary[]> {
  const results = await Promise.all(ids.map((id) => callApi<ClaimDetailDto>(paths.claim(id), { method: 'GET' })));
  return results.flatMap((r) => (r.ok ? [claimSummaryOf(r.data)] : []));
}
