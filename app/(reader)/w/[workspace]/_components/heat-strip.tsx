'use client';
// The heat strip: every passage a segment, coloured by its heat (the largest disagreement among the claims on it)
// and as opaque as the share of reviewers who annotated it. Clicking a segment calls onSelect with its passage.
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { coverageOpacity, heatDomainMax } from '@/lib/disagreement/chart-data';
import { fixed } from './map-format';

export type StripPassage = { passageId: string; index: number; heat: number; annotations: number; reviewers: number; weight: number };

export const HEAT_EXPLANATION =
  "A passage's heat is the largest disagreement (spread of the reviewers' log-odds, shrunk for small panels) among the claims it holds; fainter segments were annotated by fewer of the reviewers.";

export function useHeatColour(heats: readonly number[]) {
  const max = heatDomainMax(heats);
  return useMemo(() => {
    const scale = Plot.scale({ color: { type: 'linear', scheme: 'ylorrd', domain: [0, max] } });
    return { max, colour: (heat: number): string => String(scale.apply(heat)) };
  }, [max]);
}

export function HeatLegend({ max }: { max: number }) {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  const { colour } = useHeatColour([max]);
  return (
    <div className="flex items-center gap-2 text-xs text-stone-600" title={HEAT_EXPLANATION}>
      <span>heat 0</span>
      <span
        className="inline-block h-2.5 w-32 rounded-sm border border-stone-200"
        style={{ background: `linear-gradient(to right, ${stops.map((s) => colour(s)).join(', ')})` }}
        aria-hidden="true"
      />
      <span>{fixed(max, 1)}</span>
    </div>
  );
}

export function HeatStrip({
  passages,
  totalReviewers,
  selected,
  onSelect,
  orientation = 'vertical',
  className = '',
}: {
  passages: readonly StripPassage[];
  totalReviewers: number;
  selected?: string | null;
  onSelect: (passageId: string) => void;
  orientation?: 'vertical' | 'horizontal';
  className?: string;
}) {
  const { colour } = useHeatColour(passages.map((p) => p.heat));
  const isVertical = orientation === 'vertical';
  return (
    <div
      className={`flex overflow-hidden rounded border border-stone-300 bg-stone-100 ${isVertical ? 'w-5 flex-col' : 'h-4 w-full flex-row'} ${className}`}
      role="group"
      aria-label="Heat strip: one segment per passage"
      data-testid="heat-strip"
    >
      {passages.map((p) => {
        const label = `Passage ${p.index + 1}: heat ${fixed(p.heat)}, ${p.annotations} annotation${p.annotations === 1 ? '' : 's'} by ${p.reviewers} of ${totalReviewers} reviewer${totalReviewers === 1 ? '' : 's'}`;
        return (
          <button
            key={p.passageId}
            type="button"
            title={label}
            aria-label={label}
            data-passage-id={p.passageId}
            onClick={() => onSelect(p.passageId)}
            className={`block min-h-px min-w-px shrink grow cursor-pointer border-0 p-0 hover:brightness-90 focus-visible:outline-2 focus-visible:outline-blue-600 ${
              selected === p.passageId ? (isVertical ? 'ring-2 ring-blue-600 ring-inset' : 'ring-2 ring-blue-600 ring-inset') : ''
            }`}
            style={{ flexGrow: p.weight, flexBasis: 0, backgroundColor: colour(p.heat), opacity: coverageOpacity(p.reviewers, totalReviewers) }}
          />
        );
      })}
    </div>
  );
}
