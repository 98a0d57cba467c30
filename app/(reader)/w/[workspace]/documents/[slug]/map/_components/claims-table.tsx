'use client';
// The claims table: every claim of the map with its statistics, sortable by disagreement, aggregate, n, split and
// evidence balance, filterable by text, a page at a time; each row draws its credences. The map may list only the
// most disputed claims: sorting another way, filtering or paging past them asks for the rest (onNeedAllClaims).
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { sortClaims, type ClaimSortKey, type SortDirection } from '@/lib/disagreement/chart-data';
import { describeDisagreement, evidenceCounts } from '@/lib/disagreement/wording';
import type { MapClaimView, MapCredences } from '@/lib/disagreement/types';
import { inputStyles } from '@/app/_components/form-controls';
import { ShortcutsPanel, type Shortcut } from '@/app/_components/shortcuts-panel';
import { isTypingTarget } from '@/app/_components/typing-target';
import { CredenceChart, VIOLIN_FROM } from './credence-chart';
import { claimLabel, fixed, percent, readerHref } from '../../../../_components/map-format';

const PAGE = 25;

const columns: { key: ClaimSortKey; label: string; explanation: string }[] = [
  {
    key: 'disagreement',
    label: 'Disagreement',
    explanation:
      'None, mild, moderate or strong, by the spread (population standard deviation) of the reviewers\u2019 log-odds times n / (n + 3), so that small panels count less: mild from 0.25, moderate from 0.6, strong from 1; below, the range of the middle half of the credences.',
  },
  { key: 'aggregate', label: 'Aggregate', explanation: 'The geometric mean of the reviewers\u2019 odds, as a probability (credences clipped to 1%–99%).' },
  { key: 'n', label: 'n', explanation: 'How many reviewers hold a current credence on the claim.' },
  { key: 'split', label: 'Split', explanation: '2 × the smaller of the shares below 40% and above 60%: 1 is two equal camps, 0 is one side only.' },
  { key: 'evidence', label: 'Evidence', explanation: 'How many pieces of evidence are for and against the claim; sorted by their balance, each weighted by its strength (1–3).' },
];

/** The claims table's keys (and the reader's `m` brings you here). */
const mapShortcuts: readonly Shortcut[] = [
  [['1', '2', '3', '4', '5'], 'sort the claims by Disagreement, Aggregate, n, Split or Evidence (again: the other way)'],
  [['f'], 'filter the claims by words'],
  [['[', ']'], 'previous / next page of claims'],
  [['n'], 'the next claim new since your last visit'],
  [['Tab'], 'through the claims; Enter opens one where it sits in the text'],
];

/** The disagreement in words ("strong") over what the credences span; the measure itself on hover. */
function DisagreementCell({ claim, values }: { claim: MapClaimView; values: readonly number[] | undefined }) {
  // a small panel is described by its range (fewer than 4 values: the spread below is cheap)
  const small = claim.n < 4 && values && values.length > 0 ? values : null;
  const words = describeDisagreement({ ...claim, min: small ? Math.min(...small) : null, max: small ? Math.max(...small) : null });
  return (
    <td className="px-2 py-2 text-right" title={claim.disagreement === null ? undefined : `${words.text} (measure ${fixed(claim.disagreement)}: spread of log-odds × n / (n + 3))`}>
      <span className="block font-medium whitespace-nowrap">{words.headline}</span>
      {words.brief && <span className="block text-xs whitespace-nowrap text-stone-500">{words.brief}</span>}
    </td>
  );
}

