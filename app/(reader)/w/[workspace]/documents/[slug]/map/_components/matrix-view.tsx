'use client';
// The reviewer × claim matrix (rows by opinion group, columns the most disputed claims first; each cell a credence
// on a diverging scale around 50%) and the table of reviewer pairs.
import * as Plot from '@observablehq/plot';
import { useMemo, useState } from 'react';
import { reviewerOrder } from '@/lib/disagreement/chart-data';
import { MAX_MAP_PAIRS, type DisagreementMapResponse } from '@/lib/disagreement/types';
import { plural } from '@/app/_components/format';
import { claimLabel, fixed, groupName, percent, shortLabel } from '../../../../_components/map-format';
import { PlotFigure } from './plot-figure';

const COLUMN_CHOICES = [30, 60, 120] as const;
/** Up to this many columns the chart's axis names each claim; beyond, it numbers them (the list below names them). */
const NAMED_COLUMNS = 30;
/** The table beside the chart: the first columns and rows (it says so when there are more). */
const TABLE_COLUMNS = 12;
const TABLE_ROWS = 60;

type Cell = { reviewer: string; claim: string; value: number; statement: string; name: string };

export function MatrixView({ map }: { map: DisagreementMapResponse }) {
  const [columns, setColumns] = useState<number>(60);
  const rated = useMemo(() => map.claims.filter((c) => c.n > 0), [map.claims]);
  const shown = rated.slice(0, columns);
  const { options, rows, table } = useMemo(() => {
    const placed = map.groups.flatMap((g) => g.members.map((m) => ({ reviewerId: m.reviewerId, x: m.x, group: g.index })));
    const groupOf = new Map(placed.map((p) => [p.reviewerId, p.group]));
    const order = reviewerOrder(
      map.reviewers.map((r) => r.id),
      placed,
    );
    const label = new Map(map.reviewers.map((r) => [r.id, r.name]));
    // two reviewers may share a name: the row key is the name with a number when needed
    const rowKey = new Map<string, string>();
    const used = new Map<string, number>();
    for (const id of order) {
      const name = label.get(id) ?? 'reviewer';
      const count = (used.get(name) ?? 0) + 1;
      used.set(name, count);
      const group = groupOf.get(id);
      rowKey.set(id, `${group === undefined ? '' : `${groupName(group).slice(-1)} · `}${count > 1 ? `${name} (${count})` : name}`);
    }
    const cells: Cell[] = [];
    const columnIds = rated.slice(0, columns);
    for (const [i, claim] of columnIds.entries()) {
      const values = map.credences?.[claim.claimId];
      if (!values) continue;
      values.reviewers.forEach((position, j) => {
        const reviewer = map.reviewers[position];
        if (!reviewer) return;
        cells.push({ reviewer: rowKey.get(reviewer.id) ?? reviewer.name, claim: `#${i + 1}`, value: values.values[j] as number, statement: claimLabel(claim), name: reviewer.name });
      });
    }
    const rowDomain = order.map((id) => rowKey.get(id) as string);
    const isNamed = columnIds.length <= NAMED_COLUMNS;
    const names = new Map(columnIds.map((claim, i) => [`#${i + 1}`, `#${i + 1} ${shortLabel(claimLabel(claim), 26)}`]));
    const cellSize = Math.max(isNamed ? 18 : 8, Math.min(40, Math.floor(900 / Math.max(1, columnIds.length))));
    const rowHeight = Math.max(6, Math.min(22, Math.floor(900 / Math.max(1, rowDomain.length))));
    const marginTop = isNamed ? 150 : 30;
    const options: Plot.PlotOptions = {
      width: 170 + cellSize * columnIds.length + (isNamed ? 120 : 20),
      height: marginTop + 10 + rowHeight * rowDomain.length + 30,
      marginLeft: 170,
      marginRight: isNamed ? 120 : 20,
      marginTop,
      x: {
        domain: columnIds.map((_, i) => `#${i + 1}`),
        axis: 'top',
        label: isNamed ? null : 'claims, most disputed first →',
        tickSize: 0,
        tickRotate: isNamed ? -40 : 0,
        tickFormat: isNamed ? (d: string) => names.get(d) ?? d : undefined,
        ticks: columnIds.length > 40 ? columnIds.map((_, i) => `#${i + 1}`).filter((_, i) => i % 5 === 0) : undefined,
      },
      y: { domain: rowDomain, label: null, tickSize: 0, ticks: rowDomain.length > 60 ? rowDomain.filter((_, i) => i % 5 === 0) : undefined },
      color: { type: 'diverging', scheme: 'rdbu', pivot: 0.5, domain: [0, 1], legend: true, label: 'credence', tickFormat: '.0%' },
      marks: [
        Plot.cell(cells, {
          x: 'claim',
          y: 'reviewer',
          fill: 'value',
          inset: 0.5,
          title: (d: Cell) => `${d.name} on ${d.statement}: ${percent(d.value)}`,
        }),
      ],
    };
    // the table beside the chart: reviewers (in the chart's order) by the first columns' claims
    const tableColumns = columnIds.slice(0, TABLE_COLUMNS);
    const valueOf = new Map<string, number>();
    for (const claim of tableColumns) {
      const values = map.credences?.[claim.claimId];
      values?.reviewers.forEach((position, j) => {
        const reviewer = map.reviewers[position];
        if (reviewer) valueOf.set(`${reviewer.id}\n${claim.claimId}`, values.values[j] as number);
      });
    }
    const table = {
      columns: tableColumns,
      rows: order.slice(0, TABLE_ROWS).map((id) => ({ id, label: rowKey.get(id) as string, values: tableColumns.map((c) => valueOf.get(`${id}\n${c.claimId}`) ?? null) })),
      totalRows: order.length,
    };
    return { options, rows: rowDomain.length, table };
  }, [map.groups, map.reviewers, map.credences, rated, columns]);

  if (rated.length === 0) return <p className="text-sm text-stone-600">No credences to show yet.</p>;
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-center gap-3 text-sm text-stone-700">
        <label className="flex items-center gap-2">
          Columns
          <select className="min-h-11 rounded border border-stone-300 bg-white px-2 py-1" value={columns} onChange={(e) => setColumns(Number(e.target.value))}>
            {COLUMN_CHOICES.map((n) => (
              <option key={n} value={n}>
                top {n} by disagreement
              </option>
            ))}
          </select>
        </label>
        <span className="text-xs text-stone-500">
          {shown.length} of {plural(rated.length, 'rated claim')} × {plural(rows, 'reviewer')}
        </span>
      </div>
      <figure className="overflow-x-auto rounded-lg border border-stone-200 bg-white p-3 focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0}>
        <PlotFigure options={options} placeholderHeight={300} label={`Matrix of ${plural(rows, 'reviewer')} by ${plural(shown.length, 'claim')}`} testId="matrix" />
        <figcaption className="mt-2 text-xs text-stone-600">
          Each cell is one reviewer&apos;s credence in one claim: red below 50%, blue above, white at 50%, blank where the reviewer gave none. Rows are ordered by opinion group (the
          letter before the name), columns by disagreement (the numbers match the claims table&apos;s ranks). Hover a cell for its claim.
        </figcaption>
        <ol className="mt-2 grid gap-x-6 gap-y-0.5 text-xs text-stone-600 sm:grid-cols-2" aria-label="Columns">
          {shown.slice(0, 12).map((claim, i) => (
            <li key={claim.claimId} className="truncate" title={claimLabel(claim)}>
              <span className="font-medium text-stone-800 tabular-nums">#{i + 1}</span> {claimLabel(claim)}
            </li>
          ))}
          {shown.length > 12 && (
            <li className="text-stone-500">
              … and {plural(shown.length - 12, 'more claim')}: hover a cell for its claim
            </li>
          )}
        </ol>
        <details className="mt-3 text-xs">
          <summary className="cursor-pointer text-stone-700 max-lg:min-h-11 max-lg:content-center">The matrix as a table</summary>
          <p className="mt-1 text-stone-600">
            {table.columns.length < shown.length || table.rows.length < table.totalRows
              ? `The first ${plural(table.columns.length, 'claim')} and ${plural(table.rows.length, 'reviewer')} of ${shown.length} × ${table.totalRows}; the chart above shows them all.`
              : `Every reviewer's credence in each claim.`}
          </p>
          <div className="mt-1 overflow-x-auto">
            <table className="text-xs" data-testid="matrix-table">
              <caption className="sr-only">Credences by reviewer and claim</caption>
              <thead>
                <tr>
                  <th scope="col" className="px-2 py-1 text-left font-medium">
                    Reviewer
                  </th>
                  {table.columns.map((claim, i) => (
                    <th key={claim.claimId} scope="col" title={claimLabel(claim)} className="max-w-[9rem] px-2 py-1 text-right align-bottom font-medium">
                      #{i + 1} {shortLabel(claimLabel(claim), 40)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {table.rows.map((row) => (
                  <tr key={row.id}>
                    <th scope="row" className="px-2 py-0.5 text-left font-normal whitespace-nowrap">
                      {row.label}
                    </th>
                    {row.values.map((value, i) => (
                      <td key={i} className="px-2 py-0.5 text-right tabular-nums">
                        {value === null ? '' : percent(value)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </figure>
    </div>
  );
}

/**
 * The reviewer pairs the map lists: all of them, or (when there are more than it lists) the furthest apart and the
 * closest, with how many lie in between; "Show more pairs" asks the server for twice as many of each end.
 */
export function PairTable({ map, limit, onShowMore, isLoading }: { map: DisagreementMapResponse; limit: number; onShowMore: () => void; isLoading: boolean }) {
  const names = useMemo(() => new Map(map.reviewers.map((r) => [r.id, r.name])), [map.reviewers]);
  const pairs = map.pairs;
  if (map.pairsTotal === 0) return <p className="text-sm text-stone-600">No two reviewers share 3 rated claims yet.</p>;
  // the answer lists n of each end when it lists fewer than all
  const between = map.pairsTotal - pairs.length;
  const each = between > 0 ? pairs.length / 2 : pairs.length;
  const row = (p: DisagreementMapResponse['pairs'][number]) => (
    <tr key={`${p.reviewerA}:${p.reviewerB}`} data-testid="pair-row">
      <td className="px-3 py-1.5">
        {names.get(p.reviewerA) ?? 'reviewer'} <span className="text-stone-500">&amp;</span> {names.get(p.reviewerB) ?? 'reviewer'}
      </td>
      <td className="px-3 py-1.5 text-right tabular-nums">{p.sharedClaims}</td>
      <td className="px-3 py-1.5 text-right tabular-nums">{fixed(p.meanAbsLogitDiff)}</td>
      <td className="px-3 py-1.5 text-right tabular-nums">{percent(p.sameSideShare)}</td>
    </tr>
  );
  return (
    <div>
      <div className="max-h-[36rem] overflow-auto rounded-lg border border-stone-200 bg-white focus-visible:outline-2 focus-visible:outline-blue-600" tabIndex={0} role="region" aria-label="Reviewer pairs">
        <table className="w-full text-sm" data-testid="pair-table">
          <caption className="sr-only">Reviewer pairs, the most apart first</caption>
          <thead className="sticky top-0 bg-stone-50 text-left text-xs text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">
                Reviewers
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium" title="Claims both rated">
                Shared claims
              </th>
              <th scope="col" aria-sort="descending" className="px-3 py-2 text-right font-medium" title="Mean absolute difference of the two reviewers' log-odds over their shared claims; 2.2 is 10% against 50%.">
                Mean |Δℓ|
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium" title="Share of shared claims both put on the same side of 50%">
                Same side
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {pairs.slice(0, each).map(row)}
            {between > 0 && (
              <tr data-testid="pairs-between">
                <td colSpan={4} className="bg-stone-50 px-3 py-1.5 text-center text-xs text-stone-500">
                  … {plural(between, 'pair')} in between, not listed …
                </td>
              </tr>
            )}
            {between > 0 && pairs.slice(each).map(row)}
          </tbody>
        </table>
      </div>
      <p className="mt-2 flex items-center gap-3 text-xs text-stone-600">
        {between > 0
          ? `The ${each} furthest apart and the ${each} closest of ${plural(map.pairsTotal, 'pair')}.`
          : `All ${plural(map.pairsTotal, 'pair')}, the furthest apart first.`}
        {between > 0 && limit < MAX_MAP_PAIRS && (
          <button
            type="button"
            className="rounded border border-stone-300 bg-white px-2 py-1 text-stone-800 disabled:opacity-50"
            onClick={onShowMore}
            disabled={isLoading}
            aria-busy={isLoading}
          >
            {isLoading ? 'Loading pairs…' : 'Show more pairs'}
          </button>
        )}
      </p>
    </div>
  );
}
