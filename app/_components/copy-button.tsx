'use client';
// Copies a secret (an invite link, an API token) to the clipboard and says so; falls back to selecting the
// text field when the clipboard is not available (plain http on another host).
import { useState } from 'react';
import { buttonStyles } from './form-controls';

export function CopyButton({ value, targetId, label = 'Copy' }: { value: string; targetId?: string; label?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'select'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      const field = targetId ? document.getElementById(targetId) : null;
      if (field instanceof HTMLInputElement) {
        field.focus();
        field.select();
      }
      setState('select');
    }
  }

  return (
    <>
      <button type="button" onClick={() => void copy()} className={buttonStyles.secondary}>
        {state === 'copied' ? 'Copied' : label}
      </button>
      <span role="status" className="sr-only">
        {state === 'copied' ? 'Copied to the clipboard.' : state === 'select' ? 'Selected: press Ctrl+C or ⌘C to copy.' : ''}
      </span>
    </>
  );
}
