// The document's disagreement map: the map as the viewer may see it under blind review (with the credences the
// charts draw), the document's passages for the heat strip, and the viewer's role for the owners' controls.
// `?pairs=N` (as the API's) sets how many of the least and the most agreeing reviewer pairs the page starts with,
// `?claims=N` how many of the most disputed claims (the page fetches the rest when it needs them).
import type { Metadata } from 'next';
import { cache } from 'react';
import { DemoDataNotice } from '../../../../../_components/demo-data-notice';
import { MapView } from './_components/map-view';
import { getDisagreementMap } from '@/lib/disagreement/queries';
import { DEFAULT_MAP_CLAIMS, DEFAULT_MAP_PAIRS, MAX_MAP_CLAIMS, MAX_MAP_PAIRS } from '@/lib/disagreement/types';
import { getDocumentForReader } from '@/lib/documents/queries';
import { liveCursorFor } from '@/lib/realtime/event-log-queries';
import { recordVisit } from '@/lib/visits/mutations';
import { newSinceVisit } from '@/lib/visits/queries';
import { loadForPage, readableContext } from '../../../_components/workspace-access';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string; slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?pairs=N` or `?claims=N` when it is a whole number the API accepts, else the API's default. */
function countParam(raw: string | string[] | undefined, max: number, fallback: number): number {
  return typeof raw === 'string' && /^\d{1,7}$/.test(raw) && Number(raw) <= max ? Number(raw) : fallback;
}
const pairsParam = (raw: string | string[] | undefined) => countParam(raw, MAX_MAP_PAIRS, DEFAULT_MAP_PAIRS);
const claimsParam = (raw: string | string[] | undefined) => countParam(raw, MAX_MAP_CLAIMS, DEFAULT_MAP_CLAIMS);

/** Everything the page shows, once per request (the metadata and the page share it). */
const load = cache(async (workspace: string, slug: string, pairs: number = DEFAULT_MAP_PAIRS, claims: number = DEFAULT_MAP_CLAIMS) => {
  const ctx = await readableContext(workspace);
  const loaded = await loadForPage(async () => {
    const reader = await getDocumentForReader({ ctx, document: slug });
    // read before the map: the live feed replays whatever commits after this, so the map misses nothing
    const liveCursor = ctx.userId && ctx.role ? await liveCursorFor({ workspaceId: ctx.workspace.id }) : null;
    const map = await getDisagreementMap({ ctx, document: reader.document.id, withCredences: true, pairs, claims: { offset: 0, limit: claims } });
    return { ctx, reader, map, liveCursor, isSignedIn: ctx.userId !== null };
  });
  if (loaded.forbidden !== undefined) throw new Error(loaded.forbidden); // reading never needs more than `read`
  return loaded.value;
});

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { workspace, slug } = await params;
  const query = await searchParams;
  const { reader } = await load(workspace, slug, pairsParam(query.pairs), claimsParam(query.claims));
  return { title: `Disagreement map · ${reader.document.title}` };
}

export default async function DocumentMapPage({ params, searchParams }: Props) {
  const { workspace, slug } = await params;
  const query = await searchParams;
  const pairs = pairsParam(query.pairs);
  const claims = claimsParam(query.claims);
  const { ctx, reader, map, liveCursor, isSignedIn } = await load(workspace, slug, pairs, claims);
  // opening the map is a visit of its document: the claims others rated or annotated since the last one are marked
  const since = await recordVisit({ ctx, documentId: reader.document.id });
  const newClaimIds = (await newSinceVisit({ ctx, documentId: reader.document.id, since })).claims;
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <DemoDataNotice workspaceId={reader.workspace.id} documentId={reader.document.id} />
      <MapView
        workspaceSlug={reader.workspace.slug}
        initial={map}
        initialPairs={pairs}
        initialClaims={claims}
        passages={reader.passages.map((p) => ({ id: p.id, index: p.index, kind: p.kind, text: p.text }))}
        isOwner={ctx.can.openRound}
        isSignedIn={isSignedIn}
        role={reader.role}
        liveCursor={liveCursor}
        newClaimIds={newClaimIds}
      />
    </div>
  );
}
