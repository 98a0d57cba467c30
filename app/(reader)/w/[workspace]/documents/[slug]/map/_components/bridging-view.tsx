'use client';
// Bridged credence beside the aggregate (the credence shared across viewpoints once the main axis of disagreement is
// factored out, as Community Notes does for helpfulness), each opinion group's own aggregate, and "what the camps
// share": claims with a high bridged credence that no group rejects.
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { plural } from '@/app/_components/format';
import { claimsAcrossGroups, GROUP_REJECTS_BELOW, isRejectedByAGroup, SHARED_BRIDGED_MIN, whatTheCampsShare } from '@/lib/disagreement/shared-ground';
import type { DisagreementMapResponse, MapClaimView } from '@/lib/disagreement/types';
import { claimLabel, fixed, groupColour, groupName, percent, readerHref } from '../../../../_components/map-format';

const ROWS = 12;

function ClaimLink({ claim, readerBase }: { claim: MapClaimView | undefined; readerBase: string }) {
  return (
    <Link href={readerHref(readerBase, claim)} className="text-stone-900 underline decoration-stone-300 underline-offset-2 hover:text-blue-800 hover:decoration-blue-700">
      {claimLabel(claim)}
    </Link>
  );
}
const pct = (p: number) => `${Math.round(p * 100)}%`;

export function BridgingView({ map, readerBase }: { map: DisagreementMapResponse; readerBase: string }) {
  const [isAllShown, setAllShown] = useState(false);
  const claims = useMemo(() => new Map(map.claims.map((c) => [c.claimId, c])), [map.claims]);
  const rows = useMemo(() => claimsAcrossGroups(map), [map]);
  const shared = useMemo(() => whatTheCampsShare(rows), [rows]);
  const isFitted = rows.some((r) => r.bridged !== null);
  const shown = isAllShown ? rows : rows.slice(0, ROWS);

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
      <div className="rounded-lg border border-emerald-200 bg-emerald-50/50 p-3" data-testid="camps-share">
        <h3 className="text-sm font-semibold text-stone-900">What the camps share</h3>
        <p className="text-xs text-stone-600">
          Claims whose bridged credence is at least {pct(SHARED_BRIDGED_MIN)} and that no opinion group rejects (no group&apos;s aggregate below {pct(GROUP_REJECTS_BELOW)}):
          common ground to start from.
        </p>
        {!isFitted ? (
          <p className="mt-2 text-sm text-stone-600">
            No bridged credences yet: the fit needs claims with at least 5 ratings from reviewers who each rated at least 5 claims (or every claim, when there are fewer).
          </p>
        ) : shared.length === 0 ? (
          <p className="mt-2 text-sm text-stone-600">None yet: no claim has a bridged credence of {pct(SHARED_BRIDGED_MIN)} or more that every group accepts.</p>
        ) : (
          <ul className="mt-2 space-y-1.5 text-sm" data-testid="camps-share-list">
            {shared.slice(0, 10).map((c) => (
              <li key={c.claimId}>
                <ClaimLink claim={claims.get(c.claimId)} readerBase={readerBase} />{' '}
                <span className="text-xs whitespace-nowrap text-stone-600">
                  bridged {percent(c.bridged)} · aggregate {percent(c.aggregate)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
        <table className="w-full text-sm" data-testid="bridged-table">
          <caption className="px-3 py-2 text-left text-xs text-stone-600">
            <span className="block text-sm font-semibold text-stone-900">Bridged credence beside the aggregate</span>
            Bridged: σ(μ + i<sub>c</sub>) of a one-factor fit of the log-odds, ℓ ≈ μ + i<sub>r</sub> + i<sub>c</sub> + f<sub>r</sub>·f<sub>c</sub> — what the reviewers share once the
            main axis of disagreement (f) is factored out. A claim &ldquo;splits by viewpoint&rdquo; when its |f<sub>c</sub>| is large: the camps part on it.
          </caption>
          <thead className="bg-stone-50 text-left text-xs text-stone-600">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Claim</th>
              <th scope="col" className="px-3 py-2 text-right font-medium" title="Geometric mean of odds over every reviewer">Aggregate</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Bridged</th>
              {map.groups.map((g) => (
                <th key={g.index} scope="col" className="px-3 py-2 text-right font-medium" title={`Geometric mean of odds over ${groupName(g.index)}'s members`}>
                  <span className="mr-1 inline-block h-2 w-2 rounded-full" style={{ backgroundColor: groupColour(g.index) }} aria-hidden="true" />
                  {groupName(g.index)}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right font-medium" title="f_c: the claim's position on the main axis of disagreement (positive: the larger group's side)">
                Viewpoint
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {shown.map((r) => (
              <tr key={r.claimId} data-testid="bridged-row">
                <th scope="row" className="max-w-sm px-3 py-1.5 text-left font-normal">
                  <ClaimLink claim={claims.get(r.claimId)} readerBase={readerBase} />
                </th>
                <td className="px-3 py-1.5 text-right tabular-nums">{percent(r.aggregate)}</td>
                <td className="px-3 py-1.5 text-right font-medium tabular-nums">{percent(r.bridged)}</td>
                {map.groups.map((g) => {
                  const p = r.groupP[g.index] ?? null;
                  const rejects = p !== null && p < GROUP_REJECTS_BELOW;
                  return (
                    <td key={g.index} className={`px-3 py-1.5 text-right tabular-nums ${rejects ? 'text-rose-700' : ''}`}>
                      {percent(p)}
                    </td>
                  );
                })}
                <td className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums">
                  {fixed(r.viewpoint)}
                  {r.splitsByViewpoint && <span className="ml-1 rounded bg-amber-100 px-1 text-xs text-amber-900">splits</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length > ROWS && (
          <p className="flex items-center gap-3 px-3 py-2 text-xs text-stone-500">
            {isAllShown ? `All ${rows.length} rated claims.` : `The ${ROWS} most bridged of ${plural(rows.length, 'rated claim')}.`}
            <button type="button" className="rounded border border-stone-300 bg-white px-2 py-1 text-stone-800" onClick={() => setAllShown((v) => !v)}>
              {isAllShown ? 'Show fewer' : 'Show all'}
            </button>
          </p>
        )}
        {rows.some(isRejectedByAGroup) && <p className="px-3 pb-2 text-xs text-stone-500">A group&apos;s figure in red: that group holds the claim below {pct(GROUP_REJECTS_BELOW)}.</p>}
      </div>
    </div>
  );
}
