'use client';
// The credences on the claim now: one dot per reviewer on 0–100% with the median and the middle half marked, and
// the same numbers in a table beside the chart. Under blind review only what the viewer may see is here.
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import type { ClaimPageDto } from '@/lib/claims/types';
import { percent } from '../../../_components/map-format';
import { PlotFigure } from '../../../documents/[slug]/map/_components/plot-figure';
import { formatDateTime } from '@/app/_components/format';

export function CredenceNow({ claim }: { claim: ClaimPageDto }) {
  const { credences, distribution: d } = claim;
  const options = useMemo<Plot.PlotOptions>(() => {
    const marks: Plot.Markish[] = [Plot.ruleX([0, 0.5, 1], { stroke: '#e7e5e4' })];
    if (d.q1 !== null && d.q3 !== null) marks.push(Plot.rectX([{ x1: d.q1, x2: d.q3 }], { x1: 'x1', x2: 'x2', y1: -1, y2: 1, fill: '#dbeafe', fillOpacity: 0.7 }));
    marks.push(
      Plot.dotX(
        credences.map((c) => ({ value: c.value, name: c.user.name })),
        Plot.dodgeY({ x: 'value', anchor: 'middle', r: 4, padding: 1, fill: '#57534e', fillOpacity: 0.85, title: (c: { value: number; name: string }) => `${c.name}: ${percent(c.value)}` }),
      ),
    );
    if (d.median !== null) marks.push(Plot.ruleX([d.median], { stroke: '#1d4ed8', strokeWidth: 2, strokeDasharray: '4,2' }));
    return {
      width: 460,
      height: 120,
      marginLeft: 12,
      marginRight: 12,
      x: { domain: [0, 1], tickFormat: (v: number) => `${Math.round(v * 100)}%`, label: 'probability that it is true' },
      y: { axis: null },
      marks,
    };
  }, [credences, d.median, d.q1, d.q3]);

  return (
    <div>
      {claim.credencesHidden ? (
        <p className="mb-2 rounded-md border border-stone-200 bg-stone-50 p-2 text-sm text-stone-700" data-testid="blind-notice">
          Blind review: other reviewers’ current ratings are hidden until you rate this claim
          {credences.length > 0 ? '; shown are those revealed when the current round opened.' : '.'}
        </p>
      ) : null}
      {credences.length === 0 ? (
        <p className="text-sm text-stone-500">No ratings {claim.credencesHidden ? 'you may see ' : ''}yet.</p>
      ) : (
        <div className="flex flex-wrap items-start gap-6">
          <div>
            <PlotFigure
              options={options}
              placeholderHeight={120}
              label={`${d.n} ratings: median ${percent(d.median)}, middle half ${percent(d.q1)} to ${percent(d.q3)}`}
              testId="credence-now-chart"
            />
            <p className="text-sm text-stone-700">
              Median <strong>{percent(d.median)}</strong>; the middle half of reviewers between {percent(d.q1)} and {percent(d.q3)}; from {percent(d.min)} to {percent(d.max)}.
            </p>
          </div>
          <div className="max-h-72 min-w-64 flex-1 overflow-y-auto focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label="Credences">
            <table className="w-full text-left text-sm" data-testid="credence-table">
              <caption className="sr-only">Current ratings, one per reviewer</caption>
              <thead className="text-xs text-stone-500 uppercase">
                <tr>
                  <th scope="col" className="py-1 pr-3">Reviewer</th>
                  <th scope="col" className="py-1 pr-3 text-right">Probability</th>
                  <th scope="col" className="py-1">Since</th>
                </tr>
              </thead>
              <tbody>
                {credences.map((c) => (
                  <tr key={c.user.id} className="border-t border-stone-100">
                    <td className="py-1 pr-3">{c.user.name}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{percent(c.value)}</td>
                    <td className="py-1 text-stone-500">{formatDateTime(c.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {claim.counts.credences > credences.length ? (
              <p className="mt-1 text-sm text-stone-500">Showing the latest {credences.length} of {claim.counts.credences} ratings.</p>
            ) : null}
          </div>
        </div>
      )}
    </div>
  );
}
