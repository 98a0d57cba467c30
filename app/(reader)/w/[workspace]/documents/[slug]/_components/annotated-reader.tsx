'use client';
// The reading page's annotation layer: the document body with highlights and credence charts, the margin of
// cards, and the composer for new annotations on selected text. It starts from what the server rendered
// (so the text and its highlights are there without JavaScript) and reloads from the API after every change.
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AnnotationDto, AnnotationKind, ClaimDto } from '@/lib/annotations/types';
import type { ReaderPassage } from '@/lib/documents/queries';
import { buildReaderStructure, type Segment } from '@/lib/documents/reader-structure';
import { callApi } from '@/app/_components/api-client';
import { describeAnnotation, highlightStyleOf, plural } from './annotation-format';
import { AnnotationComposer, isTypingTarget, kindOfShortcut } from './annotation-composer';
import type { FocusRequest } from './annotation-card';
import { filterCounts, matches, noFilters, type AnnotationFilters } from './annotation-filters';
import { AnnotationPanel } from './annotation-panel';
import { CredenceGlyph } from './credence';
import { DocumentBody } from './document-body';
import { buildRuns, layoutPassages, type Glyph, type LayoutPassage } from './highlight-layout';
import { HighlightRenderingContext, type HighlightRendering } from './passage-text';
import { inDocumentOrder, loadReaderData, readerPaths } from './reader-api';
import { currentSelection, offsetsToRange, type TextSelection } from './selection-offsets';
import { ShortcutsHelp } from './shortcuts-help';

type Role = 'owner' | 'reviewer' | 'observer';

type ComposerState = { selection: TextSelection; kind: AnnotationKind; focusField: boolean; session: number };

type FloatingSelection = { selection: TextSelection; top: number; left: number };

const PENDING_HIGHLIGHT = 'cruxmap-pending';

const isAnchored = (a: AnnotationDto): boolean => a.anchor.status !== 'orphan' && a.anchor.start !== null && a.anchor.end !== null && a.anchor.end > a.anchor.start;

const sameSelection = (a: TextSelection | null | undefined, b: TextSelection | null | undefined) => a?.start === b?.start && a?.end === b?.end;

/** Marks carrying any of these annotations. */
const marksOf = (root: HTMLElement, ids: readonly string[]): HTMLElement[] =>
  ids.flatMap((id) => [...root.querySelectorAll<HTMLElement>(`mark[data-annotation-ids~="${CSS.escape(id)}"]`)]);

