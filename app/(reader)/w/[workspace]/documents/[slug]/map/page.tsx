// The document's disagreement map: the map as the viewer may see it under blind review (with the credences the
// charts draw), the document's passages for the heat strip, and the viewer's role for the owners' controls.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DemoDataNotice } from '../../../../../_components/demo-data-notice';
import { MapView } from './_components/map-view';
import { getDisagreementMap } from '@/lib/disagreement/queries';
import { getDocumentForReader } from '@/lib/documents/queries';
import { getSessionUser } from '@/lib/auth/viewer';
import { liveCursorFor } from '@/lib/realtime/event-log-queries';
import { AppError } from '@/lib/errors';
import { hasRole } from '@/lib/workspaces/permissions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string; slug: string }> };

async function load(params: Props['params']) {
  const { workspace, slug } = await params;
  const user = await getSessionUser();
  const userId = user?.id ?? null;
  try {
    const reader = await getDocumentForReader({ userId, workspace, document: slug });
    // read before the map: the live feed replays whatever commits after this, so the map misses nothing
    const liveCursor = user && reader.role ? await liveCursorFor({ workspaceId: reader.workspace.id }) : null;
    const map = await getDisagreementMap({ userId, workspace, document: reader.document.id, withCredences: true });
    return { reader, map, liveCursor, isSignedIn: user !== null };
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { reader } = await load(params);
  return { title: `Disagreement map · ${reader.document.title}` };
}

export default async function DocumentMapPage({ params }: Props) {
  const { reader, map, liveCursor, isSignedIn } = await load(params);
  return (
    <div className="mx-auto max-w-7xl px-4 py-6">
      <DemoDataNotice workspaceId={reader.workspace.id} />
      <MapView
        workspaceSlug={reader.workspace.slug}
        initial={map}
        passages={reader.passages.map((p) => ({ id: p.id, index: p.index, kind: p.kind, text: p.text }))}
        isOwner={hasRole(reader.role, 'owner')}
        isSignedIn={isSignedIn}
        role={reader.role}
        liveCursor={liveCursor}
      />
    </div>
  );
}
