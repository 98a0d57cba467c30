'use client';
// Choosing one of the document's claims: a filter field over a native list box (keyboard and screen readers get
// a <select>), with an optional first entry for "a new claim" instead.
import { useMemo, useState } from 'react';
import { fieldMessage, inputStyles } from '@/app/_components/form-controls';
import type { ClaimDto } from '@/lib/annotations/types';

export const NEW_CLAIM = '';

export function ClaimPicker({
  id,
  label,
  claims,
  value,
  onChange,
  newLabel,
  errors,
  hint,
}: {
  id: string;
  label: string;
  claims: readonly ClaimDto[];
  value: string;
  onChange: (claimId: string) => void;
  /** the label of the "no existing claim" entry; without it a claim must be picked */
  newLabel?: string;
  errors?: string[];
  hint?: string;
}) {
  const [filter, setFilter] = useState('');
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const matches = needle ? claims.filter((c) => c.statement.toLowerCase().includes(needle)) : claims;
    // The chosen claim stays listed while filtering, so the list box never loses its value.
    const chosen = claims.find((c) => c.id === value);
    return chosen && !matches.includes(chosen) ? [chosen, ...matches] : matches;
  }, [claims, filter, value]);
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {claims.length > 6 && (
        <input
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          aria-label={`Filter: ${label}`}
          aria-controls={id}
          placeholder="Filter claims…"
          className={`${inputStyles} py-1.5 text-sm`}
        />
      )}
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        size={Math.min(6, Math.max(2, shown.length + (newLabel ? 1 : 0)))}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className={`${inputStyles} py-1 text-sm`}
      >
        {newLabel !== undefined && <option value={NEW_CLAIM}>{newLabel}</option>}
        {shown.map((claim) => (
          <option key={claim.id} value={claim.id}>
            {claim.statement}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-stone-600">
          {hint}
        </p>
      )}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {errors.map((m) => fieldMessage(label, m)).join('. ')}
        </p>
      ) : null}
    </div>
  );
}
