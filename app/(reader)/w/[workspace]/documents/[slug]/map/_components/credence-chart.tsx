'use client';
// One claim's credences in a table row: a beeswarm (one dot per reviewer) under 30 ratings, a violin (kernel
// density) from 30 on; the aggregate (geometric mean of odds) as a solid line, the median dashed.
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { credenceDensity } from '@/lib/disagreement/chart-data';
import type { MapClaimView } from '@/lib/disagreement/types';
import { percent } from '../../../../_components/map-format';
import { PlotFigure } from './plot-figure';
import { plural } from '@/app/_components/format';

export const VIOLIN_FROM = 30;
const WIDTH = 220;
const HEIGHT = 46;

export function CredenceChart({ claim, values, names }: { claim: MapClaimView; values: readonly number[]; names: readonly string[] }) {
  const options = useMemo<Plot.PlotOptions>(() => {
    const marks: Plot.Markish[] = [Plot.ruleX([0, 1], { stroke: '#e7e5e4' }), Plot.ruleX([0.5], { stroke: '#d6d3d1' })];
    if (values.length >= VIOLIN_FROM) {
      const density = credenceDensity(values);
      marks.push(
        Plot.areaY(density, { x: 'p', y1: (d: { density: number }) => -d.density, y2: 'density', fill: '#a8a29e', fillOpacity: 0.55, curve: 'basis' }),
      );
    } else {
      const dots = values.map((value, i) => ({ value, name: names[i] ?? 'reviewer' }));
      marks.push(
        Plot.dotX(
          dots,
          Plot.dodgeY({ x: 'value', anchor: 'middle', r: 2.6, padding: 0.6, fill: '#57534e', fillOpacity: 0.8, title: (d: { value: number; name: string }) => `${d.name}: ${percent(d.value)}` }),
        ),
      );
    }
    if (claim.aggregate !== null) marks.push(Plot.ruleX([claim.aggregate], { stroke: '#b91c1c', strokeWidth: 2, title: () => `aggregate ${percent(claim.aggregate)} (geometric mean of odds)` }));
    if (claim.median !== null) marks.push(Plot.ruleX([claim.median], { stroke: '#1d4ed8', strokeWidth: 1.5, strokeDasharray: '3,2', title: () => `median ${percent(claim.median)}` }));
    return {
      width: WIDTH,
      height: HEIGHT,
      marginLeft: 6,
      marginRight: 6,
      marginTop: 4,
      marginBottom: 4,
      x: { domain: [0, 1], axis: null },
      y: { axis: null },
      marks,
    };
  }, [claim.aggregate, claim.median, values, names]);
  const kind = values.length >= VIOLIN_FROM ? 'violin' : 'beeswarm';
  return (
    <PlotFigure
      options={options}
      placeholderHeight={HEIGHT}
      label={`${kind} of ${plural(values.length, 'credence')}: aggregate ${percent(claim.aggregate)}, median ${percent(claim.median)}`}
      testId={`credence-${kind}`}
      className="w-[220px]"
    />
  );
}
