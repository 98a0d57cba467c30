// The workspace's disagreement map across documents: where the reviewers disagree most (the lead claims of every
// document, with their reasons), then each document with its claims, agreement (alpha), most
// disputed claim and heat strip; the most disputed claims of the workspace; the cruxes across documents; the crux
// graph of the whole workspace.
import type { Metadata } from 'next';
import Link from 'next/link';
import { cache } from 'react';
import { DemoDataNotice } from '../../../_components/demo-data-notice';
import { DocumentHeat } from './_components/document-heat';
import { HEAT_EXPLANATION, HeatLegend } from '../_components/heat-strip';
import { claimLabel, fixed, percent } from '../_components/map-format';
import { MostDisputed } from '../_components/most-disputed';
import { plural } from '@/app/_components/format';
import { describeDisagreement } from '@/lib/disagreement/wording';
import { getWorkspaceDisagreement, type WorkspaceDisagreement } from '@/lib/disagreement/workspace-queries';
import { readableContext } from '../_components/workspace-access';
import { CruxGraphView } from '../_components/crux-graph/crux-graph-view';
import { getCruxGraph } from '@/lib/cruxes/graph-queries';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string }> };

/** The map, once per request (the metadata and the page share it). */
const load = cache(async (workspace: string): Promise<WorkspaceDisagreement> => getWorkspaceDisagreement({ ctx: await readableContext(workspace) }));
const loadGraph = cache(async (workspace: string) => getCruxGraph({ ctx: await readableContext(workspace) }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Disagreement map · ${(await load((await params).workspace)).workspace.name}` };
}

type Ref = { claimId: string; statement: string | null; document: { slug: string; title: string }; passageId: string | null };

function ClaimRefLink({ workspace, claim }: { workspace: string; claim: Ref }) {
  const href = `/w/${workspace}/documents/${claim.document.slug}${claim.passageId ? `#p-${claim.passageId}` : ''}`;
  return (
    <Link href={href} className="text-stone-900 underline decoration-stone-300 underline-offset-2 hover:text-blue-800 hover:decoration-blue-700">
      {claimLabel(claim)}
    </Link>
  );
}

export default async function WorkspaceMapPage({ params }: Props) {
  const { workspace } = await params;
  const [data, graph] = await Promise.all([load(workspace), loadGraph(workspace)]);
  const ws = data.workspace.slug;
  const maxHeat = Math.max(1, ...data.documents.flatMap((d) => d.heat.map((h) => h[1])));
  return (
    <div className="mx-auto max-w-7xl space-y-10 px-4 py-6">
      <header className="border-b border-stone-200 pb-4">
        <Link href={`/w/${ws}`} className="text-sm text-blue-700 underline">
          ← {data.workspace.name}
        </Link>
        <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight text-stone-900">Disagreement map</h1>
        <p className="mt-1 max-w-3xl text-sm text-stone-600">
          Where the {plural(data.reviewers, 'reviewer')} of {data.workspace.name} disagree, across its {plural(data.documents.length, 'document')}. Disagreement is the spread of the
          reviewers&apos; log-odds on a claim, shrunk for small panels, and said as none, mild, moderate or strong with the range of the middle half of their credences; open a
          document&apos;s map for its claims, groups, cruxes and rounds.
        </p>
        <DemoDataNotice workspaceId={data.workspace.id} />
      </header>

      <section id="lead" aria-labelledby="lead-title">
        <h2 id="lead-title" className="text-xl font-semibold text-stone-900">
          Where we disagree most
        </h2>
        <p className="mt-1 mb-4 max-w-3xl text-sm text-stone-600">
          Across every document, the claims the reviewers are furthest apart on, with the strongest reasons each side gives, what the disagreement hinges on and where the opinion
          groups stand.
        </p>
        <MostDisputed claims={data.mostDisputed} workspaceSlug={ws} emptyText="No claim has two or more reviewers who disagree yet." />
      </section>

      <section id="documents" aria-labelledby="documents-title">
        <h2 id="documents-title" className="text-xl font-semibold text-stone-900">
          Documents
        </h2>
        <div className="mt-1 mb-4 flex flex-wrap items-center gap-4">
          <p className="text-sm text-stone-600" title={HEAT_EXPLANATION}>
            Each strip is a document, one segment per passage, coloured by heat.
          </p>
          <HeatLegend max={maxHeat} />
        </div>
        {data.documents.length === 0 ? (
          <p className="text-stone-600">No documents yet.</p>
        ) : (
          <ul className="space-y-3" data-testid="workspace-documents">
            {data.documents.map((d) => (
              <li key={d.id} className="rounded-lg border border-stone-200 bg-white p-4" data-testid="workspace-document">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-serif text-lg font-semibold text-stone-900">
                    <Link href={`/w/${ws}/documents/${d.slug}/map`} className="hover:underline">
                      {d.title}
                    </Link>
                  </h3>
                  <p className="flex flex-wrap gap-x-4 text-sm text-stone-600">
                    <span title="Claims named by the document's annotations (rated ones)">
                      {plural(d.claims, 'claim')} ({d.ratedClaims} rated)
                    </span>
                    <span>{plural(d.reviewers, 'reviewer')}</span>
                    <span title="Krippendorff's alpha over the log-odds: 1 full agreement, 0 chance">α {fixed(d.alpha)}</span>
                    <span>{plural(d.groups, 'group')}</span>
                    <span>{plural(d.doubleCruxes, 'double crux', 'double cruxes')}</span>
                    <span>round {d.round}</span>
                    {d.blind && <span className="rounded bg-amber-100 px-1.5 text-amber-900">blind</span>}
                  </p>
                </div>
                {d.heat.length > 0 && (
                  <div className="mt-3">
                    <DocumentHeat readerBase={`/w/${ws}/documents/${d.slug}`} heat={d.heat} totalReviewers={d.reviewers} />
                  </div>
                )}
                <p className="mt-2 text-sm text-stone-700">
                  {d.topClaim ? (
                    <>
                      <span className="text-xs font-medium tracking-wide text-stone-500 uppercase">Most disputed</span> <ClaimRefLink workspace={ws} claim={d.topClaim} />{' '}
                      <span className="text-xs text-stone-500">
                        {describeDisagreement({ ...d.topClaim, q1: null, q3: null }).headline} · aggregate {percent(d.topClaim.aggregate)} · {plural(d.topClaim.n, 'reviewer')}
                      </span>
                    </>
                  ) : (
                    <span className="text-stone-500">No rated claims yet.</span>
                  )}
                </p>
              </li>
            ))}
          </ul>
        )}
        {data.documentsLeftOut > 0 && (
          <p className="mt-2 text-xs text-stone-500">
            {data.documentsLeftOut === 1 ? '1 less recently updated document is' : `${data.documentsLeftOut} less recently updated documents are`} left out.
          </p>
        )}
      </section>

      <section id="disputed" aria-labelledby="disputed-title">
        <h2 id="disputed-title" className="text-xl font-semibold text-stone-900">
          Most disputed claims
        </h2>
        <p className="mt-1 mb-4 text-sm text-stone-600">Across every document, the claims the reviewers are furthest apart on (hover the numbers for their meaning).</p>
        {data.claims.length === 0 ? (
          <p className="text-stone-600">No rated claims yet.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
            <table className="w-full text-sm" data-testid="workspace-claims">
              <thead className="bg-stone-50 text-left text-xs text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Claim
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Document
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium" title="None, mild (from 0.25), moderate (from 0.6) or strong (from 1) by the spread of the log-odds × n / (n + 3)">
                    Disagreement
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium" title="Geometric mean of odds">
                    Aggregate
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium" title="2 × the smaller share of credences below 40% and above 60%">
                    Split
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    n
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {data.claims.map((c) => (
                  <tr key={c.claimId}>
                    <td className="max-w-xl px-3 py-2">
                      <ClaimRefLink workspace={ws} claim={c} />
                    </td>
                    <td className="px-3 py-2 text-stone-600">
                      <Link href={`/w/${ws}/documents/${c.document.slug}/map`} className="hover:underline">
                        {c.document.title}
                      </Link>
                    </td>
                    <td className="px-3 py-2 text-right font-medium whitespace-nowrap" title={`measure ${fixed(c.disagreement)}`}>
                      {describeDisagreement({ ...c, q1: null, q3: null }).headline}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{percent(c.aggregate)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{fixed(c.split)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{c.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section id="cruxes" aria-labelledby="cruxes-title">
        <h2 id="cruxes-title" className="text-xl font-semibold text-stone-900">
          Cruxes across documents
        </h2>
        <p className="mt-1 mb-4 text-sm text-stone-600">
          Double cruxes (two disagreeing reviewers both said their view hinges on the same claim, and disagree on it too) first, then the strongest implicit cruxes (|Spearman ρ| ×
          spread of the crux).
        </p>
        {data.doubleCruxes.length === 0 && data.implicitCruxes.length === 0 ? (
          <p className="text-stone-600">None yet.</p>
        ) : (
          <ol className="space-y-2 text-sm" data-testid="workspace-cruxes">
            {data.doubleCruxes.map((x) => (
              <li key={`d:${x.crux.claimId}:${x.for.claimId}`} className="rounded-lg border border-amber-300 bg-amber-50 p-3">
                <span className="text-xs font-semibold text-amber-900 uppercase">Double crux</span> <ClaimRefLink workspace={ws} claim={x.crux} /> <span className="text-stone-500">→</span>{' '}
                <ClaimRefLink workspace={ws} claim={x.for} /> <span className="text-xs text-stone-500">({plural(x.pairs, 'pair')} · {x.crux.document.title})</span>
              </li>
            ))}
            {data.implicitCruxes.map((x) => (
              <li key={`i:${x.crux.claimId}:${x.for.claimId}`} className="rounded-lg border border-stone-200 bg-white p-3">
                <span className="text-xs font-semibold text-stone-600 uppercase">Implicit</span> <ClaimRefLink workspace={ws} claim={x.crux} /> <span className="text-stone-500">↔</span>{' '}
                <ClaimRefLink workspace={ws} claim={x.for} />{' '}
                <span className="text-xs text-stone-500">
                  (score {fixed(x.score)}, ρ {fixed(x.rho)}, {plural(x.common, 'reviewer')} · {x.crux.document.title})
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section id="graph" aria-labelledby="graph-title">
        <h2 id="graph-title" className="text-xl font-semibold text-stone-900">
          Crux graph
        </h2>
        <p className="mt-1 mb-4 max-w-3xl text-sm text-stone-600">
          Which claims hinge on which across every document, and by how much: an arrow K → C for every crux link, as wide as the expected shift — how far learning whether K is
          true would move the reviewers on C, from the conditional credences they gave. Focus a claim to see only its neighbourhood.
        </p>
        <CruxGraphView graph={graph} workspaceSlug={ws} scope="workspace" />
      </section>
    </div>
  );
}
