'use client';
// "Rate next", by keyboard: one claim at a time with the passage it sits on and why it is here. Digits set the value
// (1–9 → 10–90%, 0 → 0%, twice quickly "10" → 100%), ←/↓ and →/↑ move it by 5 points, Enter saves the rating (a
// probability annotation naming the claim), S skips it (remembered: POST …/queue/skip), Esc leaves for the
// workspace. After a save, the claim's ratings are shown — blind review lets me see them once I have rated.
import { ShortcutsPanel, type Shortcut } from '@/app/_components/shortcuts-panel';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import type { ClaimDetailDto } from '@/lib/annotations/types';
import type { QueueDto, QueueItemDto } from '@/lib/queue/schemas';

/** Every action of the queue has a key (listed in its shortcuts panel). */
const queueShortcuts: readonly Shortcut[] = [
  [['1', '…', '9'], 'set 10–90% (1 then 0: 100%; 0: 0%)'],
  [['↑', '↓'], '5 points more / less (→ ← too)'],
  [['Enter'], 'save the rating; the next claim comes up'],
  [['S'], 'skip this claim (it stays skipped)'],
  [['O'], 'open the passage it sits on'],
  [['Esc'], 'leave for the workspace'],
];

type Saved = { statement: string; value: number; n: number; median: number | null };

