'use client';
// Choosing a claim, of which there can be thousands: a combobox (ARIA 1.2, list autocomplete). With `similar`, the
// workspace's claims most like the typed text (or, before typing, the selected text) come first, from every
// document, each with where it is used and how many rated it; then the given claims that have every typed word.
// With `onCreate`, the last entry is "Create new claim": the only way a picker makes a claim. Arrow keys move
// through the list, Enter chooses, Escape closes it; an optional first entry stands for "a new claim" (or "all").
import { useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { fieldMessage, inputStyles } from '@/app/_components/form-controls';
import { plural } from '@/app/_components/format';
import type { SimilarClaimDto } from '@/lib/annotations/types';
import { useSimilarClaims } from './use-similar-claims';

export const NEW_CLAIM = '';
/** The value of a picker whose claim is to be created (see `onCreate`). */
export const CREATE_CLAIM = '#create';

/** How many matches the list shows; typing more words narrows it. */
const SHOWN = 20;

/** A claim as offered: `note` is shown beside it (a count, "on this text"), `detail` under it. */
export type ClaimOption = { id: string; statement: string; note?: string; detail?: string };

type Entry = { id: string; text: string; note?: string; detail?: string };

/** "Used in Essay A, Essay B · 3 ratings": where a suggested claim lives and how many rated it. */
export function similarDetail(claim: SimilarClaimDto): string {
  const where = claim.documents.length > 0 ? `Used in ${claim.documents.map((d) => d.title).join(', ')}` : 'Not anchored in any document';
  const ratings = claim.credencesHidden ? 'ratings hidden until you rate it' : plural(claim.credences.length, 'rating');
  return `${where} · ${ratings}`;
}

const quoted = (text: string, max = 80) => `“${text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text}”`;

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
  similar,
  onCreate,
  claimHref,
}: {
  id: string;
  label: string;
  /** in the order to offer them (suggestions first); a function is asked only when the list opens */
  claims: readonly ClaimOption[] | (() => readonly ClaimOption[]);
  value: string;
  /** what the field shows for `value` while the list is closed, when it is not among `claims` */
  valueLabel?: string;
  /** the claim chosen, with its statement (it may be one of the similar claims, from another document) */
  onChange: (claimId: string, statement: string) => void;
  /** the label of the "no existing claim" entry; without it a claim must be picked */
  newLabel?: string;
  errors?: string[];
  hint?: string;
  size?: 'base' | 'small';
  /** offer the workspace's similar claims first: the claims API path, and the text to compare before any typing */
  similar?: { path: string; seed: string };
  /** offer "Create new claim" last; called with the typed text (or the seed) when chosen */
  onCreate?: (text: string) => void;
  /** the page of a claim: linked for the chosen one */
  claimHref?: (claimId: string) => string;
}) {
  const listId = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [isOpen, setOpen] = useState(false);
  /** the highlighted entry; 'first' follows the first match as the typing changes */
  const [active, setActive] = useState<number | 'first'>(-1);
  const [chosenSimilar, setChosenSimilar] = useState<SimilarClaimDto | null>(null);

  const typed = query ?? '';
  const found = useSimilarClaims({ path: similar?.path ?? null, text: typed.trim() !== '' ? typed : (similar?.seed ?? ''), isActive: isOpen });
  const options = useMemo(() => (typeof claims !== 'function' ? claims : isOpen ? claims() : []), [claims, isOpen]);
  const lowered = useMemo(() => options.map((c) => c.statement.toLowerCase()), [options]);
  const chosen = options.find((c) => c.id === value) ?? (chosenSimilar?.id === value ? chosenSimilar : undefined);
  const chosenLabel = chosen?.statement ?? valueLabel;
  const shownValue = query ?? chosenLabel ?? (value === NEW_CLAIM ? (newLabel ?? '') : '');
  const createText = (typed.trim() !== '' ? typed : (similar?.seed ?? '')).replace(/\s+/g, ' ').trim();

  // "a new claim" first (when there is one), the similar claims, the first matches of every word typed, "create".
  const { entries, matchCount } = useMemo(() => {
    const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
    const list: Entry[] = newLabel !== undefined ? [{ id: NEW_CLAIM, text: newLabel }] : [];
    const similarIds = new Set(found.items.map((c) => c.id));
    for (const claim of found.items) list.push({ id: claim.id, text: claim.statement, note: `${Math.round(claim.similarity * 100)}% alike`, detail: similarDetail(claim) });
    let count = found.items.length;
    options.forEach((claim, i) => {
      if (similarIds.has(claim.id) || !words.every((w) => (lowered[i] as string).includes(w))) return;
      count += 1;
      if (count <= SHOWN) list.push({ id: claim.id, text: claim.statement, note: claim.note, detail: claim.detail });
    });
    if (onCreate) list.push({ id: CREATE_CLAIM, text: createText ? `Create new claim: ${quoted(createText)}` : 'Create new claim…' });
    return { entries: list, matchCount: count };
  }, [options, lowered, typed, newLabel, found.items, onCreate, createText]);

  const firstMatch = newLabel !== undefined && entries.length > 1 ? 1 : entries.length > 0 ? 0 : -1;
  const activeIndex = active === 'first' ? firstMatch : Math.min(active, entries.length - 1);
  const optionId = (i: number) => `${listId}-${i}`;
  const valueIndex = Math.max(0, entries.findIndex((e) => e.id === value));

  // the highlighted entry stays in sight as the arrows move through a long list
  useEffect(() => {
    if (isOpen && activeIndex >= 0) document.getElementById(`${listId}-${activeIndex}`)?.scrollIntoView({ block: 'nearest' });
  }, [isOpen, activeIndex, listId]);

  const open = () => {
    setOpen(true);
    setActive(value === NEW_CLAIM && newLabel === undefined ? 'first' : valueIndex);
  };
  const close = () => {
    setOpen(false);
    setActive(-1);
    setQuery(null);
  };
  const choose = (entry: Entry) => {
    if (entry.id === CREATE_CLAIM) onCreate?.(createText);
    else {
      setChosenSimilar(found.items.find((c) => c.id === entry.id) ?? null);
      onChange(entry.id, entry.id === NEW_CLAIM ? '' : entry.text);
    }
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
  const announced = similar && found.isLoading ? 'Looking for similar claims…' : `${plural(matchCount, 'claim matches', 'claims match')}${matchCount > SHOWN ? `, the first ${SHOWN} listed` : ''}`;
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
        placeholder={similar ? 'Type to find a claim in this workspace…' : 'Type to find a claim…'}
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
        aria-label={similar ? 'Similar and matching claims' : 'Matching claims'}
        hidden={!isOpen}
        className="max-h-72 overflow-y-auto rounded-md border border-stone-300 bg-white py-1 text-sm shadow-sm"
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
              } ${entry.id === CREATE_CLAIM ? 'border-t border-stone-200 font-medium text-blue-800' : ''}`}
            >
              <span className="min-w-0 break-words">
                {entry.id === value && <span className="sr-only">(chosen) </span>}
                {entry.text}
                {entry.detail && <span className="block text-xs text-stone-500">{entry.detail}</span>}
              </span>
              {entry.note && <span className="shrink-0 text-xs text-stone-500">{entry.note}</span>}
            </li>
          ))}
        {isOpen && matchCount === 0 && (
          <li role="presentation" className="px-2 py-1.5 text-stone-500">
            {similar && found.isLoading ? 'Looking for similar claims…' : similar ? 'No similar claim in this workspace.' : 'No claim has these words.'}
          </li>
        )}
      </ul>
      <p className="sr-only" aria-live="polite">
        {isOpen ? announced : ''}
      </p>
      {isOpen && matchCount > SHOWN && (
        <p className="text-xs text-stone-500" aria-hidden="true">
          The first {SHOWN} of {matchCount}: type more words to narrow.
        </p>
      )}
      {!isOpen && claimHref && chosen && value !== NEW_CLAIM && value !== CREATE_CLAIM && (
        <p className="text-xs text-stone-600">
          {'detail' in chosen && chosen.detail ? `${chosen.detail} · ` : chosenSimilar?.id === value ? `${similarDetail(chosenSimilar)} · ` : ''}
          <a href={claimHref(value)} target="_blank" rel="noopener" className="text-blue-700 underline-offset-2 hover:underline">
            the claim’s page<span className="sr-only"> (opens in a new tab)</span>
          </a>
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
