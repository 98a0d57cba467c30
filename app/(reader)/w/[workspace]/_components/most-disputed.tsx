'use client';
// "Where we disagree most", the first screen of a document's map and of the workspace map: per disputed claim its
// disagreement in words, a strip of its credences (with a table beside it), the strongest reasons on each side, what
// it hinges on and where the opinion groups stand. The data is the map answer's `mostDisputed` (already masked for
// blind review); this only draws it.
import * as Plot from '@observablehq/plot';
import Link from 'next/link';
import { useMemo } from 'react';
import { plural } from '@/app/_components/format';
import type { LeadReason, MostDisputedClaim } from '@/lib/disagreement/types';
import { describeDisagreement, evidenceCounts } from '@/lib/disagreement/wording';
import { PlotFigure } from '../documents/[slug]/map/_components/plot-figure';
import { claimHref, groupColour, groupName, percent } from './map-format';

export type LeadClaim = MostDisputedClaim & { document?: { slug: string; title: string } };

const levelStyles: Record<string, string> = {
  strong: 'bg-red-100 text-red-900 ring-red-200',
  moderate: 'bg-orange-100 text-orange-900 ring-orange-200',
  mild: 'bg-amber-50 text-amber-900 ring-amber-200',
  none: 'bg-stone-100 text-stone-700 ring-stone-200',
};

export function MostDisputed({
  claims,
  workspaceSlug,
  documentSlug,
  emptyText,
}: {
  claims: readonly LeadClaim[];
  workspaceSlug: string;
  /** the document map's own document (claims on the workspace map carry theirs) */
  documentSlug?: string;
  emptyText: string;
}) {
  if (claims.length === 0) return <p className="text-sm text-stone-600">{emptyText}</p>;
  return (
    <ol className="space-y-4" data-testid="most-disputed">
      {claims.map((claim, i) => (
        <LeadItem key={claim.claimId} claim={claim} rank={i + 1} workspaceSlug={workspaceSlug} documentSlug={claim.document?.slug ?? documentSlug} />
      ))}
    </ol>
  );
}

