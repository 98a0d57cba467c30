'use client';
// A destructive button with a confirm step in place (no window.confirm): the first press asks, the second acts.
import { useEffect, useRef, useState } from 'react';
import { buttonStyles } from './form-controls';

export function ConfirmAction({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  pendingLabel = 'Working…',
  pending,
  onConfirm,
}: {
  label: string;
  /** a longer name for screen readers when `label` alone is ambiguous in a list ("Remove Ada") */
  accessibleLabel?: string;
  question: string;
  confirmLabel: string;
  pendingLabel?: string;
  pending: boolean;
  onConfirm: () => Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) triggerRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <button ref={triggerRef} type="button" className={buttonStyles.danger} aria-label={accessibleLabel} onClick={() => setConfirming(true)}>
        {label}
      </button>
    );
  }
  return (
    <div role="group" aria-label={question} className="flex flex-wrap items-center gap-2 rounded-md border border-red-200 bg-red-50 p-2">
      <p className="text-sm text-red-900">{question}</p>
      <button
        ref={confirmRef}
        type="button"
        className={buttonStyles.dangerSolid}
        disabled={pending}
        onClick={() => {
          void onConfirm().finally(() => setConfirming(false));
        }}
      >
        {pending ? pendingLabel : confirmLabel}
      </button>
      <button type="button" className={buttonStyles.secondary} disabled={pending} onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </div>
  );
}
