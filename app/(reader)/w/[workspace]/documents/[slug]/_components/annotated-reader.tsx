'use client';
// The reading page's annotation layer: the document body with highlights and credence charts, the margin of
// cards, and the composer for new annotations on selected text. It starts from what the server rendered (the text
// and its highlights are there without JavaScript) from the page's layer: a span per annotation, full cards for
// the first ones, claims as statements and values. Marks name annotations by their index in the spans. After a
// change it applies the annotation the API returned, and reads again only the claims the change touched.
// Live: others' changes arrive through the change feed (ids only) and are read by id like the margin's cards; new
// highlights fade in, and who else is reading shows in the header and beside their passage.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AnnotationDto, AnnotationKind } from '@/lib/annotations/types';
import type { ReaderPassage } from '@/lib/documents/queries';
import { buildReaderStructure } from '@/lib/documents/reader-structure';
import { callApi } from '@/app/_components/api-client';
import { AnnotationComposer, isTypingTarget, kindOfShortcut, type CreatedAnnotation } from './annotation-composer';
import type { CardCallbacks } from './annotation-card';
import { filterableOf, matches, noFilters } from './annotation-filters';
import { AnnotationPanel } from './annotation-panel';
import { useHydrated } from './client-only';
import { DocumentBody } from './document-body';
import { LiveHeader, PresenceMarkers } from './live-presence';
import { HighlightRenderingContext } from './passage-text';
import { readerPaths } from './reader-api';
import type { PackedLayer } from './reader-layer';
import { currentSelection, offsetsToRange, type TextSelection } from './selection-offsets';
import { ShortcutsHelp } from './shortcuts-help';
import { useAnnotationLayer } from './use-annotation-layer';
import { useHighlightFocus } from './use-highlight-focus';
import { useHighlightRendering } from './use-highlight-rendering';
import { useReaderLive } from './use-reader-live';
import { useShownHighlights } from './use-shown-highlights';

type Role = 'owner' | 'reviewer' | 'observer';

type ComposerState = { selection: TextSelection; kind: AnnotationKind; focusField: boolean; session: number };

type FloatingSelection = { selection: TextSelection; top: number; left: number };

const PENDING_HIGHLIGHT = 'cruxmap-pending';

