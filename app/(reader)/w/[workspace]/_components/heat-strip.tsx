'use client';
// The heat strip: every passage a segment, coloured by its heat (the largest disagreement among the claims on it)
// and as opaque as the share of reviewers who annotated it. Clicking a segment calls onSelect with its passage.
import * as Plot from '@observablehq/plot';
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
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

/**
 * One widget and one Tab stop, however many passages: a listbox whose active segment is its
 * `aria-activedescendant` (the segments themselves are not focusable, so Tab never walks through them). Arrow keys,
 * Home and End move the active segment; Enter or Space goes to its passage; a click goes to the clicked one.
 */
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
  const idPrefix = useId();
  const [active, setActive] = useState<number | null>(null);
  const selectedIndex = selected ? passages.findIndex((p) => p.passageId === selected) : -1;
  const current = Math.min(active ?? Math.max(0, selectedIndex), Math.max(0, passages.length - 1));
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1, PageDown: 10, PageUp: -10 };
    let next: number | null = null;
    if (event.key in moves) next = current + (moves[event.key] as number);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = passages.length - 1;
    else if (event.key === 'Enter' || event.key === ' ') {
      const passage = passages[current];
      if (passage) onSelect(passage.passageId);
      event.preventDefault();
      return;
    }
    if (next === null) return;
    event.preventDefault();
    setActive(Math.max(0, Math.min(passages.length - 1, next)));
  };
  return (
    <div
      className={`flex overflow-hidden rounded border border-stone-300 bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${isVertical ? 'w-5 flex-col' : 'h-4 w-full flex-row'} ${className}`}
      role="listbox"
      tabIndex={passages.length > 0 ? 0 : -1}
      aria-orientation={orientation}
      aria-label="Heat strip: one segment per passage (arrow keys to move, Enter to go)"
      aria-activedescendant={passages.length > 0 ? `${idPrefix}-${current}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="heat-strip"
    >
      {passages.map((p, i) => {
        const label = `Passage ${p.index + 1}: heat ${fixed(p.heat)}, ${p.annotations} annotation${p.annotations === 1 ? '' : 's'} by ${p.reviewers} of ${totalReviewers} reviewer${totalReviewers === 1 ? '' : 's'}`;
        const isCurrent = i === current;
        return (
          <div
            key={p.passageId}
            id={`${idPrefix}-${i}`}
            role="option"
            aria-selected={selected === p.passageId}
            title={label}
            aria-label={label}
            data-passage-id={p.passageId}
            onClick={() => {
              setActive(i);
              onSelect(p.passageId);
            }}
            className={`block min-h-px min-w-px shrink grow cursor-pointer hover:brightness-90 ${
              selected === p.passageId || isCurrent ? 'ring-2 ring-blue-600 ring-inset' : ''
            }`}
            style={{ flexGrow: p.weight, flexBasis: 0, backgroundColor: colour(p.heat), opacity: coverageOpacity(p.reviewers, totalReviewers) }}
          />
        );
      })}
    </div>
  );
}
