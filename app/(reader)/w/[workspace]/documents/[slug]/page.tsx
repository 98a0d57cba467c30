// The reading page: a document's current version, with its structure, notes and a table of contents, and the
// annotation layer over it (highlights, the margin of cards, the composer).
import { plural } from '@/app/_components/format';
import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { DemoDataNotice } from '../../../../_components/demo-data-notice';
import { AnnotatedReader } from './_components/annotated-reader';
import { DocumentAdmin } from './_components/document-admin';
import { LIVE_SLOT_ID } from './_components/live-slot';
import { ReaderHeatStrip } from './_components/reader-heat-strip';
import { CARD_PAGE, packLayer } from './_components/reader-layer';
import { TableOfContents } from './_components/table-of-contents';
import { getReaderLayer } from '@/lib/annotations/reader-queries';
import { getDocumentForReader, type ReaderDocument } from '@/lib/documents/queries';
import { buildReaderStructure } from '@/lib/documents/reader-structure';
import { titleHeadingId } from '@/lib/documents/title-heading';
import { liveCursorFor } from '@/lib/realtime/event-log-queries';
import { listMembers } from '@/lib/workspaces/queries';
import { recordVisit } from '@/lib/visits/mutations';
import { newSinceVisit } from '@/lib/visits/queries';
import { MentionMembersProvider } from '@/app/_components/mention-members';
import { loadForPage, readableContext } from '../../_components/workspace-access';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string; slug: string }> };

/** The document as the viewer may read it, once per request (the metadata and the page share it). */
const loadDocument = cache(async (workspace: string, slug: string): Promise<ReaderDocument> => {
  const ctx = await readableContext(workspace);
  const loaded = await loadForPage(() => getDocumentForReader({ ctx, document: slug }));
  if (loaded.forbidden !== undefined) throw new Error(loaded.forbidden); // reading never needs more than `read`
  return loaded.value;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace, slug } = await params;
  return { title: (await loadDocument(workspace, slug)).document.title };
}

