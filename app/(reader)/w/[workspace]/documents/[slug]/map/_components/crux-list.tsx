'use client';
// Cruxes: double cruxes (two reviewers who disagree on a claim both said their view hinges on another claim, on
// which they disagree too) first, then implicit cruxes (claims whose credences track another claim's).
import { useState } from 'react';
import type { DisagreementMapResponse } from '@/lib/disagreement/types';
import { fixed } from '../../../../_components/map-format';
import { ClaimLink } from './groups-view';
import { plural } from '@/app/_components/format';

const IMPLICIT_PAGE = 10;

export function CruxList({ map, names, readerBase }: { map: DisagreementMapResponse; names: Map<string, string>; readerBase: string }) {
  const [implicitShown, setImplicitShown] = useState(IMPLICIT_PAGE);
  const claims = new Map(map.claims.map((c) => [c.claimId, c]));
  const name = (id: string) => names.get(id) ?? 'a reviewer';
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div>
        <h3 className="text-sm font-semibold text-stone-900">Double cruxes ({map.doubleCruxesTotal})</h3>
        <p className="text-xs text-stone-600">
          Found by marks: two reviewers whose credences in a claim differ by at least 1 in log-odds both marked the same other claim as what their view hinges on, and they differ on
          that one by at least 1 too. Found by the numbers: two reviewers at least 20 points apart on the claim whose conditional credences say that learning the crux would close at
          least half of that gap. Settle the crux and you may settle the claim.
        </p>
        {map.doubleCruxes.length === 0 ? (
          <p className="mt-3 text-sm text-stone-600">None yet.</p>
        ) : (
          <ol className="mt-3 space-y-3" data-testid="double-cruxes">
            {map.doubleCruxes.map((d) => (
              <li key={`${d.foundBy}:${d.cruxClaimId}:${d.forClaimId}`} className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="double-crux">
                <p className="mb-1 text-xs text-amber-900" data-testid="double-crux-found-by">
                  {d.foundBy === 'marked' ? 'Found by marks: both reviewers said so' : 'Found by the numbers: their conditional credences'}
                </p>
                <p>
                  <span className="text-xs font-semibold tracking-wide text-amber-900 uppercase">Crux</span> <ClaimLink claim={claims.get(d.cruxClaimId)} readerBase={readerBase} />
                </p>
                <p className="mt-1">
                  <span className="text-xs font-semibold tracking-wide text-amber-900 uppercase">decides</span> <ClaimLink claim={claims.get(d.forClaimId)} readerBase={readerBase} />
                </p>
                <p className="mt-1 text-xs text-stone-600" title="Δℓ: the difference of the two reviewers' log-odds on the claim and on the crux">
                  {plural(d.pairs.length, 'pair')}:{' '}
                  {(d.foundBy === 'marked'
                    ? d.pairs.slice(0, 3).map((p) => `${name(p.reviewerA)} & ${name(p.reviewerB)} (Δℓ ${fixed(p.deltaFor, 1)} on the claim, ${fixed(p.deltaCrux, 1)} on the crux)`)
                    : d.pairs.slice(0, 3).map((p) => `${name(p.reviewerA)} & ${name(p.reviewerB)} (gap ${fixed(p.gap, 2)}, ${fixed(p.resolvedShare * 100, 0)}% resolved by the crux)`)
                  ).join('; ')}
                  {d.pairs.length > 3 ? '; …' : ''}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
      <div>
        <h3 className="text-sm font-semibold text-stone-900">Implicit cruxes ({map.implicitCruxes.length})</h3>
        <p className="text-xs text-stone-600">
          Nobody marked these, but the numbers tie them: score = |Spearman ρ| between the credences in the two claims × the spread of the crux, kept only where a permutation test
          over at least 8 common reviewers survives Benjamini–Hochberg at q = 0.1 over every pair tested.
        </p>
        {map.implicitCruxes.length === 0 ? (
          <p className="mt-3 text-sm text-stone-600">None yet.</p>
        ) : (
          <ol className="mt-3 space-y-1.5" data-testid="implicit-cruxes">
            {map.implicitCruxes.slice(0, implicitShown).map((x) => (
              <li key={`${x.cruxClaimId}:${x.forClaimId}`} className="rounded-md border border-stone-200 bg-white px-3 py-2 text-sm" data-testid="implicit-crux">
                <p>
                  <ClaimLink claim={claims.get(x.cruxClaimId)} readerBase={readerBase} /> <span className="text-stone-500">↔</span>{' '}
                  <ClaimLink claim={claims.get(x.forClaimId)} readerBase={readerBase} />
                </p>
                <p className="mt-0.5 text-xs text-stone-600" title="score = |ρ| × spread of the crux claim's log-odds">
                  score {fixed(x.score)} · ρ {fixed(x.rho)} · q {fixed(x.q, 3)} · spread {fixed(x.cruxSpread)} · {plural(x.common, 'common reviewer')}
                </p>
              </li>
            ))}
          </ol>
        )}
        {map.implicitCruxes.length > 0 && (
          <p className="mt-2 flex items-center gap-3 text-xs text-stone-500">
            The {Math.min(implicitShown, map.implicitCruxes.length)} strongest of {map.implicitCruxes.length}, the crux first.
            {implicitShown < map.implicitCruxes.length && (
              <button type="button" className="rounded border border-stone-300 bg-white px-2 py-1 text-stone-800" onClick={() => setImplicitShown((n) => n + IMPLICIT_PAGE * 2)}>
                Show more
              </button>
            )}
          </p>
        )}
      </div>
    </div>
  );
}
