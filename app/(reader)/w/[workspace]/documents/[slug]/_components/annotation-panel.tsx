'use client';
// The margin: filters (kind chips, author and claim with counts), the annotation cards in document order (a
// window that grows as it is scrolled, so thousands of annotations stay cheap: cards the page did not bring are
// fetched by id as they come into the window), the orphans that lost their text in a newer version, and the
// viewer's recently deleted annotations to restore.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles, inputStyles } from '@/app/_components/form-controls';
import { annotationKinds, type AnnotationDto, type AnnotationKind, type ClaimSummary, type HighlightSpan, type UserRef } from '@/lib/annotations/types';
import { badgeClasses, badgeText, highlightStyleOf, kindLabels, kindText, plural } from './annotation-format';
import { AnnotationCard, type CardCallbacks, type FocusRequest } from './annotation-card';
import { claimOptions, isFiltering, noFilters, type AnnotationFilters, type FilterCounts } from './annotation-filters';
import { ClaimPicker, NEW_CLAIM, type ClaimOption } from './claim-picker';
import { loadAnnotations, type ReaderPaths } from './reader-api';
import { CARD_PAGE as PAGE } from './reader-layer';
import { groupRatings, itemIndexOf, ratingsLine, summarizeRatings, type MarginItem } from '@/lib/annotations/rating-groups';

const chipStyle: Record<AnnotationKind, string> = {
  claim: badgeClasses.claim,
  evidence: badgeClasses['evidence-for'],
  crux: badgeClasses.crux,
  probability: badgeClasses.probability,
};

/** A card's place in the margin, known before its annotation is loaded. */
export type CardEntry = Pick<HighlightSpan, 'id' | 'kind' | 'stance' | 'authorId' | 'claimId' | 'value'>;

export const entryOf = (a: AnnotationDto): CardEntry => ({
  id: a.id,
  kind: a.kind,
  stance: a.evidence?.stance ?? null,
  authorId: a.author.id,
  claimId: a.probability?.claimId ?? a.claim?.id ?? null,
  value: a.probability?.value ?? null,
});

type Range = { start: number; end: number };

/** The window grown to show entry `index`: a page further when it is that close, else a new window around it. */
function rangeToShow(range: Range, index: number): Range {
  if (index >= range.start && index < range.end) return range;
  if (index >= range.end && index < range.end + PAGE) return { start: range.start, end: range.end + PAGE };
  if (index < range.start && index >= range.start - PAGE) return { start: Math.max(0, range.start - PAGE), end: range.end };
  const start = Math.max(0, index - 3);
  return { start, end: start + PAGE };
}

/** Where a card will be: its kind and author while it loads. */
function CardPlaceholder({ entry, author, isUnavailable }: { entry: CardEntry; author: string; isUnavailable: boolean }) {
  return (
    <div
      data-testid="card-placeholder"
      aria-busy={!isUnavailable}
      className="min-h-24 rounded-lg border border-dashed border-stone-300 bg-white p-3 text-xs text-stone-500"
    >
      <span className={`rounded px-1.5 py-0.5 font-semibold ring-1 ${badgeClasses[highlightStyleOf(entry.kind, entry.stance)]}`}>{kindText(entry.kind, entry.stance)}</span>{' '}
      <span className="font-semibold text-stone-700">{author}</span>
      <p className="mt-2">{isUnavailable ? 'This annotation is no longer available.' : 'Loading…'}</p>
    </div>
  );
}

type CardProps = {
  cards: ReadonlyMap<string, AnnotationDto>;
  unavailable: ReadonlySet<string>;
  authors: ReadonlyMap<string, UserRef>;
  claims: ReadonlyMap<string, ClaimSummary>;
  paths: ReaderPaths;
  documentSlug: string;
  canAnnotate: boolean;
  focusedId: string | null;
  focusRequest: FocusRequest | null;
  callbacks: CardCallbacks;
};