const sameSelection = (a: TextSelection | null | undefined, b: TextSelection | null | undefined) => a?.start === b?.start && a?.end === b?.end;

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
}) {
  const pathname = usePathname();
  const canAnnotate = role === 'owner' || role === 'reviewer';
  const isHydrated = useHydrated();
  const paths = useMemo(() => readerPaths(workspaceSlug, documentSlug), [workspaceSlug, documentSlug]);
  const structure = useMemo(() => buildReaderStructure(passages), [passages]);
  const text = useMemo(() => passages.map((p) => p.text).join('\n\n'), [passages]);
  const bodyRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);

  const {
    spans,
    orphanList,
    cards,
    unavailable,
    claimList,
    claims,
    authors,
    indexOf,
    latest,
    loadError,
    setLoadError,
    loadCards,
    needCards,
    applyAnnotation,
    applyClaims,
    applyChange,
    reloadAnnotation,
    removeAnnotation,
  } = useAnnotationLayer({ layer, paths, isHydrated });
  const { filters, setFilters, shownKeys, shownSpans, orphans, counts, layout, maxDepth } = useShownHighlights({
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
    loadCards,
  });
  const { rendering, descriptions } = useHighlightRendering({ spans, shownKeys, maxDepth, claims, authors, latest, requestFocus, isHydrated });
  const [composer, setComposer] = useState<ComposerState | null>(null);
  const [floating, setFloating] = useState<FloatingSelection | null>(null);
  const [lastDeleted, setLastDeleted] = useState<AnnotationDto | null>(null);
  const composerRef = useRef<HTMLDivElement>(null);
  const counter = useRef(0);

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
    indexOf,
    layout,
    applyAnnotation,
    applyClaims,
    removeAnnotation,
  });

  const openComposer = useCallback((selection: TextSelection, kind: AnnotationKind | undefined, focusField: boolean) => {
    setFloating(null);
    setComposer((current) => {
      if (current && !kind) return sameSelection(current.selection, selection) ? current : { ...current, selection };
      counter.current += 1;
      return { selection, kind: kind ?? current?.kind ?? 'claim', focusField, session: counter.current };
    });
  }, []);

  const closeComposer = useCallback(() => {
    setComposer(null);
    window.getSelection()?.removeAllRanges();
  }, []);

  // The selection, followed as it changes: offers "Annotate selection" beside it.
  useEffect(() => {
    if (!canAnnotate) return;
    let timer = 0;
    const update = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const root = bodyRef.current;
        const container = containerRef.current;
        const selection = root ? currentSelection(root, text) : null;
        if (!selection || !container) {
          setFloating(null);
          return;
        }
        const range = window.getSelection()?.getRangeAt(0);
        const rects = range ? [...range.getClientRects()] : [];
        const last = rects.at(-1);
        const box = container.getBoundingClientRect();
        const top = last ? last.bottom - box.top + 6 : 0;
        const left = last ? Math.max(0, Math.min(last.right - box.left - 80, box.width - 180)) : 0;
        setFloating((current) => (current && sameSelection(current.selection, selection) && current.top === top ? current : { selection, top, left }));
      }, 120);
    };
    document.addEventListener('selectionchange', update);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('selectionchange', update);
    };
  }, [canAnnotate, text]);

  // Keys: a (annotate the selection), c/e/x/p (annotate it as that kind), Escape (close the composer).
  useEffect(() => {
    if (!canAnnotate) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      if (event.target instanceof Node && composerRef.current?.contains(event.target)) return;
      if (event.key === 'Escape' && composer) {
        closeComposer();
        return;
      }
      if (isTypingTarget(event.target)) return;
      const key = event.key.toLowerCase();
      const kind = kindOfShortcut(key);
      if (key !== 'a' && !kind) return;
      const root = bodyRef.current;
      const selection = root ? currentSelection(root, text) : null;
      if (!selection) return;
      event.preventDefault();
      openComposer(selection, kind, kind !== undefined);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [canAnnotate, composer, text, openComposer, closeComposer]);

  // The text being annotated stays marked while the composer is open (CSS Custom Highlight API, where supported).
  useEffect(() => {
    const root = bodyRef.current;
    if (!composer || !root || typeof Highlight === 'undefined' || !('highlights' in CSS)) return;
    const range = offsetsToRange(root, composer.selection.start, composer.selection.end);
    if (!range) return;
    CSS.highlights.set(PENDING_HIGHLIGHT, new Highlight(range));
    return () => {
      CSS.highlights.delete(PENDING_HIGHLIGHT);
    };
  }, [composer, layout]);

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
    [showInText, setFocusedId, applyChange, reloadAnnotation, latest, setActive],
  );

  const undoDelete = useCallback(async () => {
    if (!lastDeleted) return;
    const result = await callApi<AnnotationDto>(`${paths.annotation(lastDeleted.id)}/restore`, { method: 'POST' });
    if (!result.ok) {
      setLoadError(`Could not restore: ${result.message}`);
      return;
    }
    setLastDeleted(null);
    await applyChange(result.data);
    requestFocus(result.data.id, 'focus');
  }, [lastDeleted, paths, applyChange, requestFocus, setLoadError]);

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

  const notice = canAnnotate ? null : (
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
            data-document-body=""
            {...markHandlers}
            onMouseUp={() => {
              if (!canAnnotate) return;
              // after the browser has settled the selection
              window.setTimeout(() => {
                const root = bodyRef.current;
                const selection = root ? currentSelection(root, text) : null;
                if (selection) openComposer(selection, undefined, false);
              }, 0);
            }}
          >
            <HighlightRenderingContext.Provider value={rendering}>
              <DocumentBody structure={structure} layout={layout} />
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
      <aside
        aria-label="Annotations"
        className="mt-10 min-w-0 border-t border-stone-200 pt-6 lg:sticky lg:top-4 lg:mt-0 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto lg:border-t-0 lg:px-1 lg:pt-0 lg:pb-6"
      >
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
          lastDeleted={lastDeleted}
          onUndoDelete={() => void undoDelete()}
          loadError={loadError}
          notice={notice}
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
    </>
  );
}
