'use client';
// Blind review and rounds: owners switch blind review and open the next round (through the API); everyone else
// sees the state.
import { useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { buttonStyles, FormError } from '@/app/_components/form-controls';

export function ReviewControls({
  documentApi,
  isOwner,
  blind,
  round,
  onChanged,
}: {
  /** /api/v1/workspaces/:ws/documents/:doc */
  documentApi: string;
  isOwner: boolean;
  blind: boolean;
  round: number;
  onChanged: () => Promise<void>;
}) {
  const api = useApiCall();
  const [confirming, setConfirming] = useState(false);

  if (!isOwner) {
    return (
      <p className="flex flex-wrap gap-2 text-sm" data-testid="review-state">
        <span className="rounded-full bg-stone-200 px-2.5 py-0.5 text-stone-800">Round {round}</span>
        {blind && <span className="rounded-full bg-amber-100 px-2.5 py-0.5 text-amber-900">Blind review</span>}
      </p>
    );
  }

  const setBlind = async (next: boolean) => {
    const result = await api.run(documentApi, { method: 'PATCH', body: { blind: next } });
    if (result.ok) await onChanged();
  };
  const openRound = async () => {
    const result = await api.run(`${documentApi}/rounds`, { method: 'POST' });
    setConfirming(false);
    if (result.ok) await onChanged();
  };

  return (
    <div className="space-y-2" data-testid="review-controls">
      <div className="flex flex-wrap items-center gap-3">
        <span className="rounded-full bg-stone-200 px-2.5 py-0.5 text-sm text-stone-800" data-testid="current-round">
          Round {round}
        </span>
        <button
          type="button"
          role="switch"
          aria-checked={blind}
          disabled={api.pending}
          onClick={() => void setBlind(!blind)}
          className="inline-flex min-h-11 items-center gap-2 rounded-md px-1 py-1 text-sm text-stone-800 focus-visible:outline-2 focus-visible:outline-blue-600 disabled:opacity-60"
          title="Blind review: reviewers see others' credences on a claim only after giving their own (or as revealed when a round opens)."
        >
          <span className={`relative inline-flex h-5 w-9 items-center rounded-full transition ${blind ? 'bg-amber-600' : 'bg-stone-300'}`} aria-hidden="true">
            <span className={`inline-block h-4 w-4 rounded-full bg-white shadow transition ${blind ? 'translate-x-4' : 'translate-x-0.5'}`} />
          </span>
          Blind review
        </button>
        {confirming ? (
          <span role="group" aria-label={`Open round ${round + 1}?`} className="flex flex-wrap items-center gap-2 rounded-md border border-stone-300 bg-stone-50 p-2">
            <span className="text-sm text-stone-800">Everyone will see the credences as they stand now, and reviewers may revise. Open round {round + 1}?</span>
            <button type="button" className={buttonStyles.primary} disabled={api.pending} onClick={() => void openRound()}>
              {api.pending ? 'Opening…' : `Open round ${round + 1}`}
            </button>
            <button type="button" className={buttonStyles.secondary} disabled={api.pending} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </span>
        ) : (
          <button type="button" className={buttonStyles.secondary} onClick={() => setConfirming(true)}>
            Open round {round + 1}
          </button>
        )}
      </div>
      <FormError error={api.error} />
    </div>
  );
}