function LeadItem({ claim, rank, workspaceSlug, documentSlug }: { claim: LeadClaim; rank: number; workspaceSlug: string; documentSlug?: string }) {
  const words = describeDisagreement(claim);
  const readerBase = documentSlug ? `/w/${workspaceSlug}/documents/${documentSlug}` : null;
  const passage = claim.passageIds[0];
  const headingId = `lead-${claim.claimId}`;
  return (
    <li className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm" data-testid="lead-claim" data-claim-id={claim.claimId} aria-labelledby={headingId}>
      <div className="flex flex-wrap items-start gap-x-6 gap-y-3">
        <div className="min-w-[16rem] flex-1">
          <h3 id={headingId} className="font-serif text-lg leading-snug font-semibold text-stone-900">
            <span className="mr-2 text-sm font-normal text-stone-500 tabular-nums">{rank}.</span>
            <Link href={claimHref(workspaceSlug, claim.claimId)} className="hover:text-blue-800 hover:underline" data-testid="lead-statement">
              {claim.statement?.trim() || 'Untitled claim'}
            </Link>
          </h3>
          <p className="mt-1.5 text-sm text-stone-700" data-testid="lead-disagreement">
            <span className={`mr-1.5 rounded px-1.5 py-0.5 text-xs font-semibold ring-1 ${levelStyles[words.level ?? 'none']}`}>{words.headline}</span>{' '}
            {words.detail}
            <span className="text-stone-500">
              {' '}
              · {plural(claim.n, 'reviewer')} · aggregate {percent(claim.aggregate)} · evidence {evidenceCounts(claim.evidence)}
            </span>
          </p>
          <p className="mt-1 text-xs text-stone-500">
            {claim.document && readerBase && (
              <>
                in{' '}
                <Link href={`${readerBase}/map`} className="text-blue-700 underline">
                  {claim.document.title}
                </Link>{' '}
                ·{' '}
              </>
            )}
            {readerBase && (
              <Link href={passage ? `${readerBase}#p-${passage}` : readerBase} className="text-blue-700 underline">
                read it in the document
              </Link>
            )}
          </p>
          {claim.hidden && (
            <p className="mt-2 rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
              Blind review: these are the credences revealed when the current round opened. Rate the claim to see the others&apos; current ones and their reasons.
            </p>
          )}
        </div>
        <Distribution claim={claim} />
      </div>

      <div className="mt-3 grid gap-3 md:grid-cols-2">
        <Reasons side="for" reasons={claim.reasons.for} />
        <Reasons side="against" reasons={claim.reasons.against} />
      </div>

      <div className="mt-3 grid gap-3 text-sm md:grid-cols-2">
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-stone-500 uppercase">It hinges on</h4>
          {claim.cruxes.length === 0 ? (
            <p className="mt-1 text-stone-500">No crux marked or suggested yet.</p>
          ) : (
            <ul className="mt-1 space-y-1" data-testid="lead-cruxes">
              {claim.cruxes.map((crux) => (
                <li key={crux.claimId}>
                  <Link href={claimHref(workspaceSlug, crux.claimId)} className="text-stone-900 underline decoration-stone-300 underline-offset-2 hover:text-blue-800">
                    {crux.statement?.trim() || 'Untitled claim'}
                  </Link>{' '}
                  <span className="text-xs text-stone-500">
                    ({[crux.isDouble ? 'double crux' : null, crux.reviewers > 0 ? `marked by ${plural(crux.reviewers, 'reviewer')}` : null, crux.isImplicit ? 'suggested by the credences' : null]
                      .filter(Boolean)
                      .join(' · ')}
                    )
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h4 className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Where the opinion groups stand</h4>
          {claim.groups.length === 0 ? (
            <p className="mt-1 text-stone-500">No opinion groups yet (they need four reviewers with five ratings each).</p>
          ) : (
            <ul className="mt-1 space-y-0.5" data-testid="lead-groups">
              {claim.groups.map((g) => (
                <li key={g.group} className="flex items-center gap-2">
                  <span className="inline-block h-2.5 w-2.5 rounded-full" style={{ backgroundColor: groupColour(g.group) }} aria-hidden="true" />
                  <span className="font-medium text-stone-800">{groupName(g.group)}</span>
                  <span className="tabular-nums">{percent(g.aggregate)}</span>
                  <span className="text-xs text-stone-500">
                    (median {percent(g.median)}, {plural(g.n, 'reviewer')})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </li>
  );
}

function Reasons({ side, reasons }: { side: 'for' | 'against'; reasons: readonly LeadReason[] }) {
  const title = side === 'for' ? 'Strongest reasons for' : 'Strongest reasons against';
  return (
    <div className={`rounded-md border p-3 text-sm ${side === 'for' ? 'border-blue-200 bg-blue-50/40' : 'border-red-200 bg-red-50/40'}`} data-testid={`lead-reasons-${side}`}>
      <h4 className={`text-xs font-semibold tracking-wide uppercase ${side === 'for' ? 'text-blue-900' : 'text-red-900'}`}>{title}</h4>
      {reasons.length === 0 ? (
        <p className="mt-1 text-stone-500">{side === 'for' ? 'No evidence or rationale for it yet.' : 'No evidence or rationale against it yet.'}</p>
      ) : (
        <ul className="mt-1 space-y-2">
          {reasons.map((r) => (
            <li key={r.annotationId}>
              {r.kind === 'evidence' ? (
                <>
                  <p className="text-xs text-stone-500">
                    Evidence{r.strength !== null ? ` (strength ${r.strength} of 3)` : ''} · {r.author.name}
                  </p>
                  {r.quote && <blockquote className="mt-0.5 border-l-2 border-stone-300 pl-2 font-serif text-stone-800 italic">“{r.quote}”</blockquote>}
                  {r.rationale && <p className="mt-0.5 text-stone-800">{r.rationale}</p>}
                  {r.sourceUrl && (
                    <p className="mt-0.5 truncate text-xs">
                      Source:{' '}
                      <a href={r.sourceUrl} rel="noopener noreferrer nofollow" target="_blank" className="text-blue-700 underline">
                        {r.sourceUrl}
                      </a>
                    </p>
                  )}
                </>
              ) : (
                <>
                  <p className="text-xs text-stone-500">
                    {r.author.name}, who says {percent(r.credence)}
                  </p>
                  <p className="mt-0.5 text-stone-800">{r.rationale}</p>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const BIN_LABELS = Array.from({ length: 10 }, (_, i) => `${i * 10}–${i * 10 + 10}%`);

/** The credences as ten bars (one per tenth), the middle half shaded and the median marked; a table beside it. */
function Distribution({ claim }: { claim: LeadClaim }) {
  const options = useMemo<Plot.PlotOptions>(() => {
    const bins = claim.distribution.map((count, i) => ({ x1: i / 10, x2: (i + 1) / 10, count }));
    return {
      width: 260,
      height: 84,
      marginLeft: 14,
      marginRight: 18,
      marginTop: 6,
      marginBottom: 20,
      x: { domain: [0, 1], ticks: [0, 0.5, 1], tickFormat: '.0%', label: null },
      y: { axis: null },
      marks: [
        Plot.rectX([{ x1: claim.q1, x2: claim.q3 }], { x1: 'x1', x2: 'x2', y1: 0, y2: Math.max(1, ...claim.distribution), fill: '#fde68a', fillOpacity: 0.5 }),
        Plot.rectY(bins, { x1: 'x1', x2: 'x2', y: 'count', fill: '#57534e', inset: 1 }),
        Plot.ruleX([claim.median], { stroke: '#1d4ed8', strokeWidth: 2, strokeDasharray: '3,2' }),
        Plot.ruleY([0], { stroke: '#a8a29e' }),
      ],
    };
  }, [claim.distribution, claim.q1, claim.q3, claim.median]);
  return (
    <figure className="w-[260px] shrink-0">
      <PlotFigure
        options={options}
        placeholderHeight={84}
        label={`Credences of ${plural(claim.n, 'reviewer')}: the middle half from ${percent(claim.q1)} to ${percent(claim.q3)}, median ${percent(claim.median)}`}
        testId="lead-distribution"
      />
      <figcaption className="text-[11px] text-stone-500">
        Bars: reviewers per tenth; shaded: the middle half; dashed: median {percent(claim.median)}.
      </figcaption>
      <details className="text-xs">
        <summary className="cursor-pointer text-stone-600">As a table</summary>
        <table className="mt-1 w-full">
          <caption className="sr-only">Reviewers per credence range</caption>
          <thead>
            <tr>
              <th scope="col" className="text-left font-medium">
                Credence
              </th>
              <th scope="col" className="text-right font-medium">
                Reviewers
              </th>
            </tr>
          </thead>
          <tbody>
            {claim.distribution.map((count, i) => (
              <tr key={BIN_LABELS[i]}>
                <td>{i === 9 ? '90–100%' : BIN_LABELS[i]}</td>
                <td className="text-right tabular-nums">{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
