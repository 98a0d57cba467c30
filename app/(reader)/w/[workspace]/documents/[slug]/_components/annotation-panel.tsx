'use client';
// The margin: filters (kind chips, author and claim with counts), the annotation cards in document order (a
// window that grows as it is scrolled, so thousands of annotations stay cheap), the orphans that lost their text
// in a newer version, and the viewer's recently deleted annotations to restore.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles, inputStyles } from '@/app/_components/form-controls';
import { annotationKinds, type AnnotationDto, type AnnotationKind, type ClaimDto } from '@/lib/annotations/types';
import { badgeClasses, badgeText, kindLabels, plural } from './annotation-format';
import { AnnotationCard, type FocusRequest } from './annotation-card';
import { isFiltering, noFilters, type AnnotationFilters, type FilterCounts } from './annotation-filters';
import { loadAnnotations, type ReaderPaths } from './reader-api';

const PAGE = 40;

const chipStyle: Record<AnnotationKind, string> = {
  claim: badgeClasses.claim,
  evidence: badgeClasses['evidence-for'],
  crux: badgeClasses.crux,
  probability: badgeClasses.probability,
};

type CardCallbacks = {
  onShowInText: (id: string) => void;
  onMutated: (focusId?: string) => Promise<void>;
  onDeleted: (annotation: AnnotationDto) => void;
  onHover: (id: string | null) => void;
};

function CardList({
  label,
  annotations,
  claims,
  paths,
  documentSlug,
  canAnnotate,
  focusedId,
  focusRequest,
  callbacks,
}: {
  label: string;
  annotations: readonly AnnotationDto[];
  claims: ReadonlyMap<string, ClaimDto>;
  paths: ReaderPaths;
  documentSlug: string;
  canAnnotate: boolean;
  focusedId: string | null;
  focusRequest: FocusRequest | null;
  callbacks: CardCallbacks;
}) {
  const [shown, setShown] = useState(PAGE);
  const sentinel = useRef<HTMLLIElement>(null);
  const hasMore = shown < annotations.length;

  // A card asked for beyond the window: grow the window to it.
  const requestedIndex = focusRequest ? annotations.findIndex((a) => a.id === focusRequest.id) : -1;
  const needed = requestedIndex >= 0 ? requestedIndex + 1 : 0;
  if (needed > shown) setShown(Math.ceil(needed / PAGE) * PAGE);

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasMore) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setShown((n) => n + PAGE);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasMore]);

  return (
    <ol aria-label={label} className="space-y-3">
      {annotations.slice(0, shown).map((a) => (
        <li key={a.id}>
          <AnnotationCard
            annotation={a}
            claims={claims}
            paths={paths}
            documentSlug={documentSlug}
            canAnnotate={canAnnotate}
            focusRequest={focusRequest?.id === a.id ? focusRequest : null}
            isFocused={focusedId === a.id}
            {...callbacks}
          />
        </li>
      ))}
      {hasMore && (
        <li ref={sentinel}>
          <button type="button" className={`${buttonStyles.secondary} w-full`} onClick={() => setShown((n) => n + PAGE)}>
            Show more ({annotations.length - shown} more)
          </button>
        </li>
      )}
    </ol>
  );
}