/** One card, or its placeholder while it loads. */
function CardSlot({ entry, cards, unavailable, authors, claims, paths, documentSlug, canAnnotate, focusedId, focusRequest, callbacks }: CardProps & { entry: CardEntry }) {
  const card = cards.get(entry.id);
  return card ? (
    <AnnotationCard
      annotation={card}
      claims={claims}
      paths={paths}
      documentSlug={documentSlug}
      canAnnotate={canAnnotate}
      focusRequest={focusRequest?.id === card.id ? focusRequest : null}
      isFocused={focusedId === card.id}
      {...callbacks}
    />
  ) : (
    <CardPlaceholder entry={entry} author={authors.get(entry.authorId)?.name ?? 'Someone'} isUnavailable={unavailable.has(entry.id)} />
  );
}

/** A claim's ratings as one line — "12 ratings · median 81%" — with its cards one click away. */
function RatingGroup({ claimId, entries, isOpen, onToggle, ...props }: CardProps & { claimId: string; entries: readonly CardEntry[]; isOpen: boolean; onToggle: () => void }) {
  const listId = useId();
  const statement = props.claims.get(claimId)?.statement ?? 'a claim';
  const line = ratingsLine(summarizeRatings(entries));
  const isFocused = entries.some((e) => e.id === props.focusedId);
  return (
    <div
      data-testid="rating-group"
      className={`rounded-lg border bg-white p-3 text-sm ${isFocused ? 'border-blue-500 ring-2 ring-blue-200' : 'border-stone-200'}`}
    >
      <p className="text-xs">
        <span className={`rounded px-1.5 py-0.5 font-semibold ring-1 ${badgeClasses.probability}`}>{kindLabels.probability}</span>{' '}
        <span className="text-stone-800">“{statement}”</span>
      </p>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium text-stone-800 tabular-nums" data-testid="rating-group-line">
          {line}
        </p>
        <button type="button" className={`${buttonStyles.secondary} min-h-11 px-3 py-1 text-xs`} aria-expanded={isOpen} aria-controls={listId} onClick={onToggle}>
          {isOpen ? 'Hide the ratings' : `Show the ${plural(entries.length, 'rating')}`}
        </button>
      </div>
      {isOpen && (
        <ol id={listId} aria-label={`Ratings of “${statement}”`} className="mt-3 space-y-3">
          {entries.map((entry) => (
            <li key={entry.id}>
              <CardSlot entry={entry} {...props} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function CardList({
  label,
  entries,
  resetKey,
  onNeedCards,
  focusRequest,
  ...props
}: Omit<CardProps, 'focusRequest'> & {
  label: string;
  entries: readonly CardEntry[];
  /** the window starts again at the top when this changes (the filters) */
  resetKey: string;
  onNeedCards: (ids: readonly string[]) => void;
  focusRequest: FocusRequest | null;
}) {
  const [range, setRange] = useState<Range>({ start: 0, end: PAGE });
  const [rangeKey, setRangeKey] = useState(resetKey);
  const [handledToken, setHandledToken] = useState<number | null>(null);
  // the claims whose ratings are shown as cards
  const [openGroups, setOpenGroups] = useState<ReadonlySet<string>>(new Set());
  const sentinel = useRef<HTMLLIElement>(null);
  const items: MarginItem<CardEntry>[] = useMemo(() => groupRatings(entries), [entries]);
  const { cards, unavailable } = props;

  if (rangeKey !== resetKey) {
    setRangeKey(resetKey);
    setRange({ start: 0, end: PAGE });
  }
  // A card asked for (a highlight clicked, a card made) outside the window: the window moves to it, once; a
  // rating folded into its claim's line opens the line.
  if (focusRequest && focusRequest.token !== handledToken) {
    setHandledToken(focusRequest.token);
    const index = itemIndexOf(items, focusRequest.id);
    if (index >= 0) {
      setRange((r) => rangeToShow(r, index));
      const item = items[index];
      if (item?.type === 'ratings' && !openGroups.has(item.claimId)) setOpenGroups(new Set([...openGroups, item.claimId]));
    }
  }

  const start = Math.min(range.start, Math.max(0, items.length - 1));
  const shown = items.slice(start, range.end);
  const hasMore = range.end < items.length;
  const visibleEntries = shown.flatMap((item) => (item.type === 'card' ? [item.entry] : openGroups.has(item.claimId) ? item.entries : []));
  const missing = visibleEntries.filter((e) => !cards.has(e.id) && !unavailable.has(e.id)).map((e) => e.id);
  const missingKey = missing.join(' ');

  useEffect(() => {
    if (missingKey) onNeedCards(missingKey.split(' '));
  }, [missingKey, onNeedCards]);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore) return;
    // made again as the window grows, so a sentinel still in view asks for the next page too
    const observer = new IntersectionObserver((observed) => {
      if (observed.some((e) => e.isIntersecting)) setRange((r) => ({ ...r, end: r.end + PAGE }));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore, range.end]);

  const toggle = (claimId: string) =>
    setOpenGroups((open) => {
      const next = new Set(open);
      if (next.has(claimId)) next.delete(claimId);
      else next.add(claimId);
      return next;
    });

  return (
    <ol aria-label={label} className="space-y-3">
      {start > 0 && (
        <li>
          <button type="button" className={`${buttonStyles.secondary} w-full`} onClick={() => setRange((r) => ({ ...r, start: Math.max(0, start - PAGE) }))}>
            Show earlier ({start} earlier)
          </button>
        </li>
      )}
      {shown.map((item) => (
        <li key={item.key}>
          {item.type === 'card' ? (
            <CardSlot entry={item.entry} focusRequest={focusRequest} {...props} />
          ) : (
            <RatingGroup
              claimId={item.claimId}
              entries={item.entries}
              isOpen={openGroups.has(item.claimId)}
              onToggle={() => toggle(item.claimId)}
              focusRequest={focusRequest}
              {...props}
            />
          )}
        </li>
      ))}
      {hasMore && (
        <li ref={sentinel}>
          <button type="button" className={`${buttonStyles.secondary} w-full`} onClick={() => setRange((r) => ({ ...r, end: r.end + PAGE }))}>
            Show more ({items.length - range.end} more)
          </button>
        </li>
      )}
    </ol>
  );
}

function RecentlyDeleted({ paths, onRestored }: { paths: ReaderPaths; onRestored: (annotation: AnnotationDto) => void }) {
  const [items, setItems] = useState<AnnotationDto[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const api = useApiCall();
  const restore = async (id: string) => {
    const result = await api.run<AnnotationDto>(`${paths.annotation(id)}/restore`, { method: 'POST' });
    if (!result.ok) return;
    setItems((list) => list?.filter((x) => x.id !== id) ?? null);
    onRestored(result.data);
  };
  const load = async () => {
    const result = await loadAnnotations(paths, '&deleted=true');
    if (result.ok) setItems(result.items);
    else setLoadError(result.error.message);
  };
  useEffect(() => {
    void load();
    // loaded once, as the menu opens (the menu mounts this)
  }, []);
  return (
    <section aria-label="Recently deleted" className="text-sm" data-testid="recently-deleted">
      <h3 className="font-medium text-stone-700">Recently deleted</h3>
      <p className="text-xs text-stone-500">Deleted in the last 30 days; restore puts one back where it was.</p>
      {loadError && <p className="mt-2 text-red-700">{loadError}</p>}
      {items === null ? (
        !loadError && <p className="mt-2 text-stone-500">Loading…</p>
      ) : items.length === 0 ? (
        <p className="mt-2 text-stone-500">Nothing to restore.</p>
      ) : (
        <ul className="mt-2 max-h-80 space-y-2 overflow-y-auto">
          {items.map((a) => (
            <li key={a.id} className="flex items-start justify-between gap-2">
              <span className="min-w-0">
                <span className="font-medium">{badgeText(a)}</span> by {a.author.name}: “{a.claim?.statement ?? a.target.exact.slice(0, 80)}”
              </span>
              {a.can.restore && (
                <button
                  type="button"
                  className={`${buttonStyles.secondary} min-h-11 shrink-0 px-3 py-1 text-xs`}
                  disabled={api.pending}
                  onClick={() => void restore(a.id)}
                >
                  Restore
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError error={api.error} />
    </section>
  );
}

/**
 * The margin's menu (in its header, where the eye is): recently deleted annotations to restore, opened with the
 * mouse or `b`; Esc closes it.
 */
function SidebarMenu({ paths, onRestored }: { paths: ReaderPaths; onRestored: (annotation: AnnotationDto) => void }) {
  const [isOpen, setOpen] = useState(false);
  const ref = useRef<HTMLDetailsElement>(null);
  return (
    <details
      ref={ref}
      className="relative"
      data-testid="sidebar-menu"
      onToggle={(event) => setOpen(event.currentTarget.open)}
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !ref.current?.open) return;
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }}
    >
      <summary
        data-reader-key="b"
        aria-keyshortcuts="b"
        className={`${buttonStyles.link} inline-flex min-h-11 cursor-pointer list-none items-center px-1 text-xs [&::-webkit-details-marker]:hidden`}
      >
        Recently deleted ▾
      </summary>
      <div className="absolute left-0 z-30 mt-1 w-80 max-w-[calc(100vw-2rem)] rounded-md border border-stone-200 bg-white p-3 shadow-lg">
        {isOpen && <RecentlyDeleted paths={paths} onRestored={onRestored} />}
      </div>
    </details>
  );
}

export function AnnotationPanel({
  total,
  anchored,
  orphans,
  counts,
  filters,
  onFiltersChange,
  claims,
  authors,
  cards,
  unavailable,
  onNeedCards,
  paths,
  documentSlug,
  canAnnotate,
  isSignedIn,
  focusedId,
  focusRequest,
  callbacks,
  loadError,
  notice,
  composer,
  shortcuts,
}: {
  total: number;
  /** the highlighted annotations that pass the filters, in document order */
  anchored: readonly CardEntry[];
  orphans: readonly AnnotationDto[];
  counts: FilterCounts;
  filters: AnnotationFilters;
  onFiltersChange: (filters: AnnotationFilters) => void;
  claims: ReadonlyMap<string, ClaimSummary>;
  authors: ReadonlyMap<string, UserRef>;
  /** the annotations loaded in full so far */
  cards: ReadonlyMap<string, AnnotationDto>;
  /** ids asked for that the API did not return (deleted meanwhile) */
  unavailable: ReadonlySet<string>;
  onNeedCards: (ids: readonly string[]) => void;
  paths: ReaderPaths;
  documentSlug: string;
  canAnnotate: boolean;
  isSignedIn: boolean;
  focusedId: string | null;
  focusRequest: FocusRequest | null;
  callbacks: CardCallbacks;
  loadError: string | null;
  notice: ReactNode;
  composer: ReactNode;
  shortcuts: ReactNode;
}) {
  const headingId = useId();
  const orphansId = useId();
  const authorId = useId();
  const claimId = useId();
  const filterKey = `${[...filters.kinds].sort().join(',')} ${filters.authorId} ${filters.claimId}`;
  const orphanEntries = orphans.map(entryOf);
  const listProps = { cards, unavailable, onNeedCards, authors, claims, paths, documentSlug, canAnnotate, focusedId, focusRequest, callbacks, resetKey: filterKey };
  const shownCount = anchored.length + orphans.length;
  const toggleKind = (kind: AnnotationKind) => {
    const kinds = new Set(filters.kinds);
    if (kinds.has(kind)) kinds.delete(kind);
    else kinds.add(kind);
    onFiltersChange({ ...filters, kinds });
  };
  const authorOptions =
    filters.authorId && !counts.authors.some((a) => a.id === filters.authorId)
      ? [...counts.authors, { id: filters.authorId, name: 'Selected author', count: 0 }]
      : counts.authors;
  // thousands of choices: listed (and sorted) only when the list opens
  const claimChoices = useCallback((): ClaimOption[] => {
    const options = claimOptions(counts, claims).map((c) => ({ id: c.id, statement: c.statement, note: String(c.count) }));
    return filters.claimId && !counts.claims.has(filters.claimId)
      ? [...options, { id: filters.claimId, statement: claims.get(filters.claimId)?.statement ?? 'Selected claim', note: '0' }]
      : options;
  }, [counts, claims, filters.claimId]);

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      {composer}
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold tracking-wide text-stone-600 uppercase">
          Annotations <span className="font-normal normal-case">({isFiltering(filters) ? `${shownCount} of ${total}` : total})</span>
        </h2>
        <div className="flex items-center gap-1">
          {isSignedIn && canAnnotate && <SidebarMenu paths={paths} onRestored={(restored) => callbacks.onSaved(restored, restored.id)} />}
          {shortcuts}
        </div>
      </div>
      {notice}
      {loadError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {loadError}
        </p>
      )}

      {total > 0 && (
        <div className="space-y-3 rounded-md border border-stone-200 bg-white p-3" role="group" aria-label="Filter annotations">
          <div role="group" aria-label="Kinds" className="flex flex-wrap gap-1.5">
            {annotationKinds.map((kind) => (
              <button
                key={kind}
                type="button"
                aria-pressed={filters.kinds.has(kind)}
                onClick={() => toggleKind(kind)}
                className={`inline-flex min-h-8 items-center gap-1 rounded-full px-2.5 py-1 max-lg:min-h-11 text-xs font-medium ring-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
                  filters.kinds.has(kind) ? `${chipStyle[kind]} ring-2` : 'bg-white text-stone-700 ring-stone-300 hover:bg-stone-50'
                }`}
              >
                {kindLabels[kind]} <span className="tabular-nums opacity-75">{counts.kinds[kind]}</span>
              </button>
            ))}
          </div>
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-1">
            <div>
              <label htmlFor={authorId} className="block text-xs font-medium text-stone-700">
                Author
              </label>
              <select
                id={authorId}
                value={filters.authorId}
                onChange={(e) => onFiltersChange({ ...filters, authorId: e.target.value })}
                className={`mt-0.5 ${inputStyles} py-1.5 text-sm`}
              >
                <option value="">Everyone</option>
                {authorOptions.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.count})
                  </option>
                ))}
              </select>
            </div>
            <ClaimPicker
              id={claimId}
              label="Claim"
              size="small"
              claims={claimChoices}
              valueLabel={filters.claimId ? (claims.get(filters.claimId)?.statement ?? 'Selected claim') : undefined}
              value={filters.claimId}
              onChange={(id) => onFiltersChange({ ...filters, claimId: id === NEW_CLAIM ? '' : id })}
              newLabel="All claims"
            />
          </div>
          {isFiltering(filters) && (
            <button type="button" className={`${buttonStyles.link} text-sm`} onClick={() => onFiltersChange(noFilters)}>
              Clear filters
            </button>
          )}
        </div>
      )}

      {total === 0 ? (
        <p className="text-sm text-stone-600">{canAnnotate ? 'No annotations yet. Select some text to make the first one.' : 'No annotations yet.'}</p>
      ) : anchored.length === 0 && orphans.length === 0 ? (
        <p className="text-sm text-stone-600">No annotations match these filters.</p>
      ) : (
        <CardList label="Annotations in document order" entries={anchored} {...listProps} />
      )}

      {orphans.length > 0 && (
        <section aria-labelledby={orphansId} className="space-y-2 rounded-md border border-dashed border-stone-300 p-3" data-testid="orphans">
          <h3 id={orphansId} className="text-sm font-semibold text-stone-700">
            Orphans ({orphans.length})
          </h3>
          <p className="text-xs text-stone-600">
            These were made on an earlier version of the document, and their text is no longer in this one, so they are not highlighted. The quote shows what they were
            about.
          </p>
          <CardList label="Orphaned annotations" entries={orphanEntries} {...listProps} />
        </section>
      )}

      <p className="sr-only" aria-live="polite">
        {isFiltering(filters) ? `${plural(shownCount, 'annotation')} shown` : ''}
      </p>
    </section>
  );
}
