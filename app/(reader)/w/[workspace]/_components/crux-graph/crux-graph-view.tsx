'use client';
// The crux graph of a document or of the workspace: a focus control, the picture (Cytoscape.js, loaded lazily and
// only in the browser) with its legend, and the same content as a table beside it for keyboard and screen-reader
// users — every claim with its numbers, what it hinges on and what hinges on it, each a link to the claim's page.
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useMemo, useState } from 'react';
import { plural } from '@/app/_components/format';
import { claimHref, fixed, percent, shortLabel } from '../map-format';
import {
  BRIDGED_MARK_GAP,
  graphRows,
  LEVEL_COLOURS,
  LEVEL_WORDS,
  neighbourhood,
  type CruxGraph,
  type CruxGraphEdge,
  type NodeLevel,
} from './crux-graph-data';

const CruxGraphCanvas = dynamic(() => import('./crux-graph-canvas'), {
  ssr: false,
  loading: () => (
    <div className="flex h-[32rem] items-center justify-center rounded-lg border border-stone-200 bg-white text-sm text-stone-500" data-testid="crux-graph-loading">
      Drawing the graph…
    </div>
  ),
});

/** Rows shown before "Show all": the table stays the same content as the picture, a click away. */
const TABLE_ROWS = 25;

const levels: NodeLevel[] = ['none', 'mild', 'moderate', 'strong', 'unrated'];

const shiftText = (e: CruxGraphEdge) =>
  e.expectedShift === null ? 'no conditionals yet' : `expected shift ${fixed(e.expectedShift)} (${plural(e.n, 'reviewer')})`;
const directionText = (e: CruxGraphEdge, isK: boolean) =>
  e.direction === null ? '' : isK ? `; if it is true, this becomes ${e.direction} likely` : `; if this is true, it becomes ${e.direction} likely`;

