'use client';
// The crux links this claim takes part in (as K or as C), each with the viewer's conditional credences as two
// sliders and the sentence they mean, saved through PUT …/crux-links/:id/conditionals. The links come from
// GET …/crux-links; the other claim's statement, the viewer's credence in it and its aggregate from GET …/claims/:id,
// so that the coherence gap uses the viewer's own k (else K's aggregate) and their own credence in C.
import { useCallback, useEffect, useState } from 'react';
import { callApi } from '@/app/_components/api-client';
import { plural } from '@/app/_components/format';
import type { ClaimDto } from '@/lib/annotations/types';
import type { CruxLinkDto } from '@/lib/cruxes/schemas';
import { ConditionalsForm, geometricMeanOfOdds } from '../../../_components/conditional-sliders';

type CruxLinkItem = CruxLinkDto;

type ClaimFacts = { statement: string; mine: number | null; aggregate: number | null };

const MAX_LINKS = 20;

export function ClaimConditionals({
  apiBase,
  claim,
}: {
  apiBase: string;
  claim: { id: string; statement: string; myCredence: number | null; values: number[] };
}) {
  const [links, setLinks] = useState<CruxLinkItem[] | null>(null);
  const [facts, setFacts] = useState<Map<string, ClaimFacts>>(new Map());
  const [loadError, setLoadError] = useState<string | null>(null);

  const loadLinks = useCallback(async () => {
    const result = await callApi<{ items: CruxLinkItem[] }>(`${apiBase}/crux-links`, { method: 'GET' });
    if (!result.ok) {
      setLoadError(result.message);
      return;
    }
    setLinks(result.data.items.filter((l) => l.cruxClaimId === claim.id || l.forClaimId === claim.id).slice(0, MAX_LINKS));
  }, [apiBase, claim.id]);

  useEffect(() => {
    void loadLinks();
  }, [loadLinks]);

  // the other claim of each link: its statement, the viewer's credence in it and its aggregate
  useEffect(() => {
    if (!links) return;
    const others = [...new Set(links.map((l) => (l.cruxClaimId === claim.id ? l.forClaimId : l.cruxClaimId)))].filter((id) => !facts.has(id));
    if (others.length === 0) return;
    let isCurrent = true;
    void Promise.all(others.map((id) => callApi<ClaimDto>(`${apiBase}/claims/${id}`, { method: 'GET' }))).then((results) => {
      if (!isCurrent) return;
      setFacts((previous) => {
        const next = new Map(previous);
        results.forEach((r, i) => {
          if (r.ok) next.set(others[i] as string, { statement: r.data.statement, mine: r.data.myCredence, aggregate: geometricMeanOfOdds(r.data.credences.map((c) => c.value)) });
        });
        return next;
      });
    });
    return () => {
      isCurrent = false;
    };
  }, [links, apiBase, claim.id, facts]);

  if (loadError) return <p className="text-sm text-red-700">Could not load the crux links: {loadError}</p>;
  if (!links) return <p className="text-sm text-stone-500">Loading the crux links…</p>;
  if (links.length === 0) return <p className="text-sm text-stone-500" data-testid="claim-conditionals-empty">This claim is in no crux link yet.</p>;

  const self: ClaimFacts = { statement: claim.statement, mine: claim.myCredence, aggregate: geometricMeanOfOdds(claim.values) };
  return (
    <ul className="space-y-4" data-testid="claim-conditionals">
      {links.map((link) => {
        const K = link.cruxClaimId === claim.id ? self : facts.get(link.cruxClaimId);
        const C = link.forClaimId === claim.id ? self : facts.get(link.forClaimId);
        return (
          <li key={link.id} className="rounded-md border border-stone-200 bg-white p-3" data-testid="claim-conditional">
            <p className="text-xs text-stone-500">
              {link.cruxClaimId === claim.id ? 'This claim is K (the crux); C hinges on it' : 'This claim is C; it hinges on K'} · marked by {plural(link.markedBy, 'reviewer')} ·{' '}
              {link.expectedShift === null ? 'nobody gave conditionals yet' : `expected shift ${link.expectedShift.toFixed(2)} over ${plural(link.n, 'reviewer')}`}
            </p>
            {K && C ? (
              <div className="mt-2">
                <ConditionalsForm
                  path={`${apiBase}/crux-links/${link.id}/conditionals`}
                  kStatement={K.statement}
                  cStatement={C.statement}
                  mine={link.mine}
                  k={K.mine ?? K.aggregate}
                  kIsOwn={K.mine !== null}
                  ownC={C.mine}
                  onSaved={() => void loadLinks()}
                />
              </div>
            ) : (
              <p className="mt-2 text-sm text-stone-500">Loading…</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
