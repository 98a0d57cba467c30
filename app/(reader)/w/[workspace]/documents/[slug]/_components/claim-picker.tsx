'use client';
// Choosing one of the document's claims, of which there can be thousands: a combobox (ARIA 1.2, list
// autocomplete) that filters the claims by their words as you type and lists the first matches. Arrow keys move
// through the list, Enter chooses, Escape closes it; an optional first entry stands for "a new claim" (or "all").
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { fieldMessage, inputStyles } from '@/app/_components/form-controls';

export const NEW_CLAIM = '';

/** How many matches the list shows; typing more words narrows it. */
const SHOWN = 20;

/** A claim as offered: `note` is shown beside it (a count, "on this text"). */
export type ClaimOption = { id: string; statement: string; note?: string };

type Entry = { id: string; text: string; note?: string };

export function ClaimPicker({
  id,
  label,
  claims,
  value,
  onChange,
  newLabel,
  errors,
  hint,
  size = 'base',
  valueLabel,
}: {
  id: string;
  label: string;
  /** in the order to offer them (suggestions first); a function is asked only when the list opens */
  claims: readonly ClaimOption[] | (() => readonly ClaimOption[]);
  value: string;
  /** with `claims` as a function: what the field shows for `value` while the list is closed */
  valueLabel?: string;
  onChange: (claimId: string) => void;
  /** the label of the "no existing claim" entry; without it a claim must be picked */
  newLabel?: string;
  errors?: string[];
  hint?: string;
  size?: 'base' | 'small';
}) {
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [isOpen, setOpen] = useState(false);
  /** the highlighted entry; 'first' follows the first match as the typing changes */
  const [active, setActive] = useState<number | 'first'>(-1);

  const options = useMemo(() => (typeof claims !== 'function' ? claims : isOpen ? claims() : []), [claims, isOpen]);
  const lowered = useMemo(() => options.map((c) => c.statement.toLowerCase()), [options]);
  const chosenLabel = useMemo(() => options.find((c) => c.id === value)?.statement ?? valueLabel, [options, value, valueLabel]);
  const shownValue = query ?? chosenLabel ?? (value === NEW_CLAIM ? (newLabel ?? '') : '');

  // The entries on offer: "a new claim" first (when there is one), then the first matches of every word typed.
  const { entries, matchCount } = useMemo(() => {
    const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const found: Entry[] = newLabel !== undefined ? [{ id: NEW_CLAIM, text: newLabel }] : [];
    let count = 0;
    options.forEach((claim, i) => {
      const text = lowered[i] as string;
      if (!words.every((w) => text.includes(w))) return;
      count += 1;
      if (count <= SHOWN) found.push({ id: claim.id, text: claim.statement, note: claim.note });
    });
    return { entries: found, matchCount: count };
  }, [options, lowered, query, newLabel]);

  const activeIndex = active === 'first' ? (newLabel !== undefined && entries.length > 1 ? 1 : entries.length > 0 ? 0 : -1) : Math.min(active, entries.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;
  const valueIndex = Math.max(0, entries.findIndex((e) => e.id === value));

  // the highlighted entry stays in sight as the arrows move through a long list
  useEffect(() => {
    if (isOpen && activeIndex >= 0) document.getElementById(`${listId}-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [isOpen, activeIndex, listId]);

  const open = () => {
    setOpen(true);
    setActive(valueIndex);
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
    setQuery(null);
  };
  const choose = (entry: Entry) => {
    onChange(entry.id);
    close();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!isOpen || event.altKey) open();
        else setActive(Math.min(activeIndex + 1, entries.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!isOpen) open();
        else setActive(Math.max(activeIndex - 1, 0));
        break;
      case 'Enter': {
        const entry = entries[activeIndex];
        if (!isOpen || !entry) return;
        // chosen here: the form around must not take it as "save"
        event.preventDefault();
        choose(entry);
        break;
      }
      case 'Escape':
        if (!isOpen) return;
        // closes the list only, not the form around it
        event.preventDefault();
        close();
        break;
      case 'Tab':
        if (isOpen) close();
        break;
    }
  };

  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const textSize = size === 'small' ? 'py-1.5 text-sm' : 'text-sm';
  return (
    <div className="space-y-1">
      <label htmlFor={id} className={`block font-medium ${size === 'small' ? 'text-xs text-stone-700' : 'text-sm text-stone-800'}`}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-activedescendant={isOpen && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        placeholder="Type to find a claim…"
        value={shownValue}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
          // the first claim that matches, so Enter takes it
          setActive('first');
        }}
        onFocus={(event) => event.currentTarget.select()}
        onClick={() => (isOpen ? close() : open())}
        onBlur={close}
        onKeyDown={onKeyDown}
        className={`${inputStyles} ${textSize}`}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching claims"
        hidden={!isOpen}
        className="max-h-64 overflow-y-auto rounded-md border border-stone-300 bg-white py-1 text-sm shadow-sm"
      >
        {isOpen &&
          entries.map((entry, i) => (
            <li
              key={entry.id || 'new'}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              // keeps the focus in the field
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => setActive(i)}
              onClick={() => choose(entry)}
              className={`flex cursor-pointer items-start justify-between gap-2 px-2 py-1.5 ${i === activeIndex ? 'bg-blue-50 text-blue-950' : 'text-stone-800'} ${
                entry.id === NEW_CLAIM ? 'italic' : ''
              }`}
            >
              <span className="min-w-0 break-words">
                {entry.id === value && <span className="sr-only">(chosen) </span>}
                {entry.text}
              </span>
              {entry.note && <span className="shrink-0 text-xs text-stone-500">{entry.note}</span>}
            </li>
          ))}
        {isOpen && matchCount === 0 && (
          <li role="presentation" className="px-2 py-1.5 text-stone-500">
            No claim has these words.
          </li>
        )}
      </ul>
      <p className="sr-only" aria-live="polite">
        {isOpen ? `${matchCount} ${matchCount === 1 ? 'claim matches' : 'claims match'}${matchCount > SHOWN ? `, the first ${SHOWN} listed` : ''}` : ''}
      </p>
      {isOpen && matchCount > SHOWN && (
        <p className="text-xs text-stone-500" aria-hidden="true">
          The first {SHOWN} of {matchCount}: type more words to narrow.
        </p>
      )}
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