const median = (values: number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export function RateNext({ workspace, document, initial }: { workspace: string; document: string | null; initial: QueueItemDto[] }) {
  const router = useRouter();
  const api = useApiCall();
  const [items, setItems] = useState(initial);
  const [percent, setPercent] = useState<number | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const lastDigit = useRef<{ digit: string; at: number } | null>(null);
  const region = useRef<HTMLDivElement>(null);
  const current = items[0] ?? null;
  const base = `/api/v1/workspaces/${encodeURIComponent(workspace)}`;

  useEffect(() => {
    region.current?.focus();
  }, []);

  const reload = useCallback(async () => {
    const result = await api.run<QueueDto>(`${base}/queue${document ? `?document=${encodeURIComponent(document)}` : ''}`, { method: 'GET' });
    if (result.ok) {
      setItems(result.data.items);
      const next = result.data.items[0];
      setAnnouncement(next ? `Next: ${next.statement}. ${next.reason}` : 'Nothing left to rate.');
    }
  }, [api, base, document]);

  const save = useCallback(async () => {
    if (!current || percent === null) {
      setAnnouncement('Set a value first: a digit, or the arrow keys.');
      return;
    }
    const value = percent / 100;
    const result = await api.run(`${base}/annotations`, { method: 'POST', body: { kind: 'probability', probability: { claimId: current.claimId, value } } });
    if (!result.ok) return;
    const claim = await api.run<ClaimDetailDto>(`${base}/claims/${encodeURIComponent(current.claimId)}`, { method: 'GET' });
    const values = claim.ok ? claim.data.credences.map((c) => c.value) : [];
    setSaved({ statement: current.statement, value, n: values.length, median: median(values) });
    setPercent(null);
    await reload();
  }, [api, base, current, percent, reload]);

  const skip = useCallback(async () => {
    if (!current) return;
    const result = await api.run(`${base}/queue/skip`, { method: 'POST', body: { claimId: current.claimId } });
    if (!result.ok) return;
    setSaved(null);
    setPercent(null);
    await reload();
  }, [api, base, current, reload]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (/^\d$/.test(key)) {
      const now = Date.now();
      const isTen = key === '0' && lastDigit.current?.digit === '1' && now - lastDigit.current.at < 600;
      setPercent(isTen ? 100 : Number(key) * 10);
      lastDigit.current = { digit: key, at: now };
    } else if (key === 'ArrowUp' || key === 'ArrowRight') {
      setPercent((p) => Math.min(100, (p ?? 50) + 5));
    } else if (key === 'ArrowDown' || key === 'ArrowLeft') {
      setPercent((p) => Math.max(0, (p ?? 50) - 5));
    } else if (key === 'Enter') {
      void save();
    } else if (key === 's' || key === 'S') {
      void skip();
    } else if (key === 'Escape') {
      router.push(`/w/${workspace}`);
    } else if ((key === 'o' || key === 'O') && current?.document) {
      router.push(`/w/${workspace}/documents/${current.document.slug}`);
    } else return;
    event.preventDefault();
  };

  return (
    <div className="mt-6">
      <div className="mb-2 flex justify-end">
        <ShortcutsPanel shortcuts={queueShortcuts} />
      </div>
      <div
        ref={region}
        tabIndex={0}
        role="group"
        aria-label="Rate next: digits or arrow keys set the value, Enter saves, S skips, O opens the passage, Esc leaves"
        aria-describedby="rate-next-keys"
        onKeyDown={onKeyDown}
        className="rounded-lg border border-stone-200 bg-white p-4 focus-visible:outline-2 focus-visible:outline-blue-600"
        data-testid="rate-next"
      >
        {current ? (
          <>
            <p className="text-xs font-semibold tracking-wide text-stone-500 uppercase">
              {items.length === 1 ? 'Last claim in your queue' : `${items.length} claims in your queue`}
            </p>
            <h2 className="mt-1 font-serif text-xl text-stone-900" data-testid="rate-next-statement">
              {current.statement}
            </h2>
            <p className="mt-1 text-sm text-stone-700" data-testid="rate-next-reason">
              {current.reason}
            </p>
            {current.quote && (
              <blockquote className="mt-3 border-l-4 border-stone-300 pl-3 text-sm text-stone-700 italic">
                {current.quote}
                {current.document && (
                  <footer className="mt-1 text-xs not-italic text-stone-600">
                    in{' '}
                    <Link href={`/w/${workspace}/documents/${current.document.slug}`} className="text-blue-700 underline">
                      {current.document.title}
                    </Link>
                  </footer>
                )}
              </blockquote>
            )}
            <div className="mt-4 flex flex-wrap items-center gap-3">
              <label htmlFor="rate-next-value" className="text-sm font-medium text-stone-800">
                Your credence
              </label>
              <input
                id="rate-next-value"
                type="range"
                min={0}
                max={100}
                step={5}
                value={percent ?? 50}
                aria-valuetext={percent === null ? 'not set' : `${percent}%`}
                onChange={(e) => setPercent(Number(e.target.value))}
                className="w-56"
              />
              <output htmlFor="rate-next-value" className="min-w-12 text-lg font-semibold text-stone-900" data-testid="rate-next-percent">
                {percent === null ? '–' : `${percent}%`}
              </output>
              <button type="button" onClick={() => void save()} disabled={api.pending} className="min-h-11 rounded bg-stone-900 px-4 text-sm font-medium text-white disabled:opacity-60">
                Save (Enter)
              </button>
              <button type="button" onClick={() => void skip()} disabled={api.pending} className="min-h-11 rounded border border-stone-300 px-4 text-sm text-stone-800">
                Skip (S)
              </button>
            </div>
          </>
        ) : (
          <p className="text-sm text-stone-700" data-testid="rate-next-empty">
            Nothing left to rate{document ? ' on this document' : ''}: you have rated or skipped every claim.
          </p>
        )}
        <p id="rate-next-keys" className="mt-3 text-xs text-stone-600">
          Keys: 1–9 for 10–90% (1 then 0 for 100%, 0 for 0%), arrows ±5 points, Enter saves, S skips, O opens the passage, Esc leaves.
        </p>
        {api.error && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {api.error.message}
          </p>
        )}
      </div>
      {saved && (
        <p className="mt-3 rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="rate-next-saved">
          Saved {Math.round(saved.value * 100)}% on “{saved.statement}”. Now {saved.n} rating{saved.n === 1 ? '' : 's'}
          {saved.median === null ? '' : `, median ${Math.round(saved.median * 100)}%`}.
        </p>
      )}
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
