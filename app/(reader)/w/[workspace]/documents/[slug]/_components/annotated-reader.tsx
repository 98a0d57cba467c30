'use client';
// The reading page's annotation layer: the document body with highlights and credence charts, the margin of cards,
// and the composer for new annotations on selected text, from what the server rendered (the text and its highlights
// are there without JavaScript). Each concern is a hook beside this file; this component composes them and renders.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { ReaderPassage } from '@/lib/documents/queries';
import { buildReaderStructure } from '@/lib/documents/reader-structure';
import { isTypingTarget } from '@/app/_components/typing-target';
import { AnnotationComposer, type CreatedAnnotation } from './annotation-composer';
import type { CardCallbacks } from './annotation-card';
import { filterableOf, matches, noFilters } from './annotation-filters';
import { AnnotationPanel } from './annotation-panel';
import { useHydrated } from './client-only';
import { DocumentBody } from './document-body';
import { LiveHeader, PresenceMarkers } from './live-presence';
import { preloadRichTextEditor } from './lazy-rich-text-editor';
import { preloadRichTextView } from './lazy-rich-text-view';
import { HighlightRenderingContext } from './passage-text';
import { readerPaths } from './reader-api';
import type { PackedLayer } from './reader-layer';
import { ShortcutsHelp } from './shortcuts-help';
import { useAnnotationLayer } from './use-annotation-layer';
import { useComposerSelection } from './use-composer-selection';
import { useHighlightFocus } from './use-highlight-focus';
import { useHighlightRendering } from './use-highlight-rendering';
import { useInteractivePassages } from './use-interactive-passages';
import { useReaderKeyboard } from './use-reader-keyboard';
import { useReaderLive } from './use-reader-live';
import { useShownHighlights } from './use-shown-highlights';
import { usePassageKeys } from './use-passage-keys';
import { useUndoDelete } from './use-undo-delete';
import { UndoToast } from './undo-toast';
import { SheetBar, SheetLauncher, useAnnotationSheet } from './annotation-sheet';
import type { NewSinceVisit } from '@/lib/visits/queries';
import { formatDate } from '@/app/_components/format';
import { buttonStyles } from '@/app/_components/form-controls';
import { NewMarksContext } from './new-marks-context';
import { newIdsOf, useNewMarks } from './use-new-marks';

type Role = 'owner' | 'reviewer' | 'observer';

/** The document's text region: "Skip to content" lands here on the reading page, past the heat strip. */
const TEXT_ID = 'document-text';

/** Reader-wide keys that press a button of the page (not while typing): u undoes a delete, b opens "Recently deleted". */
function useReaderButtonKeys() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.isComposing || isTypingTarget(event.target)) return;
      if (event.key !== 'u' && event.key !== 'b') return;
      const button = document.querySelector<HTMLButtonElement>(`[data-reader-key="${event.key}"]:not(:disabled)`);
      if (!button) return;
      event.preventDefault();
      button.click();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}

/** Points the page's "Skip to content" link at the text while the reader is shown (elsewhere it goes to #main). */
function useSkipLinkToText() {
  useEffect(() => {
    const link = document.querySelector<HTMLAnchorElement>('a[data-skip-link]');
    if (!link) return;
    const before = link.getAttribute('href') ?? '#main';
    link.setAttribute('href', `#${TEXT_ID}`);
    return () => link.setAttribute('href', before);
  }, []);
}