export function ClaimsTable({
  claims,
  claimsTotal = claims.length,
  onNeedAllClaims = () => undefined,
  isLoadingClaims = false,
  credences,
  reviewerNames,
  readerBase,
  newClaimIds = [],
}: {
  /** the first claims of the ranking (most disagreement first), or all of them */
  claims: readonly MapClaimView[];
  /** how many claims the map has, listed or not */
  claimsTotal?: number;
  /** asks for the claims not listed yet */
  onNeedAllClaims?: () => void;
  /** they are on their way */
  isLoadingClaims?: boolean;
  credences: MapCredences | undefined;
  reviewerNames: readonly string[];
  readerBase: string;
  /** claims others rated or annotated since the viewer's last visit: marked, and `n` goes to the next */
  newClaimIds?: readonly string[];
}) {
  const [sort, setSort] = useState<{ key: ClaimSortKey; direction: SortDirection }>({ key: 'disagreement', direction: 'descending' });
  const [page, setPage] = useState(0);
  const [filter, setFilter] = useState('');
  const rank = useMemo(() => new Map(claims.map((c, i) => [c.claimId, i + 1])), [claims]);
  const sorted = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const shown = needle ? claims.filter((c) => claimLabel(c).toLowerCase().includes(needle)) : claims;
    return sortClaims(shown, sort.key, sort.direction);
  }, [claims, sort, filter]);
  const isComplete = claims.length >= claimsTotal;
  // unfiltered, the pages run over every claim, loaded or not (paging past the loaded ones loads the rest)
  const count = filter.trim() || isComplete ? sorted.length : claimsTotal;
  const pages = Math.max(1, Math.ceil(count / PAGE));
  const current = Math.min(page, pages - 1);
  const rows = sorted.slice(current * PAGE, current * PAGE + PAGE);
  const isPastLoaded = !isComplete && (current + 1) * PAGE > sorted.length;
  useEffect(() => {
    if (isPastLoaded) onNeedAllClaims();
  }, [isPastLoaded, onNeedAllClaims]);
  const newKey = newClaimIds.join(' ');
  const isNew = useMemo(() => new Set(newKey ? newKey.split(' ') : []), [newKey]);
  const newCount = claims.filter((c) => isNew.has(c.claimId)).length;
  // `n`: the next new claim in the table's order after the last one gone to, on whichever page it is
  const lastNew = useRef<string | null>(null);
  const [goTo, setGoTo] = useState<{ claimId: string; token: number } | null>(null);
  const nextNew = useCallback(() => {
    onNeedAllClaims();
    const order = sorted.filter((c) => isNew.has(c.claimId));
    if (order.length === 0) return;
    const at = lastNew.current === null ? -1 : order.findIndex((c) => c.claimId === lastNew.current);
    const target = order[(at + 1) % order.length] as MapClaimView;
    lastNew.current = target.claimId;
    setPage(Math.floor(sorted.indexOf(target) / PAGE));
    setGoTo((g) => ({ claimId: target.claimId, token: (g?.token ?? 0) + 1 }));
  }, [sorted, isNew, onNeedAllClaims]);
  useEffect(() => {
    if (!goTo) return;
    const link = document.querySelector<HTMLElement>(`#claim-${CSS.escape(goTo.claimId)} [data-testid="claim-statement"]`);
    link?.scrollIntoView({ block: 'center' });
    link?.focus({ preventScroll: true });
  }, [goTo]);

  const toggle = (key: ClaimSortKey) => {
    onNeedAllClaims();
    setPage(0);
    setSort((s) => (s.key === key ? { key, direction: s.direction === 'descending' ? 'ascending' : 'descending' } : { key, direction: 'descending' }));
  };

  // the table's keys (listed in its shortcuts panel): n next new, f filter, [ ] pages, 1–5 sort by a column
  const filterRef = useRef<HTMLInputElement>(null);
  const keyState = useRef({ newCount, nextNew, pages, current, toggle });
  keyState.current = { newCount, nextNew, pages, current, toggle };
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey || event.isComposing) return;
      if (isTypingTarget(event.target)) return;
      const state = keyState.current;
      const column = /^[1-5]$/.test(event.key) ? columns[Number(event.key) - 1] : undefined;
      if (event.key === 'n' && state.newCount > 0) state.nextNew();
      else if (event.key === 'f') filterRef.current?.focus();
      else if (event.key === ']' && state.current < state.pages - 1) setPage(state.current + 1);
      else if (event.key === '[' && state.current > 0) setPage(state.current - 1);
      else if (column) state.toggle(column.key);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <div>
      {newCount > 0 && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="new-since-visit">
          <p>
            <span className="font-semibold">{newCount === 1 ? '1 claim' : `${newCount} claims`}</span> rated or annotated by others since your last visit
          </p>
          <button type="button" className="min-h-11 rounded-md border border-stone-300 bg-white px-3 py-1 text-xs font-medium text-stone-800 hover:bg-stone-50" aria-keyshortcuts="n" onClick={nextNew}>
            Next new <kbd className="ml-1 rounded border border-stone-300 px-1 font-mono text-xs">n</kbd>
          </button>
        </div>
      )}
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <label className="block w-full max-w-xs text-sm text-stone-700">
          Filter claims
          <input ref={filterRef} type="search" aria-keyshortcuts="f" className={`${inputStyles} mt-1`} value={filter} onChange={(e) => (onNeedAllClaims(), setFilter(e.target.value), setPage(0))} placeholder="Words in the statement" />
        </label>
        <ShortcutsPanel shortcuts={mapShortcuts} />
        <p className="text-xs text-stone-600" aria-live="polite">
          {count === 0 ? 'No claims' : `Claims ${current * PAGE + 1}–${current * PAGE + (rows.length || Math.min(PAGE, count - current * PAGE))} of ${count}`}
          {isLoadingClaims && <span data-testid="claims-loading"> · loading {isComplete ? '' : `the other ${claimsTotal - claims.length} `}claims…</span>}
        </p>
      </div>
      {/* on a narrow screen the table scrolls sideways under a sticky claim column; focusable so keys scroll it too */}
      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label="Claims table">
        <table className="w-full min-w-[60rem] text-sm" data-testid="claims-table">
          <caption className="sr-only">Claims, sortable by the column headers</caption>
          <thead className="bg-stone-50 text-left text-xs text-stone-600">
            <tr>
              <th scope="col" className="w-10 px-3 py-2 font-medium" title="Rank by disagreement">
                #
              </th>
              <th scope="col" className="sticky left-0 z-10 bg-stone-50 px-3 py-2 font-medium">
                Claim
              </th>
              <th scope="col" className="px-3 py-2 font-medium" title={`Each dot is one reviewer's credence (a violin from ${VIOLIN_FROM} ratings on); red line: aggregate, blue dashed: median; grey: 50%.`}>
                Credences <span className="font-normal text-stone-500">0–100%</span>
              </th>
              {columns.map((column, index) => {
                const isSorted = sort.key === column.key;
                return (
                  <th key={column.key} scope="col" aria-sort={isSorted ? sort.direction : 'none'} className="px-2 py-2 text-right font-medium whitespace-nowrap">
                    <button
                      type="button"
                      onClick={() => toggle(column.key)}
                      aria-keyshortcuts={String(index + 1)}
                      title={column.explanation}
                      className="inline-flex items-center gap-1 rounded px-1 py-0.5 hover:bg-stone-200 max-lg:min-h-11 max-lg:min-w-11 max-lg:justify-center focus-visible:outline-2 focus-visible:outline-blue-600"
                    >
                      {column.label}
                      <span aria-hidden="true" className={isSorted ? 'text-stone-900' : 'text-stone-300'}>
                        {isSorted && sort.direction === 'ascending' ? '▲' : '▼'}
                      </span>
                    </button>
                  </th>
                );
              })}
              <th scope="col" className="px-3 py-2 text-right font-medium" title="How many reviewers marked this claim as a crux for another.">
                Crux marks
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {rows.length === 0 && isPastLoaded && (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-center text-sm text-stone-600">
                  Loading these claims…
                </td>
              </tr>
            )}
            {rows.map((claim) => {
              const values = credences?.[claim.claimId];
              return (
                <tr key={claim.claimId} id={`claim-${claim.claimId}`} data-claim-id={claim.claimId} className="align-middle target:bg-amber-50">
                  <td className="px-3 py-2 text-xs text-stone-500 tabular-nums">{rank.get(claim.claimId)}</td>
                  <td className="sticky left-0 z-10 max-w-[55vw] min-w-40 bg-white px-3 py-2 sm:max-w-md">
                    <Link href={readerHref(readerBase, claim)} className="text-stone-900 hover:text-blue-800 hover:underline" data-testid="claim-statement">
                      {claimLabel(claim)}
                    </Link>
                    {isNew.has(claim.claimId) && (
                      <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-950 ring-1 ring-amber-300" data-testid="new-mark">
                        New
                      </span>
                    )}
                    {claim.hidden && (
                      <span
                        className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900"
                        title="Blind review: rate this claim to see the others' current credences. Until then you see what was revealed when the current round opened."
                      >
                        hidden until you rate
                      </span>
                    )}
                  </td>
                  <td className="px-3 py-1">
                    {values && values.values.length > 0 ? (
                      <CredenceChart claim={claim} values={values.values} names={values.reviewers.map((i) => reviewerNames[i] ?? 'reviewer')} />
                    ) : (
                      <span className="text-xs text-stone-500">{claim.hidden ? 'hidden' : 'no credences'}</span>
                    )}
                  </td>
                  <DisagreementCell claim={claim} values={values?.values} />
                  <td className="px-2 py-2 text-right tabular-nums" title={`median ${percent(claim.median)}, quartiles ${percent(claim.q1)}–${percent(claim.q3)}`}>
                    {percent(claim.aggregate)}
                  </td>
                  <td className="px-2 py-2 text-right tabular-nums">{claim.n}</td>
                  <td className="px-2 py-2 text-right tabular-nums">{fixed(claim.split)}</td>
                  <td className="px-2 py-2 text-right whitespace-nowrap tabular-nums" title={`${claim.evidence.for} for (strength ${claim.evidence.forStrength}), ${claim.evidence.against} against (strength ${claim.evidence.againstStrength})`}>
                    {evidenceCounts(claim.evidence)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{claim.cruxCount}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="mt-3 flex items-center gap-2 text-sm" aria-label="Claims pages">
          <button type="button" className="rounded border border-stone-300 bg-white px-3 py-1 disabled:opacity-50" disabled={current === 0} onClick={() => setPage(current - 1)}>
            Previous
          </button>
          <span className="text-stone-600">
            Page {current + 1} of {pages}
          </span>
          <button type="button" className="rounded border border-stone-300 bg-white px-3 py-1 disabled:opacity-50" disabled={current >= pages - 1} onClick={() => setPage(current + 1)}>
            Next
          </button>
        </nav>
      )}
    </div>
  );
}
