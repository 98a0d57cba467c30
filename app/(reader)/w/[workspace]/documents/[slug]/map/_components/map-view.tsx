'use client';
// The document's disagreement map on one page: the map JSON (with credences) held in state, re-fetched from
// GET …/disagreement?credences=true&pairs=N&claims=M by refresh() — after an owner's change here, live, when the
// workspace's change feed reports writes (at most twice a second under bursts), and with a larger N for "Show more
// pairs" — and drawn as sections: where we disagree most, heat strip, claims, groups, cruxes, matrix and pairs,
// rounds. The page starts with the most disputed claims; the rest are fetched (`claimsOffset`) when something needs
// them: the claims table sorted, filtered or paged past them, or the sections below it scrolled near.
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { callApi } from '@/app/_components/api-client';
import { LiveStatusNotice } from '@/app/_components/live/live-notices';
import { useLiveEvents } from '@/app/_components/live/use-live-events';
import { appendClaimPage, hasAllClaims } from '@/lib/disagreement/claim-pages';
import { DEFAULT_MAP_CLAIMS, DEFAULT_MAP_PAIRS, MAX_MAP_CLAIMS, MAX_MAP_PAIRS, type DisagreementMapResponse } from '@/lib/disagreement/types';
import { ClaimsTable } from './claims-table';
import { CruxGraphView } from '../../../../_components/crux-graph/crux-graph-view';
import { graphFromMap } from '../../../../_components/crux-graph/crux-graph-data';
import { CruxList } from './crux-list';
import { GroupsView } from './groups-view';
import { HEAT_EXPLANATION, HeatLegend, HeatStrip, useHeatColour, type StripPassage } from '../../../../_components/heat-strip';
import { fixed } from '../../../../_components/map-format';
import { MostDisputed } from '../../../../_components/most-disputed';
import { plural } from '@/app/_components/format';
import { MatrixView, PairTable } from './matrix-view';
import { ReviewControls } from './review-controls';
import { RoundsView } from './rounds-view';

const GRAPH_EXPLANATION =
  'Which claims hinge on which, and by how much: an arrow K → C for every crux link a reviewer marked, as wide as the expected shift — how far learning whether K is true would move the reviewers on C, from the conditional credences they gave. Focus a claim to see only what it hinges on and what hinges on it.';

export type MapPassage = { id: string; index: number; kind: string; text: string };

const sections = [
  { id: 'disputed', title: 'Where we disagree most' },
  { id: 'heat', title: 'Heat' },
  { id: 'claims', title: 'Claims' },
  { id: 'groups', title: 'Opinion groups' },
  { id: 'cruxes', title: 'Cruxes' },
  { id: 'graph', title: 'Crux graph' },
  { id: 'matrix', title: 'Matrix and pairs' },
  { id: 'rounds', title: 'Rounds' },
] as const;

