'use client';
// Spread per round: for the most disputed claims, the spread of the reviewers' log-odds at the end of each round
// (the current round: now), as a slope chart, and each round's median spread, so a team sees whether discussion
// moved them toward agreement.
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import type { DisagreementMapResponse } from '@/lib/disagreement/types';
import { claimLabel, fixed } from '../../../../_components/map-format';
import { PlotFigure } from './plot-figure';
import { plural } from '@/app/_components/format';

const LINES = 12;

type Point = { round: string; claim: string; spread: number; n: number; aggregate: number };

export function RoundsView({ map }: { map: DisagreementMapResponse }) {
  const rounds = map.rounds;
  const { options, summary } = useMemo(() => {
    const top = map.claims.filter((c) => c.n > 0).slice(0, LINES);
    const label = new Map(top.map((c, i) => [c.claimId, `#${i + 1} ${claimLabel(c).slice(0, 60)}`]));
    const points: Point[] = [];
    for (const round of rounds) {
      for (const stat of round.claims) {
        const claim = label.get(stat.claimId);
        if (claim) points.push({ round: `Round ${round.number}`, claim, spread: stat.spread, n: stat.n, aggregate: stat.aggregate });
      }
    }
    // over every claim rated in the round (the answer lists the spreads of the listed claims only)
    const summary = rounds.map((round) => ({ number: round.number, startsAt: round.startsAt, rated: round.claimsTotal, median: round.medianSpread, mean: round.meanSpread }));
    const options: Plot.PlotOptions = {
      width: 680,
      height: 340,
      marginRight: 20,
      x: { domain: rounds.map((r) => `Round ${r.number}`), label: null, padding: 0.3 },
      y: { label: '↑ spread of log-odds (0: full agreement)', grid: true, zero: true },
      color: { type: 'categorical', scheme: 'paired', legend: true, domain: [...label.values()] },
      marks: [
        Plot.line(points, { x: 'round', y: 'spread', z: 'claim', stroke: 'claim', strokeWidth: 1.8, strokeOpacity: 0.85 }),
        Plot.dot(points, {
          x: 'round',
          y: 'spread',
          fill: 'claim',
          r: 3.5,
          tip: true,
          channels: { claim: 'claim', n: 'n', aggregate: (d: Point) => `${Math.round(d.aggregate * 100)}%` },
        }),
      ],
    };
    return { options, summary };
  }, [map.claims, rounds]);

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,44rem)_minmax(0,1fr)]">
      <figure className="overflow-x-auto rounded-lg border border-stone-200 bg-white p-3 focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0}>
        <PlotFigure options={options} placeholderHeight={360} label={`Spread of the ${LINES} most disputed claims in each of ${plural(rounds.length, 'round')}`} testId="rounds-chart" />
        <figcaption className="mt-2 text-xs text-stone-600">
          Each line is one of the {LINES} most disputed claims; each point its spread (standard deviation of the reviewers&apos; log-odds) at the end of a round — the current round
          as it stands now. Lines falling to the right mean discussion brought reviewers closer. Hover a point for the claim, its n and aggregate.
        </figcaption>
      </figure>
      <div className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label="Rounds table">
        <table className="w-full rounded-lg border border-stone-200 bg-white text-sm whitespace-nowrap" data-testid="rounds-table">
          <caption className="mb-1 text-left text-xs text-stone-600">The spread of each round&apos;s rated claims, averaged: lower is closer to agreement</caption>
          <thead className="bg-stone-50 text-left text-xs text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Round
              </th>
              <th scope="col" className="px-3 py-2 font-medium">
                Opened
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Claims rated
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium" title="Mean over claims of the spread of log-odds at the round's end">
                Mean spread
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium" title="Median over claims of the spread of log-odds at the round's end">
                Median
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {summary.map((r) => (
              <tr key={r.number}>
                <th scope="row" className="px-3 py-1.5 text-left font-medium">
                  Round {r.number}
                  {r.number === map.round?.number ? <span className="ml-1 text-xs font-normal text-stone-500">(current)</span> : null}
                </th>
                <td className="px-3 py-1.5 text-stone-600">{new Date(r.startsAt).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' })}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{r.rated}</td>
                <td className="px-3 py-1.5 text-right tabular-nums" data-testid="mean-spread">
                  {fixed(r.mean)}
                </td>
                <td className="px-3 py-1.5 text-right tabular-nums">{fixed(r.median)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rounds.length < 2 && (
          <p className="mt-3 text-sm text-stone-600">
            Round 1 is under way. When an owner opens round 2, everyone sees the credences as they stand, reviewers may revise, and this view compares the rounds.
          </p>
        )}
      </div>
    </div>
  );
}