export function CruxGraphView({ graph, workspaceSlug, scope }: { graph: CruxGraph; workspaceSlug: string; scope: 'document' | 'workspace' }) {
  const router = useRouter();
  const selectId = useId();
  const [focus, setFocus] = useState<string | null>(null);
  const [isAllShown, setAllShown] = useState(false);
  const focused = focus !== null && graph.nodes.some((n) => n.claimId === focus) ? focus : null;
  const shown = useMemo(() => neighbourhood(graph, focused), [graph, focused]);
  const rows = useMemo(() => graphRows(shown), [shown]);
  const focusStatement = graph.nodes.find((n) => n.claimId === focused)?.statement;
  const byStatement = useMemo(() => [...graph.nodes].sort((a, b) => a.statement.localeCompare(b.statement)), [graph.nodes]);

  if (graph.nodes.length === 0) {
    return (
      <p className="rounded-lg border border-stone-200 bg-white p-4 text-sm text-stone-600" data-testid="crux-graph-empty">
        No claim {scope === 'document' ? 'on this document ' : ''}has ratings or crux links yet.
      </p>
    );
  }

  const label = focused
    ? `Crux graph focused on “${focusStatement ?? ''}”: ${plural(shown.nodes.length, 'claim')} and ${plural(shown.edges.length, 'crux link')}. The table below has the same content.`
    : `Crux graph: ${plural(graph.nodes.length, 'claim')} and ${plural(graph.edges.length, 'crux link')}. The table below has the same content.`;

  return (
    <div className="space-y-4" data-testid="crux-graph">
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 max-w-full">
          <label htmlFor={selectId} className="block text-sm font-medium text-stone-800">
            Focus on a claim
          </label>
          <select
            id={selectId}
            value={focused ?? ''}
            onChange={(event) => setFocus(event.target.value || null)}
            className="mt-1 min-h-11 w-full max-w-md rounded-md border border-stone-300 bg-white px-2 py-1.5 text-sm"
            data-testid="crux-graph-focus"
          >
            <option value="">All claims ({graph.nodes.length})</option>
            {byStatement.map((n) => (
              <option key={n.claimId} value={n.claimId}>
                {shortLabel(n.statement || `Claim ${n.claimId.slice(0, 8)}`, 80)}
              </option>
            ))}
          </select>
        </div>
        {focused && (
          <button type="button" onClick={() => setFocus(null)} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm text-stone-800 hover:bg-stone-50">
            Show the whole graph
          </button>
        )}
        <p className="text-sm text-stone-600" role="status" data-testid="crux-graph-status">
          {focused
            ? `Showing “${shortLabel(focusStatement ?? '', 60)}”, what it hinges on and what hinges on it: ${plural(shown.nodes.length, 'claim')}, ${plural(shown.edges.length, 'link')}.`
            : `${plural(graph.nodes.length, 'claim')}, ${plural(graph.edges.length, 'crux link')}.`}
        </p>
      </div>

      <figure>
        <CruxGraphCanvas graph={shown} focus={focused} onOpen={(claimId) => router.push(claimHref(workspaceSlug, claimId))} label={label} />
        <figcaption className="mt-2 space-y-1 text-xs text-stone-600">
          <p className="flex flex-wrap items-center gap-x-4 gap-y-1" data-testid="crux-graph-legend">
            <span className="font-medium text-stone-700">Fill: disagreement</span>
            {levels.map((l) => (
              <span key={l} className="inline-flex items-center gap-1">
                <span className={`inline-block h-3 w-3 rounded-full border border-stone-500 ${l === 'unrated' ? 'border-dotted' : ''}`} style={{ backgroundColor: LEVEL_COLOURS[l] }} aria-hidden="true" />
                {LEVEL_WORDS[l]}
              </span>
            ))}
            <span className="inline-flex items-center gap-1">
              <span className="inline-block h-3 w-3 rounded-full border-2 border-dashed border-violet-600" aria-hidden="true" />
              bridged and aggregate more than {Math.round(BRIDGED_MARK_GAP * 100)} points apart
            </span>
          </p>
          <p className="flex flex-wrap items-center gap-x-4 gap-y-1">
            <span className="font-medium text-stone-700">Arrows K → C</span>
            <span>
              {/* the arrows' colours (DIRECTION_COLOURS: emerald-700, rose-700), as palette classes so the dark theme lightens them */}
              <span className="text-emerald-700">green</span>: K true makes C more likely; <span className="text-rose-700">red</span>: less likely;
              grey: no direction; width: expected shift (mean of 2·k·(1−k)·|P(C|K) − P(C|¬K)|), dashed when nobody gave conditionals.
            </span>
          </p>
          <p>Size: number of ratings. Under each claim, ▲ evidence for and ▼ evidence against. Click a claim to open its page; drag to move, scroll to zoom.</p>
        </figcaption>
      </figure>

      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-sm" data-testid="crux-graph-table">
          <caption className="px-3 py-2 text-left text-sm font-medium text-stone-800">
            {focused ? `The claims around “${shortLabel(focusStatement ?? '', 80)}” and their crux links` : 'Every claim of the graph and its crux links'}
          </caption>
          <thead className="bg-stone-50 text-left text-xs text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Claim</th>
              <th scope="col" className="px-3 py-2 font-medium">Disagreement</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Ratings</th>
              <th scope="col" className="px-3 py-2 text-right font-medium" title="Geometric mean of odds">Aggregate</th>
              <th scope="col" className="px-3 py-2 text-right font-medium" title="The credence shared across viewpoints once the main axis of disagreement is factored out">
                Bridged
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Evidence for / against</th>
              <th scope="col" className="px-3 py-2 font-medium">Hinges on (K → this)</th>
              <th scope="col" className="px-3 py-2 font-medium">What hinges on it (this → C)</th>
              <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">Focus</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100 align-top">
            {(isAllShown ? rows : rows.slice(0, TABLE_ROWS)).map(({ node, level, bridgedApart, hingesOn, hingedOnBy }) => (
              <tr key={node.claimId} data-testid="crux-graph-row" aria-current={node.claimId === focused ? 'true' : undefined} className={node.claimId === focused ? 'bg-blue-50' : ''}>
                <th scope="row" className="min-w-64 max-w-md px-3 py-2 text-left font-normal">
                  <Link href={claimHref(workspaceSlug, node.claimId)} className="text-stone-900 underline decoration-stone-300 underline-offset-2 hover:text-blue-800">
                    {node.statement || `Claim ${node.claimId.slice(0, 8)}`}
                  </Link>
                </th>
                <td className="px-3 py-2 whitespace-nowrap">
                  <span className="inline-block h-2.5 w-2.5 rounded-full border border-stone-500 align-middle" style={{ backgroundColor: LEVEL_COLOURS[level] }} aria-hidden="true" />{' '}
                  {LEVEL_WORDS[level]}
                  {node.disagreement !== null && <span className="text-stone-500"> ({fixed(node.disagreement)})</span>}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{node.n}</td>
                <td className="px-3 py-2 text-right tabular-nums">{percent(node.aggregate)}</td>
                <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
                  {percent(node.bridged)}
                  {bridgedApart && (
                    <span className="ml-1 rounded bg-violet-100 px-1 text-xs text-violet-900" title={`Bridged and aggregate differ by more than ${Math.round(BRIDGED_MARK_GAP * 100)} points`}>
                      apart
                    </span>
                  )}
                </td>
                <td className="px-3 py-2 text-right tabular-nums">
                  {node.evidence.for} / {node.evidence.against}
                </td>
                <td className="px-3 py-2">
                  <LinkList items={hingesOn} workspaceSlug={workspaceSlug} isK />
                </td>
                <td className="px-3 py-2">
                  <LinkList items={hingedOnBy} workspaceSlug={workspaceSlug} isK={false} />
                </td>
                <td className="px-3 py-2">
                  {node.claimId !== focused && (
                    <button
                      type="button"
                      onClick={() => setFocus(node.claimId)}
                      className="rounded border border-stone-300 bg-white px-2 py-0.5 text-xs text-stone-800 hover:bg-stone-50 max-lg:min-h-11 max-lg:min-w-11"
                      aria-label={`Focus the graph on “${shortLabel(node.statement, 60)}”`}
                    >
                      Focus
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > TABLE_ROWS && (
          <p className="flex items-center gap-3 px-3 py-2 text-xs text-stone-600">
            {isAllShown ? `All ${rows.length} claims.` : `The first ${TABLE_ROWS} of ${rows.length} claims: those in crux links first, then by disagreement.`}
            <button type="button" className="rounded border border-stone-300 bg-white px-2 py-1 text-stone-800" onClick={() => setAllShown((v) => !v)}>
              {isAllShown ? 'Show fewer' : `Show all ${rows.length}`}
            </button>
          </p>
        )}
      </div>
    </div>
  );
}

function LinkList({ items, workspaceSlug, isK }: { items: { edge: CruxGraphEdge; claimId: string; statement: string }[]; workspaceSlug: string; isK: boolean }) {
  if (items.length === 0) return <span className="text-stone-500">–</span>;
  return (
    <ul className="space-y-1">
      {items.map(({ edge, claimId, statement }) => (
        <li key={claimId}>
          <Link href={claimHref(workspaceSlug, claimId)} className="text-blue-700 underline">
            {shortLabel(statement || `Claim ${claimId.slice(0, 8)}`, 60)}
          </Link>
          <span className="block text-xs text-stone-500">
            {shiftText(edge)}
            {directionText(edge, isK)}
          </span>
        </li>
      ))}
    </ul>
  );
}