export function MapView({
  workspaceSlug,
  initial,
  initialPairs = DEFAULT_MAP_PAIRS,
  initialClaims = DEFAULT_MAP_CLAIMS,
  passages,
  isOwner,
  isSignedIn,
  role,
  liveCursor = null,
  newClaimIds = [],
}: {
  workspaceSlug: string;
  initial: DisagreementMapResponse;
  /** how many of the least and of the most agreeing reviewer pairs `initial` lists */
  initialPairs?: number;
  /** how many claims `initial` asked for (it lists the first of the ranking) */
  initialClaims?: number;
  passages: MapPassage[];
  isOwner: boolean;
  isSignedIn: boolean;
  role: string | null;
  /** the change feed's position when the map was read; null: no live updates (not a member) */
  liveCursor?: string | null;
  /** claims others rated or annotated since the viewer's last visit of the document */
  newClaimIds?: readonly string[];
}) {
  const [map, setMap] = useState(initial);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const documentApi = `/api/v1/workspaces/${workspaceSlug}/documents/${initial.document.slug}`;
  const readerBase = `/w/${workspaceSlug}/documents/${initial.document.slug}`;

  // how many pairs of each end the map lists: a ref too, so a live refresh keeps what "Show more pairs" fetched
  const [pairsLimit, setPairsLimit] = useState(initialPairs);
  const pairsLimitRef = useRef(initialPairs);
  const [isLoadingPairs, setIsLoadingPairs] = useState(false);

  // how many claims the map lists (the first of the ranking): all of them once something asked for the rest
  const claimsLimitRef = useRef(initialClaims);
  const mapRef = useRef(initial);
  mapRef.current = map;
  const [isLoadingClaims, setIsLoadingClaims] = useState(false);

  /**
   * The map with its first `limit` claims (all: Infinity), a page of at most MAX_MAP_CLAIMS at a time after the
   * claims of `from` (whose data version the pages must share, else it starts again from the first claim).
   */
  const fetchMap = useCallback(
    async (from: DisagreementMapResponse | null, limit: number): Promise<{ ok: true; map: DisagreementMapResponse } | { ok: false; message: string }> => {
      let map = from;
      for (let restarts = 0; restarts < 3; ) {
        const offset = map?.claims.length ?? 0;
        if (map && (map.claims.length >= limit || hasAllClaims(map))) return { ok: true, map };
        const count = Math.min(MAX_MAP_CLAIMS, limit - offset);
        const result = await callApi<DisagreementMapResponse>(
          `${documentApi}/disagreement?credences=true&pairs=${pairsLimitRef.current}&claims=${count}&claimsOffset=${offset}`,
          { method: 'GET' },
        );
        if (!result.ok) return { ok: false, message: result.message };
        const joined = map ? appendClaimPage(map, result.data) : result.data;
        if (joined === null) restarts++;
        map = joined;
      }
      return { ok: false, message: 'the map kept changing while its claims loaded; try again.' };
    },
    [documentApi],
  );

  /** Re-fetches the map (as this viewer may see it, with as many claims as it lists) and redraws every view. */
  const refresh = useCallback(async (): Promise<boolean> => {
    const result = await fetchMap(null, claimsLimitRef.current);
    if (result.ok) {
      setMap(result.map);
      setRefreshError(null);
    } else setRefreshError(result.message);
    return result.ok;
  }, [fetchMap]);

  /** Fetches the claims the map does not list yet (once; later refreshes keep them all). */
  const loadingClaims = useRef<Promise<unknown> | null>(null);
  const loadAllClaims = useCallback(() => {
    if (hasAllClaims(mapRef.current) || loadingClaims.current) return;
    claimsLimitRef.current = Number.POSITIVE_INFINITY;
    setIsLoadingClaims(true);
    loadingClaims.current = fetchMap(mapRef.current, Number.POSITIVE_INFINITY).then((result) => {
      if (result.ok) {
        setMap(result.map);
        setRefreshError(null);
      } else setRefreshError(result.message);
      setIsLoadingClaims(false);
      loadingClaims.current = null;
    });
  }, [fetchMap]);

  const isComplete = hasAllClaims(map);
  // a blind review's notice counts the claims hidden from the viewer: all of them
  useEffect(() => {
    if (map.blind && !isOwner && !isComplete) loadAllClaims();
  }, [map.blind, isOwner, isComplete, loadAllClaims]);

  // the sections below the claims table read every claim (groups, cruxes, graph): fetch the rest as they come near
  const belowClaims = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = belowClaims.current;
    if (isComplete || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && loadAllClaims(), { rootMargin: '800px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [isComplete, loadAllClaims]);

  /** Twice as many pairs of each end (up to the API's cap), fetched with the rest of the map. */
  const showMorePairs = useCallback(async () => {
    const before = pairsLimitRef.current;
    pairsLimitRef.current = Math.min(MAX_MAP_PAIRS, Math.max(1, before * 2));
    setIsLoadingPairs(true);
    if (!(await refresh())) pairsLimitRef.current = before;
    setPairsLimit(pairsLimitRef.current);
    setIsLoadingPairs(false);
  }, [refresh]);

  // Members follow the workspace's change feed: any write (the map's claims are the workspace's) refreshes the
  // numbers, at most twice a second; a refresh that finds the same dataVersion changes nothing on screen.
  const { status: liveStatus } = useLiveEvents({
    workspace: workspaceSlug,
    since: liveCursor,
    isEnabled: liveCursor !== null,
    throttleMs: 500,
    onEvents: () => void refresh(),
    onReload: () => void refresh(),
  });

  const graph = useMemo(() => graphFromMap(map), [map]);
  const names = useMemo(() => new Map(map.reviewers.map((r) => [r.id, r.name])), [map.reviewers]);
  const reviewerNames = useMemo(() => map.reviewers.map((r) => r.name), [map.reviewers]);
  const hiddenCount = map.claims.filter((c) => c.hidden).length;
  // the current round's spreads count every rated claim, listed or not
  const rated = map.rounds.at(-1)?.claimsTotal ?? map.claims.filter((c) => c.n > 0).length;
  const round = map.round?.number ?? 1;

  return (
    <div className="space-y-10">
      <header className="border-b border-stone-200 pb-4">
        <p className="text-sm">
          <Link href={`/w/${workspaceSlug}/map`} className="text-blue-700 underline">
            ← Workspace map
          </Link>
          <span className="mx-2 text-stone-300">|</span>
          <Link href={readerBase} className="text-blue-700 underline">
            Read the document
          </Link>
        </p>
        <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight text-stone-900">
          Disagreement map: <span className="font-normal">{map.document.title}</span>
        </h1>
        <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm text-stone-700" data-testid="map-summary">
          <Figure label={map.claimsTotal === 1 ? 'claim' : 'claims'} value={`${map.claimsTotal}`} title="Claims named by the document's annotations" />
          <Figure label="rated" value={`${rated}`} title="Claims with at least one credence you may see" />
          <Figure label={map.reviewers.length === 1 ? 'reviewer' : 'reviewers'} value={`${map.reviewers.length}`} title="Reviewers whose credences the numbers use" />
          <Figure
            label="Krippendorff's α"
            value={fixed(map.alpha)}
            title="Agreement beyond chance over the log-odds of claims with two or more ratings: 1 is full agreement, 0 is what chance gives, below 0 systematic disagreement."
          />
          <Figure label={map.doubleCruxesTotal === 1 ? 'double crux' : 'double cruxes'} value={`${map.doubleCruxesTotal}`} title="Claims two disagreeing reviewers both said their disagreement hinges on" />
        </dl>
        <div className="mt-3">
          <ReviewControls documentApi={documentApi} isOwner={isOwner} blind={map.blind} round={round} onChanged={async () => void (await refresh())} />
        </div>
        {map.blind && !isOwner && (
          <div role="note" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950" data-testid="blind-notice">
            <p className="font-medium">This document is under blind review.</p>
            <p className="mt-1">
              {role === 'reviewer'
                ? 'You see the others\u2019 current credences on a claim only after you give your own, so that your first judgement is yours. '
                : 'Reviewers see the others\u2019 current credences on a claim only after giving their own. '}
              {round === 1
                ? 'Until then a claim shows no one\u2019s credences (round 1).'
                : `Until then a claim shows the credences as they stood when round ${round} opened.`}
              {hiddenCount > 0 ? ` ${hiddenCount} claim${hiddenCount === 1 ? ' is' : 's are'} hidden from you now.` : ''}
            </p>
          </div>
        )}
        {refreshError && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            Could not refresh the map: {refreshError}
          </p>
        )}
        {liveCursor !== null && <LiveStatusNotice status={liveStatus} />}
        <nav aria-label="Map sections" className="mt-4 flex flex-wrap gap-2 text-sm">
          {sections.map((s) => (
            <a key={s.id} href={`#${s.id}`} className="inline-flex items-center rounded-full border border-stone-300 bg-white px-3 py-1 max-lg:min-h-11 text-stone-700 hover:border-stone-500">
              {s.title}
            </a>
          ))}
        </nav>
        {!isSignedIn && <p className="mt-2 text-xs text-stone-500">You are reading a public workspace; sign in to rate claims.</p>}
      </header>

      <Section
        id="disputed"
        title="Where we disagree most"
        explanation="The claims the reviewers are furthest apart on, with the strongest reasons each side gives, what the disagreement hinges on and where the opinion groups stand. Open a claim for all its evidence and history."
      >
        <MostDisputed
          claims={map.mostDisputed}
          workspaceSlug={workspaceSlug}
          documentSlug={map.document.slug}
          emptyText="No claim on this document has two or more reviewers who disagree yet."
        />
      </Section>
      <Section id="heat" title="Heat strip" explanation={HEAT_EXPLANATION}>
        <HeatSection map={map} passages={passages} readerBase={readerBase} />
      </Section>
      <Section
        id="claims"
        title="Claims"
        explanation="Every claim on the document with the statistics of its current credences; click a column header to sort, hover it for what it measures."
      >
        <ClaimsTable
          claims={map.claims}
          claimsTotal={map.claimsTotal}
          onNeedAllClaims={loadAllClaims}
          isLoadingClaims={isLoadingClaims}
          credences={map.credences}
          reviewerNames={reviewerNames}
          readerBase={readerBase}
          newClaimIds={newClaimIds}
        />
      </Section>
      <div ref={belowClaims} aria-hidden="true" />
      <Section id="groups" title="Opinion groups" explanation="Reviewers who rate claims alike fall into groups, as in Polis, here computed on credences instead of votes.">
        <GroupsView map={map} names={names} readerBase={readerBase} />
      </Section>
      <Section id="cruxes" title="Cruxes" explanation="What the disagreements hinge on: double cruxes first, then the cruxes the numbers reveal.">
        <CruxList map={map} names={names} readerBase={readerBase} />
      </Section>
      <Section id="graph" title="Crux graph" explanation={GRAPH_EXPLANATION}>
        <CruxGraphView graph={graph} workspaceSlug={workspaceSlug} scope="document" />
      </Section>
      <Section id="matrix" title="Reviewer × claim matrix" explanation="Who believes what, at a glance; below, how far apart each pair of reviewers is.">
        <MatrixView map={map} />
        <h3 className="mt-6 mb-2 text-sm font-semibold text-stone-900">Reviewer pairs</h3>
        <PairTable map={map} limit={pairsLimit} onShowMore={() => void showMorePairs()} isLoading={isLoadingPairs} />
      </Section>
      <Section id="rounds" title="Spread per round" explanation="Whether discussion between rounds moved the reviewers toward agreement.">
        <RoundsView map={map} />
      </Section>
    </div>
  );
}

function Figure({ label, value, title }: { label: string; value: string; title: string }) {
  return (
    <div className="flex items-baseline gap-1.5" title={title}>
      <dt className="order-2 text-stone-500">{label}</dt>
      <dd className="order-1 text-lg font-semibold text-stone-900 tabular-nums">{value}</dd>
    </div>
  );
}

function Section({ id, title, explanation, children }: { id: string; title: string; explanation: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4">
      <h2 id={`${id}-title`} className="text-xl font-semibold text-stone-900">
        <a href={`#${id}`} className="hover:underline">
          {title}
        </a>
      </h2>
      <p className="mt-1 mb-4 max-w-3xl text-sm text-stone-600">{explanation}</p>
      {children}
    </section>
  );
}

/** The strip beside the document's passages: a segment click scrolls the list to its passage and marks it. */
function HeatSection({ map, passages, readerBase }: { map: DisagreementMapResponse; passages: MapPassage[]; readerBase: string }) {
  const [selected, setSelected] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const stats = useMemo(() => new Map(map.passages.map((p) => [p.passageId, p])), [map.passages]);
  const strip: StripPassage[] = useMemo(
    () =>
      passages.map((p) => {
        const s = stats.get(p.id);
        return { passageId: p.id, index: p.index, heat: s?.heat ?? 0, annotations: s?.annotations ?? 0, reviewers: s?.reviewers ?? 0, weight: Math.max(40, Math.min(1200, p.text.length)) };
      }),
    [passages, stats],
  );
  const { max, colour } = useHeatColour(strip.map((p) => p.heat));
  const select = (passageId: string) => {
    setSelected(passageId);
    const item = listRef.current?.querySelector<HTMLElement>(`[data-passage-id="${CSS.escape(passageId)}"]`);
    item?.scrollIntoView({ block: 'center', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  };
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-4">
        <HeatLegend max={max} />
        <span className="text-xs text-stone-500">Opacity: share of reviewers who annotated the passage. Click a segment to go to its passage.</span>
      </div>
      <div className="flex gap-4">
        <HeatStrip passages={strip} totalReviewers={map.reviewers.length} selected={selected} onSelect={select} className="sticky top-4 h-[32rem] shrink-0" />
        <ol ref={listRef} className="h-[32rem] flex-1 space-y-1 overflow-y-auto rounded-lg border border-stone-200 bg-white p-2" aria-label="Passages" data-testid="passage-list">
          {strip.map((p, i) => {
            const passage = passages[i] as MapPassage;
            const isSelected = selected === p.passageId;
            return (
              <li
                key={p.passageId}
                data-passage-id={p.passageId}
                aria-current={isSelected ? 'true' : undefined}
                className={`flex gap-3 rounded px-2 py-1.5 text-sm ${isSelected ? 'bg-blue-50 ring-2 ring-blue-500' : ''} ${passage.kind === 'heading' ? 'font-semibold' : ''}`}
              >
                <span className="mt-1 inline-block h-3 w-3 shrink-0 rounded-sm border border-stone-200" style={{ backgroundColor: colour(p.heat) }} aria-hidden="true" />
                <span className="min-w-0 flex-1">
                  <span className="line-clamp-2 text-stone-800">{passage.text}</span>
                  <span className="mt-0.5 block text-xs text-stone-500">
                    ¶{p.index + 1} · heat {fixed(p.heat)} · {plural(p.annotations, 'annotation')} · {plural(p.reviewers, 'reviewer')} ·{' '}
                    <Link href={`${readerBase}#p-${p.passageId}`} className="text-blue-700 underline">
                      open in reader
                    </Link>
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