function RecentlyDeleted({ paths, onRestored }: { paths: ReaderPaths; onRestored: (id: string) => Promise<void> }) {
  const [items, setItems] = useState<AnnotationDto[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const api = useApiCall();
  const restore = async (id: string) => {
    const result = await api.run<AnnotationDto>(`${paths.annotation(id)}/restore`, { method: 'POST' });
    if (!result.ok) return;
    setItems((list) => list?.filter((x) => x.id !== id) ?? null);
    await onRestored(id);
  };
  const load = async () => {
    const result = await loadAnnotations(paths, '&deleted=true');
    if (result.ok) setItems(result.items);
    else setLoadError(result.error.message);
  };
  return (
    <details
      className="rounded-md border border-stone-200 bg-white p-3 text-sm"
      onToggle={(event) => {
        if (event.currentTarget.open) void load();
      }}
    >
      <summary className="cursor-pointer font-medium text-stone-700 focus-visible:outline-2 focus-visible:outline-blue-600">Recently deleted</summary>
      {loadError && <p className="mt-2 text-red-700">{loadError}</p>}
      {items === null ? (
        !loadError && <p className="mt-2 text-stone-500">Loading…</p>
      ) : items.length === 0 ? (
        <p className="mt-2 text-stone-500">Nothing to restore.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {items.map((a) => (
            <li key={a.id} className="flex items-start justify-between gap-2">
              <span className="min-w-0">
                <span className="font-medium">{badgeText(a)}</span> by {a.author.name}: “{a.claim?.statement ?? a.target.exact.slice(0, 80)}”
              </span>
              {a.can.restore && (
                <button
                  type="button"
                  className={`${buttonStyles.secondary} min-h-8 shrink-0 px-2 py-1 text-xs`}
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
  paths,
  documentSlug,
  canAnnotate,
  isSignedIn,
  focusedId,
  focusRequest,
  callbacks,
  lastDeleted,
  onUndoDelete,
  loadError,
  notice,
  composer,
  shortcuts,
}: {
  total: number;
  anchored: readonly AnnotationDto[];
  orphans: readonly AnnotationDto[];
  counts: FilterCounts;
  filters: AnnotationFilters;
  onFiltersChange: (filters: AnnotationFilters) => void;
  claims: ReadonlyMap<string, ClaimDto>;
  paths: ReaderPaths;
  documentSlug: string;
  canAnnotate: boolean;
  isSignedIn: boolean;
  focusedId: string | null;
  focusRequest: FocusRequest | null;
  callbacks: CardCallbacks;
  lastDeleted: AnnotationDto | null;
  onUndoDelete: () => void;
  loadError: string | null;
  notice: ReactNode;
  composer: ReactNode;
  shortcuts: ReactNode;
}) {
  const headingId = useId();
  const orphansId = useId();
  const authorId = useId();
  const claimId = useId();
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
  const claimOptions =
    filters.claimId && !counts.claims.some((c) => c.id === filters.claimId)
      ? [...counts.claims, { id: filters.claimId, statement: claims.get(filters.claimId)?.statement ?? 'Selected claim', count: 0 }]
      : counts.claims;

  return (
    <section aria-labelledby={headingId} className="space-y-4">
      {composer}
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold tracking-wide text-stone-600 uppercase">
          Annotations <span className="font-normal normal-case">({isFiltering(filters) ? `${shownCount} of ${total}` : total})</span>
        </h2>
        {shortcuts}
      </div>
      {notice}
      {loadError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {loadError}
        </p>
      )}
      {lastDeleted && (
        <div role="status" className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-stone-300 bg-stone-100 px-3 py-2 text-sm">
          <span>Annotation deleted.</span>
          <button type="button" className={`${buttonStyles.link} font-medium`} onClick={onUndoDelete}>
            Undo
          </button>
        </div>
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
                className={`inline-flex min-h-8 items-center gap-1 rounded-full px-2.5 py-1 text-xs font-medium ring-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
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
            <div>
              <label htmlFor={claimId} className="block text-xs font-medium text-stone-700">
                Claim
              </label>
              <select
                id={claimId}
                value={filters.claimId}
                onChange={(e) => onFiltersChange({ ...filters, claimId: e.target.value })}
                className={`mt-0.5 ${inputStyles} py-1.5 text-sm`}
              >
                <option value="">All claims</option>
                {claimOptions.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.statement.length > 70 ? `${c.statement.slice(0, 70)}…` : c.statement} ({c.count})
                  </option>
                ))}
              </select>
            </div>
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
        <CardList
          label="Annotations in document order"
          annotations={anchored}
          claims={claims}
          paths={paths}
          documentSlug={documentSlug}
          canAnnotate={canAnnotate}
          focusedId={focusedId}
          focusRequest={focusRequest}
          callbacks={callbacks}
        />
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
          <CardList
            label="Orphaned annotations"
            annotations={orphans}
            claims={claims}
            paths={paths}
            documentSlug={documentSlug}
            canAnnotate={canAnnotate}
            focusedId={focusedId}
            focusRequest={focusRequest}
            callbacks={callbacks}
          />
        </section>
      )}

      {isSignedIn && canAnnotate && <RecentlyDeleted paths={paths} onRestored={callbacks.onMutated} />}
      <p className="sr-only" aria-live="polite">
        {isFiltering(filters) ? `${plural(shownCount, 'annotation')} shown` : ''}
      </p>
    </section>
  );
}
