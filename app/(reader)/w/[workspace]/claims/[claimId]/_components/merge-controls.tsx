'use client';
// Merging this claim into another (owners, or its creator while nobody else has used it): search the workspace's
// claims by statement, pick one, confirm; and on a merged claim, "Undo merge" (30 days).
import { useRouter } from 'next/navigation';
import { useEffect, useId, useState } from 'react';
import { callApi, useApiCall } from '@/app/_components/api-client';
import { buttonStyles, FormError, inputStyles } from '@/app/_components/form-controls';
import type { ClaimDto } from '@/lib/annotations/types';

const SHOWN = 8;

export function MergeControls({ workspaceSlug, claimId, statement }: { workspaceSlug: string; claimId: string; statement: string }) {
  const router = useRouter();
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ClaimDto[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [target, setTarget] = useState<ClaimDto | null>(null);
  const { pending, error, run } = useApiCall();
  const api = `/api/v1/workspaces/${workspaceSlug}/claims`;

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setResults(null);
      return;
    }
    const timer = setTimeout(() => {
      void callApi<{ items: ClaimDto[] }>(`${api}?q=${encodeURIComponent(q.slice(0, 200))}`, { method: 'GET' }).then((result) => {
        if (result.ok) {
          setSearchError(null);
          setResults(result.data.items.filter((c) => c.id !== claimId && c.mergedInto === null));
        } else {
          setSearchError(result.message);
        }
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [query, api, claimId]);

  async function merge() {
    if (!target) return;
    const result = await run(`${api}/${claimId}/merge`, { method: 'POST', body: { into: target.id } });
    if (result.ok) router.push(`/w/${workspaceSlug}/claims/${target.id}`);
  }

  return (
    <details className="mt-3 rounded-md border border-stone-200 bg-white p-3 text-sm" data-testid="merge-controls">
      <summary className="cursor-pointer max-lg:min-h-11 max-lg:content-center font-medium text-stone-800">Merge into another claim…</summary>
      <p className="mt-2 text-stone-600">
        A duplicate? Merging moves this claim’s annotations, evidence, cruxes and ratings to the claim you pick. It can be undone for 30 days.
      </p>
      <label htmlFor={id} className="mt-3 block font-medium text-stone-800">
        Find the claim to merge into
      </label>
      <input
        id={id}
        type="search"
        value={query}
        maxLength={200}
        placeholder="Words of its statement"
        className={`mt-1 ${inputStyles}`}
        onChange={(event) => {
          setQuery(event.target.value);
          setTarget(null);
        }}
      />
      {searchError ? <p className="mt-1 text-red-700">{searchError}</p> : null}
      {results !== null ? (
        results.length === 0 ? (
          <p className="mt-2 text-stone-500">No other claim matches “{query.trim()}”.</p>
        ) : (
          <fieldset className="mt-2">
            <legend className="sr-only">Claims matching “{query.trim()}”</legend>
            <ul className="space-y-1">
              {results.slice(0, SHOWN).map((c) => (
                <li key={c.id}>
                  <label className="flex cursor-pointer items-start gap-2 rounded p-1 hover:bg-stone-50">
                    <input type="radio" name={`${id}-target`} checked={target?.id === c.id} onChange={() => setTarget(c)} className="mt-1" />
                    <span>
                      {c.statement} <span className="text-stone-500">· {c.credences.length} {c.credences.length === 1 ? 'rating' : 'ratings'}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
            {results.length > SHOWN ? <p className="mt-1 text-stone-500">{results.length - SHOWN} more: type more words to narrow it down.</p> : null}
          </fieldset>
        )
      ) : null}
      {target ? (
        <div role="group" aria-label="Confirm the merge" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3">
          <p className="text-amber-950">
            Merge “{statement}” into “{target.statement}”? Everything on this claim moves there; a reviewer who rated both keeps their more recent rating.
          </p>
          <div className="mt-2 flex gap-2">
            <button type="button" className={buttonStyles.primary} disabled={pending} onClick={() => void merge()}>
              {pending ? 'Merging…' : 'Merge'}
            </button>
            <button type="button" className={buttonStyles.secondary} onClick={() => setTarget(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <div className="mt-2">
        <FormError error={error} />
      </div>
    </details>
  );
}

export function UnmergeButton({ apiBase }: { apiBase: string }) {
  const router = useRouter();
  const { pending, error, run } = useApiCall();
  return (
    <div className="mt-2">
      <button
        type="button"
        className={buttonStyles.secondary}
        disabled={pending}
        onClick={() => {
          void run(`${apiBase}/unmerge`, { method: 'POST' }).then((result) => {
            if (result.ok) router.refresh();
          });
        }}
      >
        {pending ? 'Undoing…' : 'Undo merge'}
      </button>
      <div className="mt-2">
        <FormError error={error} />
      </div>
    </div>
  );
}