export default async function DocumentPage({ params }: Props) {
  const { workspace: workspaceRef, slug } = await params;
  const ctx = await readableContext(workspaceRef);
  const user = ctx.userId;
  // The page's queries wait for one another only where they must: its server time is mostly their round trips.
  // The live cursor is read before the layer: the live feed replays whatever commits after it, so nothing falls
  // in between.
  const [reader, liveCursor] = await Promise.all([
    loadDocument(workspaceRef, slug),
    user && ctx.role ? liveCursorFor({ workspaceId: ctx.workspace.id }) : null,
  ]);
  const documentId = reader.document.id;
  const [layer, fresh, mentionMembers] = await Promise.all([
    getReaderLayer({ ctx, documentId, cardCount: CARD_PAGE }),
    // opening the document is a visit: what others did since the last one is marked (nothing for signed-out readers)
    recordVisit({ ctx, documentId }).then((since) => newSinceVisit({ ctx, documentId, since })),
    // mentions: members suggested after "@" and shown by their current name (members only see the list)
    ctx.can.listMembers && user ? listMembers({ ctx }).then(({ items }) => items.map((m) => ({ id: m.userId, name: m.name }))) : null,
  ]);
  const structure = buildReaderStructure(reader.passages);
  const { document, version, workspace } = reader;
  // a first heading that repeats the title is shown as the title, once
  const titlePassageId = titleHeadingId(document.title, reader.passages);
  return (
    // Phones: one column (contents, text, annotations). lg: text and the margin. xl: contents, text, margin.
    <div className="mx-auto max-w-7xl px-4 py-6 lg:grid lg:grid-cols-[minmax(0,1fr)_20rem] lg:gap-x-8 xl:grid-cols-[13rem_minmax(0,1fr)_22rem]">
      <aside className="lg:col-span-2 xl:sticky xl:top-6 xl:col-span-1 xl:max-h-[calc(100vh-3rem)] xl:self-start xl:overflow-y-auto">
        <Link href={`/w/${workspace.slug}`} className="text-sm text-blue-700 underline">
          ← {workspace.name}
        </Link>
        {structure.toc.length > 0 && (
          <>
            {/* Phones: collapsed, so the text starts on the first screen. Wider screens: always shown. */}
            <details className="mt-4 rounded border border-stone-200 bg-white p-3 lg:mb-6 xl:hidden">
              <summary className="cursor-pointer text-xs font-semibold tracking-wide text-stone-500 uppercase max-lg:min-h-11 max-lg:content-center">
                Contents ({structure.toc.length})
              </summary>
              <div className="mt-2">
                <TableOfContents entries={structure.toc} />
              </div>
            </details>
            <div className="mt-4 hidden xl:block">
              <p className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Contents</p>
              <div className="mt-2">
                <TableOfContents entries={structure.toc} />
              </div>
            </div>
          </>
        )}
      </aside>
      <ReaderHeatStrip workspace={workspace.slug} document={document.slug} passages={reader.passages.map((p) => ({ id: p.id, index: p.index, length: p.text.length }))} />
      <MentionMembersProvider members={mentionMembers}>
      <AnnotatedReader
        workspaceSlug={workspace.slug}
        documentId={document.id}
        documentSlug={document.slug}
        versionNumber={version.number}
        passages={reader.passages}
        layer={packLayer(layer)}
        role={reader.role}
        isSignedIn={user !== null}
        viewerId={user}
        liveCursor={liveCursor}
        titlePassageId={titlePassageId}
        fresh={fresh}
        header={
          <header className={titlePassageId ? 'mb-6 border-b border-stone-200 pb-3' : 'mb-8 border-b border-stone-200 pb-4'}>
            {titlePassageId === null && (
              <h1 id="document-title" className="font-serif text-3xl leading-tight font-semibold tracking-tight text-stone-900">
                {document.title}
              </h1>
            )}
            <p className={`${titlePassageId ? '' : 'mt-2 '}text-sm text-stone-600`}>
              {[document.author ?? 'Author unknown', document.source].filter(Boolean).join(' · ')}
              {' · '}
              version {version.number}
              {version.versionCount > 1 ? ` of ${version.versionCount}` : ''} · {plural(reader.passages.length, 'passage')} ·{' '}
              <Link href={`/w/${workspace.slug}/documents/${document.slug}/map`} className="text-blue-700 underline">
                Disagreement map
              </Link>
              {ctx.can.annotate && (
                <>
                  {' · '}
                  <Link href={`/w/${workspace.slug}/queue?document=${encodeURIComponent(document.slug)}`} className="text-blue-700 underline">
                    Rate next
                  </Link>
                </>
              )}
              {ctx.can.seeProgress && (
                <>
                  {' · '}
                  <Link href={`/w/${workspace.slug}/documents/${document.slug}/progress`} className="text-blue-700 underline">
                    Review progress
                  </Link>
                </>
              )}
            </p>
            {version.warnings.length > 0 && (
              <details className="mt-2 text-xs text-stone-500">
                <summary className="cursor-pointer">Import notes ({version.warnings.length})</summary>
                <ul className="mt-1 list-disc pl-5">
                  {version.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              </details>
            )}
            <DemoDataNotice workspaceId={workspace.id} documentId={document.id} />
            {/* who else is reading, and the live feed's notices: filled in the browser, its room kept from the
                start so that nothing below moves when readers arrive */}
            {liveCursor !== null && <div id={LIVE_SLOT_ID} className="mt-3 min-h-7" />}
            {ctx.can.editDocuments && (
              <DocumentAdmin workspace={workspace.slug} document={{ slug: document.slug, title: document.title, author: document.author }} />
            )}
          </header>
        }
      />
      </MentionMembersProvider>
    </div>
  );
}
