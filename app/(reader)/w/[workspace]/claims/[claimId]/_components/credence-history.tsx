'use client';
// Each reviewer's ratings over time, with the rounds of review marked (rounds are per document), and the same
// revisions in a table.
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import type { ClaimPageDto } from '@/lib/claims/types';
import { percent } from '../../../_components/map-format';
import { PlotFigure } from '../../../documents/[slug]/map/_components/plot-figure';
import { formatDateTime } from '@/app/_components/format';

export function CredenceHistory({ claim }: { claim: ClaimPageDto }) {
  const { revisions, rounds, revisionRounds } = claim;
  const points = useMemo(() => revisions.map((r) => ({ at: new Date(r.createdAt), value: r.value, reviewer: r.user.name, id: r.user.id })), [revisions]);
  const laterRounds = useMemo(() => rounds.filter((r) => r.number > 1).map((r) => ({ at: new Date(r.startsAt), label: `round ${r.number}${rounds.some((o) => o.documentId !== r.documentId) ? ` · ${r.documentTitle}` : ''}` })), [rounds]);
  const options = useMemo<Plot.PlotOptions>(
    () => ({
      width: 640,
      height: 200,
      marginLeft: 44,
      x: { type: 'utc', label: null },
      y: { domain: [0, 1], tickFormat: (v: number) => `${Math.round(v * 100)}%`, label: 'probability', grid: true },
      marks: [
        Plot.ruleX(laterRounds, { x: 'at', stroke: '#b45309', strokeDasharray: '3,3' }),
        Plot.text(laterRounds, { x: 'at', y: 1, text: 'label', dy: -6, dx: 4, textAnchor: 'start', fill: '#92400e', fontSize: 10 }),
        Plot.line(points, { x: 'at', y: 'value', z: 'id', stroke: '#a8a29e', curve: 'step-after' }),
        Plot.dot(points, { x: 'at', y: 'value', fill: '#44403c', r: 3, title: (p: { reviewer: string; value: number; at: Date }) => `${p.reviewer}: ${percent(p.value)} (${p.at.toISOString().slice(0, 16)} UTC)` }),
      ],
    }),
    [points, laterRounds],
  );
  if (revisions.length === 0) return <p className="text-sm text-stone-500">No ratings {claim.credencesHidden ? 'you may see ' : ''}yet.</p>;
  return (
    <div>
      <PlotFigure
        options={options}
        placeholderHeight={200}
        label={`${revisions.length} ratings over time${laterRounds.length ? `, ${laterRounds.length} later rounds marked` : ''}`}
        testId="credence-history-chart"
      />
      {rounds.length > 1 ? (
        <p className="mt-1 text-sm text-stone-600">
          Rounds: {rounds.map((r) => `${r.documentTitle} round ${r.number} from ${formatDateTime(r.startsAt)}`).join('; ')}.
        </p>
      ) : null}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-stone-700 max-lg:min-h-11 max-lg:content-center">Every rating as a table ({claim.counts.revisions})</summary>
        <table className="mt-2 w-full text-left text-sm" data-testid="history-table">
          <caption className="sr-only">Every rating given, oldest first, with its round</caption>
          <thead className="text-xs text-stone-500 uppercase">
            <tr>
              <th scope="col" className="py-1 pr-3">When</th>
              <th scope="col" className="py-1 pr-3">Reviewer</th>
              <th scope="col" className="py-1 pr-3 text-right">Probability</th>
              <th scope="col" className="py-1">Round</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((r, i) => (
              <tr key={`${r.user.id}-${r.createdAt}-${i}`} className="border-t border-stone-100">
                <td className="py-1 pr-3 text-stone-500">{formatDateTime(r.createdAt)}</td>
                <td className="py-1 pr-3">{r.user.name}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{percent(r.value)}</td>
                <td className="py-1">{revisionRounds[i] ?? 1}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {claim.counts.revisions > revisions.length ? <p className="mt-1 text-stone-500">Showing the latest {revisions.length} of {claim.counts.revisions}.</p> : null}
      </details>
    </div>
  );
}
