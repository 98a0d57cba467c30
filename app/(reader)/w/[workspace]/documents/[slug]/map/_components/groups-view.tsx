'use client';
// Opinion groups: reviewers placed by the first two principal components of their log-odds, coloured by the
// k-means group chosen by silhouette; each group's representative claims, and the claims every group agrees on.
import * as Plot from '@observablehq/plot';
import Link from 'next/link';
import { useMemo } from 'react';
import type { DisagreementMapResponse, MapClaimView } from '@/lib/disagreement/types';
import { claimLabel, fixed, GROUP_COLOURS, groupColour, groupName, percent, readerHref } from '../../../../_components/map-format';
import { PlotFigure } from './plot-figure';
import { BridgingView } from './bridging-view';
import { plural } from '@/app/_components/format';

export function GroupsView({ map, names, readerBase }: { map: DisagreementMapResponse; names: Map<string, string>; readerBase: string }) {
  const claims = useMemo(() => new Map(map.claims.map((c) => [c.claimId, c])), [map.claims]);
  const placed = useMemo(() => {
    const out: { reviewerId: string; x: number; y: number; group: string; name: string }[] = [];
    for (const g of map.groups) {
      for (const m of g.members) {
        out.push({ ...m, group: groupName(g.index), name: names.get(m.reviewerId) ?? 'reviewer' });
      }
    }
    return out;
  }, [map.groups, names]);
  const options = useMemo<Plot.PlotOptions>(
    () => ({
      width: 520,
      height: 380,
      grid: true,
      inset: 12,
      x: { label: 'first principal component →', ticks: 5 },
      y: { label: '↑ second principal component', ticks: 5 },
      color: { domain: map.groups.map((g) => groupName(g.index)), range: map.groups.map((g) => groupColour(g.index)), legend: true },
      marks: [
        Plot.dot(placed, {
          x: 'x',
          y: 'y',
          fill: 'group',
          r: 6,
          stroke: 'white',
          strokeWidth: 1,
          channels: { reviewer: 'name' },
          tip: { format: { x: false, y: false, fill: true, reviewer: true } },
        }),
      ],
    }),
    [placed, map.groups],
  );

  if (map.groups.length === 0) {
    return (
      <div className="space-y-6">
      <p className="rounded-lg border border-stone-200 bg-white p-4 text-sm text-stone-600">
        No opinion groups yet: grouping needs at least 4 reviewers who each rated at least 5 claims (or every claim, when there are fewer), and then k-means must find
        groups of 2 or more. {map.reviewers.length} reviewer{map.reviewers.length === 1 ? '' : 's'} rated claims so far.
      </p>
      <BridgingView map={map} readerBase={readerBase} />
      </div>
    );
  }

  return (
    <div className="space-y-6">
    <div className="grid gap-6 lg:grid-cols-[minmax(0,34rem)_minmax(0,1fr)]">
      <figure className="rounded-lg border border-stone-200 bg-white p-3">
        <PlotFigure options={options} placeholderHeight={420} label={`Scatter of ${plural(placed.length, 'reviewer')} in ${plural(map.groups.length, 'opinion group')}`} testId="groups-scatter" />
        <figcaption className="mt-2 text-xs text-stone-600">
          Each point is a reviewer, placed by the two main directions along which the reviewers&apos; log-odds vary (missing credences filled with the claim&apos;s mean); colours are
          the groups k-means finds (the number of groups chosen by silhouette). Hover a point for its reviewer.
        </figcaption>
      </figure>
      <div className="space-y-4">
        <ul className="space-y-3" aria-label="Opinion groups" data-testid="group-list">
          {map.groups.map((g) => (
            <li key={g.index} className="rounded-lg border border-stone-200 bg-white p-3" data-testid="group-card">
              <h3 className="flex items-center gap-2 text-sm font-semibold text-stone-900">
                <span className="inline-block h-3 w-3 rounded-full" style={{ backgroundColor: GROUP_COLOURS[g.index % GROUP_COLOURS.length] }} aria-hidden="true" />
                {groupName(g.index)} · {plural(g.members.length, 'reviewer')}
              </h3>
              {g.representative.length === 0 ? (
                <p className="mt-1 text-xs text-stone-500">No claim sets this group clearly apart.</p>
              ) : (
                <ul className="mt-2 space-y-1 text-sm">
                  {g.representative.slice(0, 5).map((r) => (
                    <li key={r.claimId} title={`z = ${fixed(r.z)}: the group's mean log-odds differs from the rest by ${fixed(Math.abs(r.z))} standard errors`}>
                      <span className={`mr-1 text-xs font-medium ${r.z > 0 ? 'text-emerald-700' : 'text-rose-700'}`}>{r.z > 0 ? 'more likely' : 'less likely'}</span>
                      <ClaimLink claim={claims.get(r.claimId)} readerBase={readerBase} />{' '}
                      <span className="text-xs whitespace-nowrap text-stone-500">
                        {percent(r.groupP)} here vs {percent(r.restP)} elsewhere
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
        <div className="rounded-lg border border-stone-200 bg-white p-3">
          <h3 className="text-sm font-semibold text-stone-900">Consensus across groups</h3>
          <p className="text-xs text-stone-500">Claims every group&apos;s aggregate puts on the same side of 50%.</p>
          {map.consensus.length === 0 ? (
            <p className="mt-2 text-sm text-stone-600">None: the groups disagree on every claim they rated.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm" data-testid="consensus-list">
              {map.consensus.slice(0, 10).map((c) => (
                <li key={c.claimId}>
                  <span className="mr-1 text-xs font-medium text-stone-600">{c.side === 'above' ? 'all likely' : 'all unlikely'}</span>
                  <ClaimLink claim={claims.get(c.claimId)} readerBase={readerBase} />{' '}
                  <span className="text-xs text-stone-500">({c.groupP.map((p, i) => `${groupName(i)} ${percent(p)}`).join(', ')})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
    <BridgingView map={map} readerBase={readerBase} />
    </div>
  );
}

export function ClaimLink({ claim, readerBase }: { claim: MapClaimView | undefined; readerBase: string }) {
  return (
    <Link href={readerHref(readerBase, claim)} className="text-stone-900 underline decoration-stone-300 underline-offset-2 hover:text-blue-800 hover:decoration-blue-700">
      {claimLabel(claim)}
    </Link>
  );
}