export function AnnotatedReader({
  header,
  workspaceSlug,
  documentSlug,
  versionNumber,
  passages,
  initialAnnotations,
  initialClaims,
  role,
  isSignedIn,
}: {
  header: ReactNode;
  workspaceSlug: string;
  documentSlug: string;
  versionNumber: number;
  passages: ReaderPassage[];
  initialAnnotations: AnnotationDto[];
  initialClaims: ClaimDto[];
  role: Role | null;
  isSignedIn: boolean;
}) {
  const pathname = usePathname();
  const canAnnotate = role === 'owner' || role === 'reviewer';
  const paths = useMemo(() => readerPaths(workspaceSlug, documentSlug), [workspaceSlug, documentSlug]);
  const structure = useMemo(() => buildReaderStructure(passages), [passages]);
  const text = useMemo(() => passages.map((p) => p.text).join('\n\n'), [passages]);

  const [annotations, setAnnotations] = useState(() => inDocumentOrder(initialAnnotations));
  const [claimList, setClaimList] = useState(initialClaims);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filters, setFilters] = useState<AnnotationFilters>(noFilters);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [composer, setComposer] = useState<ComposerState | null>(null);
  const [floating, setFloating] = useState<FloatingSelection | null>(null);
  const [lastDeleted, setLastDeleted] = useState<AnnotationDto | null>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const composerRef = useRef<HTMLDivElement>(null);
  const counter = useRef(0);
  const activeMarks = useRef<HTMLElement[]>([]);

  const claims = useMemo(() => new Map(claimList.map((c) => [c.id, c])), [claimList]);
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations]);
  const filtered = useMemo(() => annotations.filter((a) => matches(a, filters)), [annotations, filters]);
  const anchored = useMemo(() => filtered.filter(isAnchored), [filtered]);
  const orphans = useMemo(() => filtered.filter((a) => !isAnchored(a)), [filtered]);
  const counts = useMemo(() => filterCounts(annotations, filters, claims), [annotations, filters, claims]);

  // Highlights: one sweep over the anchored annotations, then every passage cut into pieces.
  const { layout, maxDepth } = useMemo(() => {
    // On the very same words a claim shows as the claim, with the others' lines under it.
    const rank = { probability: 0, evidence: 1, crux: 2, claim: 3 } as const;
    const runs = buildRuns(anchored.map((a) => ({ id: a.id, start: a.anchor.start as number, end: a.anchor.end as number, rank: rank[a.kind] })));
    // One credence chart per claim, after its text: its first claim annotation's, else its first probability's.
    const glyphs = new Map<string, Glyph & { isClaim: boolean }>();
    for (const a of anchored) {
      if ((a.kind !== 'claim' && a.kind !== 'probability') || !a.claimId) continue;
      const placed = glyphs.get(a.claimId);
      if (!placed || (!placed.isClaim && a.kind === 'claim')) {
        glyphs.set(a.claimId, { at: a.anchor.end as number, claimId: a.claimId, annotationId: a.id, isClaim: a.kind === 'claim' });
      }
    }
    const segmentsOf = new Map<string, Segment[]>();
    for (const block of structure.blocks) {
      for (const p of block.type === 'passage' ? [block.passage] : block.items) segmentsOf.set(p.id, p.segments);
    }
    for (const note of structure.footnotes) segmentsOf.set(note.passage.id, note.passage.segments);
    const layoutInput: LayoutPassage[] = [...passages]
      .sort((a, b) => a.start - b.start)
      .map((p) => ({ id: p.id, start: p.start, end: p.end, segments: segmentsOf.get(p.id) ?? [{ type: 'text', text: p.text }] }));
    return {
      layout: layoutPassages(layoutInput, runs, [...glyphs.values()]),
      maxDepth: runs.reduce((max, run) => Math.max(max, run.ids.length), 0),
    };
  }, [anchored, structure, passages]);

  const requestFocus = useCallback((id: string, intent: FocusRequest['intent']) => {
    counter.current += 1;
    setFocusedId(id);
    setFocusRequest({ id, token: counter.current, intent });
  }, []);

  const rendering = useMemo<HighlightRendering>(
    () => ({
      styleOf: (id) => {
        const a = byId.get(id);
        return a ? highlightStyleOf(a) : 'claim';
      },
      renderGlyph: (claimId, annotationId) => <CredenceGlyph inText claim={claims.get(claimId)} onOpen={() => requestFocus(annotationId, 'rate')} />,
    }),
    [byId, claims, requestFocus],
  );

  const refresh = useCallback(
    async (focusId?: string) => {
      const result = await loadReaderData(paths);
      if (!result.ok) {
        setLoadError(`Could not reload the annotations: ${result.error.message}`);
        return;
      }
      setLoadError(null);
      setAnnotations(result.annotations);
      setClaimList(result.claims);
      if (focusId) setFocusedId(focusId);
    },
    [paths],
  );

  // Hovering or focusing a highlight lights up every piece of its annotations, and their cards.
  const setActive = useCallback((ids: readonly string[]) => {
    for (const element of activeMarks.current) element.classList.remove('hl-active');
    const root = bodyRef.current;
    const next = root ? marksOf(root, ids) : [];
    for (const id of ids) {
      const card = document.getElementById(`card-${id}`);
      if (card) next.push(card);
    }
    for (const element of next) element.classList.add('hl-active');
    activeMarks.current = next;
  }, []);

  const showInText = useCallback(
    (id: string) => {
      const root = bodyRef.current;
      if (!root) return;
      const marks = marksOf(root, [id]);
      const first = root.querySelector<HTMLElement>(`mark[data-opens~="${CSS.escape(id)}"]`) ?? marks[0];
      if (!first) return;
      setFocusedId(id);
      first.scrollIntoView({ block: 'center', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
      for (const mark of marks) {
        mark.classList.remove('hl-flash');
        // restart the animation on a second click
        void mark.offsetWidth;
        mark.classList.add('hl-flash');
      }
      window.setTimeout(() => marks.forEach((mark) => mark.classList.remove('hl-flash')), 1800);
      if (first.tabIndex >= 0) first.focus({ preventScroll: true });
    },
    [],
  );

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

  const cardCallbacks = useMemo(
    () => ({
      onShowInText: showInText,
      onMutated: refresh,
      onDeleted: (deleted: AnnotationDto) => {
        setLastDeleted(deleted);
        void refresh();
      },
      onHover: (id: string | null) => setActive(id ? [id] : []),
    }),
    [showInText, refresh, setActive],
  );

  const undoDelete = useCallback(async () => {
    if (!lastDeleted) return;
    const result = await callApi<AnnotationDto>(`${paths.annotation(lastDeleted.id)}/restore`, { method: 'POST' });
    if (!result.ok) {
      setLoadError(`Could not restore: ${result.message}`);
      return;
    }
    setLastDeleted(null);
    await refresh();
    requestFocus(lastDeleted.id, 'focus');
  }, [lastDeleted, paths, refresh, requestFocus]);

  const markIds = (target: EventTarget | null): { mark: HTMLElement; ids: string[] } | null => {
    if (!(target instanceof Element)) return null;
    const mark = target.closest<HTMLElement>('mark[data-annotation-ids]');
    const ids = mark?.dataset.annotationIds?.split(' ').filter(Boolean);
    return mark && ids?.length ? { mark, ids } : null;
  };

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

  const descriptions = useMemo(
    () => (
      <div hidden>
        {anchored.map((a) => (
          <span key={a.id} id={`hl-desc-${a.id}`}>
            {describeAnnotation(a, claims)}.
          </span>
        ))}
        {Array.from({ length: Math.max(0, maxDepth - 1) }, (_, i) => i + 2).map((n) => (
          <span key={n} id={`hl-count-${n}`}>
            {plural(n, 'annotation')} on these words.
          </span>
        ))}
      </div>
    ),
    [anchored, claims, maxDepth],
  );

  return (
    <>
      <article className="mt-6 min-w-0 lg:mt-0" aria-labelledby="document-title" data-version={versionNumber}>
        {header}
        <div ref={containerRef} className="relative max-w-[68ch]">
          <div
            ref={bodyRef}
            data-document-body=""
            onClick={(event) => {
              if (event.target instanceof Element && event.target.closest('a, button')) return;
              const hit = markIds(event.target);
              if (!hit || !(window.getSelection()?.isCollapsed ?? true)) return;
              requestFocus(hit.ids[hit.ids.length - 1] as string, 'thread');
            }}
            onKeyDown={(event) => {
              if (event.key !== 'Enter' && event.key !== ' ') return;
              const hit = markIds(event.target);
              if (!hit || event.target !== hit.mark || !hit.mark.dataset.opens) return;
              event.preventDefault();
              // the innermost annotation starting here, as a click would; its description comes first
              const opens = hit.mark.dataset.opens.split(' ');
              requestFocus(opens[opens.length - 1] as string, 'thread');
            }}
            onMouseOver={(event) => {
              const hit = markIds(event.target);
              if (hit) setActive(hit.ids);
            }}
            onMouseOut={(event) => {
              if (markIds(event.target) && !markIds(event.relatedTarget)) setActive([]);
            }}
            onFocus={(event) => {
              const hit = markIds(event.target);
              if (hit) setActive(hit.ids);
            }}
            onBlur={() => setActive([])}
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
        </div>
      </article>
      <aside
        aria-label="Annotations"
        className="mt-10 min-w-0 border-t border-stone-200 pt-6 lg:sticky lg:top-4 lg:mt-0 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto lg:border-t-0 lg:px-1 lg:pt-0 lg:pb-6"
      >
        <AnnotationPanel
          total={annotations.length}
          anchored={anchored}
          orphans={orphans}
          counts={counts}
          filters={filters}
          onFiltersChange={setFilters}
          claims={claims}
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
                  onCreated={(created) => {
                    closeComposer();
                    // the new card must be in view, whatever the filters were
                    if (!matches(created, filters)) setFilters(noFilters);
                    void refresh(created.id).then(() => requestFocus(created.id, 'focus'));
                  }}
                />
              </div>
            )
          }
        />
      </aside>
    </>
  );
}