export function AnnotatedReader({
  header,
  workspaceSlug,
  documentId,
  documentSlug,
  versionNumber,
  passages,
  layer,
  role,
  isSignedIn,
  viewerId,
  liveCursor,
  titlePassageId = null,
  fresh,
}: {
  header: ReactNode;
  workspaceSlug: string;
  documentId: string;
  documentSlug: string;
  versionNumber: number;
  passages: ReaderPassage[];
  layer: PackedLayer;
  role: Role | null;
  isSignedIn: boolean;
  /** the signed-in reader, left out of "also reading" */
  viewerId: string | null;
  /** the change feed's position when the layer was read (members only) */
  liveCursor: string | null;
  /** the first heading when it repeats the title: the body shows it as the title (the header leaves it out) */
  titlePassageId?: string | null;
  /** what others did since the viewer's last visit (nothing on a first visit or signed out) */
  fresh: NewSinceVisit;
}) {
  const pathname = usePathname();
  const canAnnotate = role === 'owner' || role === 'reviewer';
  // Hydrating, React renders the page as served, then again at once (one task, without yielding) with whatever
  // differs in the browser. Here that is every highlight turning interactive, thousands of marks and their
  // descriptions: deferred, that render is one React can pause between pieces of work, and it covers only the
  // first slice of passages (use-interactive-passages.ts), so the page never freezes for it (issue 19: no task over
  // 200 ms after load). Mounted after a client navigation it is true at once.
  const isHydrated = useDeferredValue(useHydrated());
  const paths = useMemo(() => readerPaths(workspaceSlug, documentSlug), [workspaceSlug, documentSlug]);
  const structure = useMemo(() => buildReaderStructure(passages), [passages]);
  const text = useMemo(() => passages.map((p) => p.text).join('\n\n'), [passages]);
  const bodyRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);

  const annotations = useAnnotationLayer({ layer, paths, isHydrated });
  const { spans, orphanList, cards, unavailable, claimList, claims, authors, latest, loadError, setLoadError, needCards, applyChange, reloadAnnotation } = annotations;
  const { filters, setFilters, shownKeys, shownSpans, orphans, counts, layout, plainLayout, maxDepth } = useShownHighlights({
    spans,
    orphanList,
    authors,
    structure,
    passages,
  });
  const { focusedId, setFocusedId, focusRequest, requestFocus, setActive, showInText, markHandlers } = useHighlightFocus({
    bodyRef,
    spans,
    latest,
    loadCards: annotations.loadCards,
  });
  const freshIds = useMemo(() => newIdsOf(fresh), [fresh]);
  const interactive = useInteractivePassages({ isHydrated, passages, layout });
  // A link to a passage (#p-…, from search or another page) lands on it: the browser scrolls to it only when the
  // element is there as the page opens, and the text hydrates in a Suspense boundary of its own and its highlights
  // arrive slice by slice, so the reader brings the passage into view again once hydrated and once all are in.
  useEffect(() => {
    if (!isHydrated) return;
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!id.startsWith('p-')) return;
    const passage = document.getElementById(id);
    const top = passage?.getBoundingClientRect().top;
    if (passage && top !== undefined && (top < 0 || top >= window.innerHeight)) passage.scrollIntoView({ block: 'start' });
  }, [isHydrated, interactive.isComplete]);
  const { rendering: baseRendering, descriptions } = useHighlightRendering({
    spans,
    shownKeys,
    maxDepth,
    claims,
    latest,
    requestFocus,
    describedBefore: interactive.before,
    newIds: freshIds,
  });
  const live = useReaderLive({
    workspaceSlug,
    documentSlug,
    documentId,
    versionNumber,
    passages,
    liveCursor,
    isMember: role !== null && isSignedIn,
    viewerId,
    paths,
    bodyRef,
    latest,
    indexOf: annotations.indexOf,
    layout,
    applyAnnotation: annotations.applyAnnotation,
    applyClaims: annotations.applyClaims,
    removeAnnotation: annotations.removeAnnotation,
  });
  const { composer, floating, composerRef, openComposer, closeComposer, onBodyMouseUp } = useComposerSelection({
    canAnnotate,
    bodyRef,
    containerRef,
    text,
    layout,
  });
  useReaderKeyboard({ canAnnotate, composer, composerRef, bodyRef, text, openComposer, closeComposer });
  usePassageKeys({ bodyRef, text, isActive: composer === null, mapHref: `/w/${workspaceSlug}/documents/${documentSlug}/map` });
  const newMarks = useNewMarks({ fresh, ids: freshIds, spans, focusedId, requestFocus, isActive: composer === null });
  const newIds = newMarks.ids;
  const rendering = useMemo(() => (newIds.size === 0 ? baseRendering : { ...baseRendering, isNew: (key: number) => newIds.has(spans[key]?.id ?? '') }), [baseRendering, newIds, spans]);
  const newContext = useMemo(() => ({ made: newMarks.made, replies: newMarks.replies }), [newMarks.made, newMarks.replies]);
  useSkipLinkToText();
  useReaderButtonKeys();
  // the editor's and the bodies' scripts, once the highlights are all in: ready before anyone opens a form or a card
  // is drawn here (the served cards ask for the bodies' script as they hydrate)
  useEffect(() => {
    if (!interactive.isComplete) return;
    preloadRichTextEditor();
    preloadRichTextView();
  }, [interactive.isComplete]);
  const sheet = useAnnotationSheet({ focusRequest, isComposing: composer !== null });
  const { lastDeleted, setLastDeleted, undoDelete } = useUndoDelete({ paths, applyChange, requestFocus, setLoadError });

  const cardCallbacks = useMemo<CardCallbacks>(
    () => ({
      onShowInText: showInText,
      onSaved: (annotation, focusId) => {
        setFocusedId(focusId);
        void applyChange(annotation);
      },
      onReload: reloadAnnotation,
      onDeleted: (deleted) => {
        setLastDeleted(deleted);
        void applyChange(deleted);
      },
      onHover: (id) => {
        const key = id === null ? undefined : latest.current.indexOf.get(id);
        setActive(key === undefined ? [] : [key]);
      },
    }),
    [showInText, setFocusedId, applyChange, reloadAnnotation, setLastDeleted, latest, setActive],
  );

  const onCreated = useCallback(
    async ({ createdClaimIds = [], ...created }: CreatedAnnotation) => {
      closeComposer();
      // the new card must be in view, whatever the filters were
      if (!matches(filterableOf(created), filters)) setFilters(noFilters);
      await applyChange(created, createdClaimIds);
      requestFocus(created.id, 'focus');
    },
    [closeComposer, filters, setFilters, applyChange, requestFocus],
  );

  const newBanner =
    newMarks.count > 0 && newMarks.since ? (
      <div className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="new-since-visit">
        <p>
          <span className="font-semibold">{newMarks.count} new</span> since your last visit ({formatDate(newMarks.since)})
        </p>
        <button type="button" className={`${buttonStyles.secondary} min-h-11 px-3 py-1 text-xs`} aria-keyshortcuts="n" onClick={newMarks.next}>
          Next new <kbd className="ml-1 rounded border border-stone-300 px-1 font-mono text-xs">n</kbd>
        </button>
      </div>
    ) : null;

  const annotateNotice = canAnnotate ? null : (
    <p className="rounded-md border border-stone-200 bg-stone-100 px-3 py-2 text-sm text-stone-700" data-testid="annotate-notice">
      {role === 'observer' ? (
        'Observers can read but not annotate.'
      ) : !isSignedIn ? (
        <>
          <Link href={`/sign-in?callbackUrl=${encodeURIComponent(pathname)}`} className="font-medium text-blue-700 underline-offset-2 hover:underline">
            Sign in
          </Link>{' '}
          to annotate.
        </>
      ) : (
        'Only members of this workspace can annotate.'
      )}
    </p>
  );

  return (
    <>
      <article className="mt-6 min-w-0 lg:mt-0" aria-labelledby="document-title" data-version={versionNumber}>
        {header}
        <div ref={containerRef} className="relative max-w-[68ch]">
          <div
            ref={bodyRef}
            id={TEXT_ID}
            tabIndex={-1}
            role="region"
            aria-label="Document text"
            className="focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-4"
            data-document-body=""
            data-interactive={interactive.isComplete ? '' : undefined}
            {...markHandlers}
            onMouseUp={onBodyMouseUp}
          >
            <HighlightRenderingContext.Provider value={rendering}>
              {/* a boundary of its own: React hydrates its thousands of marks in pieces, with the browser free between */}
              <Suspense>
                <DocumentBody
                  structure={structure}
                  layout={layout}
                  plainLayout={plainLayout}
                  paintedUntil={interactive.painted}
                  titlePassageId={titlePassageId}
                  interactiveUntil={interactive.until}
                />
              </Suspense>
            </HighlightRenderingContext.Provider>
          </div>
          {floating && !composer && (
            <button
              type="button"
              className="absolute z-30 inline-flex min-h-9 items-center gap-2 rounded-md bg-stone-900 px-3 py-1.5 font-sans text-sm font-medium text-white shadow-lg hover:bg-stone-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
              style={{ top: floating.top, left: floating.left }}
              aria-keyshortcuts="a"
              // keeps the selection: a mouse press would otherwise collapse it before the click
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => openComposer(floating.selection, undefined, false)}
            >
              Annotate selection <kbd className="rounded border border-white/40 px-1 font-mono text-xs">a</kbd>
            </button>
          )}
          {descriptions}
          <PresenceMarkers readers={live.otherReaders} containerRef={containerRef} layoutKey={layout} />
        </div>
        <LiveHeader readers={live.otherReaders} status={live.status} passageLabel={live.passageLabel} documentChange={live.documentChange} />
      </article>
      <SheetLauncher count={spans.length + orphanList.length} isHidden={sheet.isShown} onOpen={sheet.open} />
      <NewMarksContext.Provider value={newContext}>
      <aside aria-label="Annotations" className={sheet.asideClassName}>
        <SheetBar onClose={sheet.close} />
        <AnnotationPanel
          total={spans.length + orphanList.length}
          anchored={shownSpans}
          orphans={orphans}
          counts={counts}
          filters={filters}
          onFiltersChange={setFilters}
          claims={claims}
          authors={authors}
          cards={cards}
          unavailable={unavailable}
          onNeedCards={needCards}
          paths={paths}
          documentSlug={documentSlug}
          canAnnotate={canAnnotate}
          isSignedIn={isSignedIn}
          focusedId={focusedId}
          focusRequest={focusRequest}
          callbacks={cardCallbacks}
          loadError={loadError}
          notice={
            <>
              {newBanner}
              {annotateNotice}
            </>
          }
          shortcuts={<ShortcutsHelp canAnnotate={canAnnotate} />}
          composer={
            composer && (
              <div ref={composerRef}>
                <AnnotationComposer
                  key={composer.session}
                  selection={composer.selection}
                  claims={claimList}
                  paths={paths}
                  documentSlug={documentSlug}
                  initialKind={composer.kind}
                  focusFieldOnOpen={composer.focusField}
                  onCancel={closeComposer}
                  onCreated={(created) => void onCreated(created)}
                />
              </div>
            )
          }
        />
      </aside>
      </NewMarksContext.Provider>
      <UndoToast message={lastDeleted ? 'Annotation deleted.' : null} onUndo={() => void undoDelete()} onDismiss={() => setLastDeleted(null)} />
    </>
  );
}
