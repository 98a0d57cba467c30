'use client';
// The composer for a new annotation on the selected text: the quote, the four kinds (keys c, e, x, p while the
// focus is not in a text field), each kind's fields, an optional rationale, Enter to save (Mod-Enter inside the
// rationale) and Escape to cancel. Field messages from the API show next to their fields.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { callApi, useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles, fieldErrors, fieldMessage, inputStyles } from '@/app/_components/form-controls';
import { RichTextEditor } from '@/app/_components/rich-text-editor';
import { STATEMENT_MAX } from '@/lib/annotations/schemas';
import { annotationKinds, type AnnotationDto, type AnnotationKind, type ClaimDto, type ClaimSummary, type CruxDirection, type EvidenceStance } from '@/lib/annotations/types';
import { isEmptyRichText } from '@/lib/richtext/plain-text';
import type { RichTextDoc } from '@/lib/richtext/types';
import { badgeClasses, kindLabels, strengthLabels } from './annotation-format';
import { ClaimPicker, NEW_CLAIM, type ClaimOption } from './claim-picker';
import { PercentInput } from './credence';
import type { ReaderPaths } from './reader-api';
import type { TextSelection } from './selection-offsets';

/** POST annotations answers with the annotation and the ids of the claims it made. */
export type CreatedAnnotation = AnnotationDto & { createdClaimIds?: string[] };

export const kindShortcuts: Record<AnnotationKind, string> = { claim: 'c', evidence: 'e', crux: 'x', probability: 'p' };
export const kindOfShortcut = (key: string): AnnotationKind | undefined => annotationKinds.find((kind) => kindShortcuts[kind] === key);

const kindStyle: Record<AnnotationKind, string> = {
  claim: badgeClasses.claim,
  evidence: badgeClasses['evidence-for'],
  crux: badgeClasses.crux,
  probability: badgeClasses.probability,
};

const kindHelp: Record<AnnotationKind, string> = {
  claim: 'A proposition this text makes, that readers can rate and argue about.',
  evidence: 'This text supports or undercuts a claim.',
  crux: 'Your view on a claim hinges on this text being true.',
  probability: 'How likely you think this is.',
};

/** What a keypress lands in: letters typed there are text, not shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['radio', 'checkbox', 'range', 'button', 'submit', 'reset'].includes(target.type);
}

/** A claim statement made from selected text: whitespace collapsed, cut to the limit (as the server does). */
const statementFrom = (quote: string): string => {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length <= STATEMENT_MAX ? flat : `${flat.slice(0, STATEMENT_MAX - 1).trimEnd()}…`;
};

const shownFields = [
  'claim.statement',
  'claim.claimId',
  'probability.value',
  'probability.claimId',
  'evidence.claimId',
  'evidence.stance',
  'evidence.strength',
  'evidence.source',
  'crux.forClaimId',
  'crux.forStatement',
  'crux.direction',
  'body',
];

export function AnnotationComposer({
  selection,
  claims,
  paths,
  documentSlug,
  initialKind,
  focusFieldOnOpen,
  onCancel,
  onCreated,
}: {
  selection: TextSelection;
  claims: readonly ClaimSummary[];
  paths: ReaderPaths;
  documentSlug: string;
  initialKind: AnnotationKind;
  /** opened by a kind's key: start in that kind's first field */
  focusFieldOnOpen: boolean;
  onCancel: () => void;
  onCreated: (annotation: CreatedAnnotation) => void;
}) {
  const formId = useId();
  const api = useApiCall();
  const rootRef = useRef<HTMLFormElement>(null);
  const [kind, setKind] = useState<AnnotationKind>(initialKind);
  const [statement, setStatement] = useState(() => statementFrom(selection.exact));
  const [isStatementEdited, setStatementEdited] = useState(false);
  const [attachClaimId, setAttachClaimId] = useState(NEW_CLAIM);
  const [probability, setProbability] = useState(0.5);
  const [probabilityClaimId, setProbabilityClaimId] = useState(NEW_CLAIM);
  const [isProbabilityClaimChosen, setProbabilityClaimChosen] = useState(false);
  const [evidenceClaimId, setEvidenceClaimId] = useState('');
  const [stance, setStance] = useState<EvidenceStance>('for');
  const [strength, setStrength] = useState<1 | 2 | 3>(2);
  const [source, setSource] = useState('');
  const [cruxForClaimId, setCruxForClaimId] = useState(NEW_CLAIM);
  const [forStatement, setForStatement] = useState('');
  const [direction, setDirection] = useState<CruxDirection>('more');
  const [body, setBody] = useState<RichTextDoc | null>(null);
  const [suggestions, setSuggestions] = useState<ClaimDto[]>([]);
  const fieldId = (name: string) => `${formId}-${name}`;

  // A new selection while the composer is open: same kind, the statement follows the quote unless edited.
  useEffect(() => {
    if (!isStatementEdited) setStatement(statementFrom(selection.exact));
  }, [selection.exact, isStatementEdited]);

  // Existing claims whose text overlaps the selection, to attach to instead of making a duplicate.
  useEffect(() => {
    let isCurrent = true;
    void callApi<{ items: ClaimDto[] }>(`${paths.claims}?${paths.documentQuery}&start=${selection.start}&end=${selection.end}`, { method: 'GET' }).then(
      (result) => {
        if (isCurrent && result.ok) setSuggestions(result.data.items);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [paths, selection.start, selection.end]);

  useEffect(() => {
    if (!isProbabilityClaimChosen) setProbabilityClaimId(suggestions[0]?.id ?? NEW_CLAIM);
  }, [suggestions, isProbabilityClaimChosen]);

  const firstFieldOf = (k: AnnotationKind) =>
    ({ claim: fieldId('statement'), probability: fieldId('probability'), evidence: fieldId('evidence-claim'), crux: fieldId('crux-for') })[k];

  const focusFirstField = (k: AnnotationKind) => {
    // after React has rendered that kind's fields
    requestAnimationFrame(() => {
      const field = document.getElementById(k === 'claim' && attachClaimId !== NEW_CLAIM ? fieldId('kind-claim') : firstFieldOf(k));
      field?.focus();
      if (field instanceof HTMLInputElement && field.type === 'text') field.setSelectionRange(field.value.length, field.value.length);
    });
  };

  useEffect(() => {
    if (focusFieldOnOpen) focusFirstField(initialKind);
    else rootRef.current?.focus();
    // only when the composer opens (a new selection keeps the focus where it is)
  }, []);

  async function save() {
    if (api.pending) return;
    const target = { exact: selection.exact, prefix: selection.prefix, suffix: selection.suffix, start: selection.start, end: selection.end };
    const rationale = body && !isEmptyRichText(body) ? { body } : {};
    const kindFields =
      kind === 'claim'
        ? { claim: attachClaimId !== NEW_CLAIM ? { claimId: attachClaimId } : { statement } }
        : kind === 'probability'
          ? { probability: { value: probability, ...(probabilityClaimId !== NEW_CLAIM ? { claimId: probabilityClaimId } : {}) } }
          : kind === 'evidence'
            ? { evidence: { claimId: evidenceClaimId, stance, strength, ...(source.trim() ? { source: source.trim() } : {}) } }
            : { crux: { direction, ...(cruxForClaimId !== NEW_CLAIM ? { forClaimId: cruxForClaimId } : { forStatement }) } };
    const result = await api.run<CreatedAnnotation>(paths.annotations, {
      method: 'POST',
      body: { document: documentSlug, kind, target, ...kindFields, ...rationale },
    });
    if (result.ok) onCreated(result.data);
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.defaultPrevented || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    const isInEditor = target.closest('[data-testid="rich-text-editor"]') !== null;
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !isInEditor && !(target instanceof HTMLButtonElement) && !(target instanceof HTMLTextAreaElement)) {
      event.preventDefault();
      void save();
      return;
    }
    if (event.altKey || event.ctrlKey || event.metaKey || isTypingTarget(target)) return;
    const shortcut = kindOfShortcut(event.key.toLowerCase());
    if (shortcut) {
      event.preventDefault();
      setKind(shortcut);
      focusFirstField(shortcut);
    }
  }

  const errors = (key: string) => fieldErrors(api.error, key);
  const quote = selection.exact.length > 280 ? `${selection.exact.slice(0, 280).trimEnd()}…` : selection.exact;
  // the claims on the selected text first, then the document's others
  const claimOptions = useMemo<ClaimOption[]>(() => {
    const suggested = new Set(suggestions.map((c) => c.id));
    return [...suggestions.map((c) => ({ id: c.id, statement: c.statement, note: 'on this text' })), ...claims.filter((c) => !suggested.has(c.id))];
  }, [claims, suggestions]);

  return (
    <form
      ref={rootRef}
      tabIndex={-1}
      aria-labelledby={fieldId('title')}
      data-testid="annotation-composer"
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      className="fixed inset-x-0 bottom-0 z-40 max-h-[78vh] space-y-4 overflow-y-auto rounded-t-xl border-t border-stone-300 bg-white p-4 shadow-2xl focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 lg:static lg:z-auto lg:max-h-none lg:overflow-visible lg:rounded-lg lg:border lg:shadow-md"
    >
      <div className="flex items-start justify-between gap-3">
        <h2 id={fieldId('title')} className="text-base font-semibold text-stone-900">
          Annotate the selection
        </h2>
        <button type="button" onClick={onCancel} className={`${buttonStyles.link} text-sm`} aria-keyshortcuts="Escape">
          Cancel <span className="text-stone-500">(Esc)</span>
        </button>
      </div>
      <blockquote className="max-h-28 overflow-y-auto border-l-4 border-stone-300 pl-3 font-serif text-sm text-stone-700 italic">{quote}</blockquote>

      <div role="group" aria-label="Kind of annotation" className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-2">
        {annotationKinds.map((k) => (
          <button
            key={k}
            id={fieldId(`kind-${k}`)}
            type="button"
            aria-pressed={kind === k}
            aria-keyshortcuts={kindShortcuts[k]}
            onClick={() => setKind(k)}
            className={`flex min-h-10 items-center justify-between gap-2 rounded-md px-3 py-1.5 text-sm font-medium ring-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
              kind === k ? `${kindStyle[k]} ring-2` : 'bg-white text-stone-700 ring-stone-300 hover:bg-stone-50'
            }`}
          >
            {kindLabels[k]}
            <kbd className="rounded border border-current/30 px-1 font-mono text-xs opacity-80">{kindShortcuts[k]}</kbd>
          </button>
        ))}
      </div>
      <p className="text-xs text-stone-600">{kindHelp[kind]}</p>

      {kind === 'claim' && (
        <div className="space-y-3">
          {attachClaimId === NEW_CLAIM ? (
            <div>
              <label htmlFor={fieldId('statement')} className="block text-sm font-medium text-stone-800">
                Statement
              </label>
              <textarea
                id={fieldId('statement')}
                rows={3}
                maxLength={STATEMENT_MAX}
                value={statement}
                onChange={(event) => {
                  setStatement(event.target.value);
                  setStatementEdited(true);
                }}
                onKeyDown={(event) => {
                  // Enter saves; Shift+Enter is a space in a one-line statement.
                  if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                    event.preventDefault();
                    void save();
                  }
                }}
                aria-invalid={errors('claim.statement')?.length ? true : undefined}
                aria-describedby={`${fieldId('statement')}-count${errors('claim.statement')?.length ? ` ${fieldId('statement')}-error` : ''}`}
                className={`mt-1 ${inputStyles} text-sm`}
              />
              <p id={`${fieldId('statement')}-count`} className="mt-1 text-xs text-stone-500">
                {statement.length} / {STATEMENT_MAX}
              </p>
              {errors('claim.statement')?.length ? (
                <p id={`${fieldId('statement')}-error`} className="text-sm font-medium text-red-700">
                  {errors('claim.statement')?.map((m) => fieldMessage('Statement', m)).join('. ')}
                </p>
              ) : null}
            </div>
          ) : (
            <div className="rounded-md border border-blue-200 bg-blue-50 p-3 text-sm">
              <p className="text-blue-950">
                Attaching to the existing claim “{claims.find((c) => c.id === attachClaimId)?.statement ?? suggestions.find((c) => c.id === attachClaimId)?.statement}”.
              </p>
              <button type="button" className={`${buttonStyles.link} mt-1 text-sm`} onClick={() => setAttachClaimId(NEW_CLAIM)}>
                Make a new claim instead
              </button>
            </div>
          )}
          {suggestions.length > 0 && (
            <div>
              <p className="text-sm font-medium text-stone-800">Existing claims on this text</p>
              <ul className="mt-1 space-y-1">
                {suggestions.map((claim) => (
                  <li key={claim.id} className="flex items-start justify-between gap-2 rounded border border-stone-200 p-2 text-sm">
                    <span className="min-w-0 break-words">{claim.statement}</span>
                    <button
                      type="button"
                      className={`${buttonStyles.secondary} min-h-8 shrink-0 px-2 py-1 text-xs`}
                      aria-pressed={attachClaimId === claim.id}
                      onClick={() => setAttachClaimId(attachClaimId === claim.id ? NEW_CLAIM : claim.id)}
                    >
                      {attachClaimId === claim.id ? 'Attached' : 'Attach instead'}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}

      {kind === 'probability' && (
        <div className="space-y-3">
          <PercentInput id={fieldId('probability')} label="Probability" value={probability} onChange={setProbability} errors={errors('probability.value')} />
          <ClaimPicker
            id={fieldId('probability-claim')}
            label="Of which claim"
            claims={claimOptions}
            value={probabilityClaimId}
            onChange={(id) => {
              setProbabilityClaimId(id);
              setProbabilityClaimChosen(true);
            }}
            newLabel="A new claim from this text"
            errors={errors('probability.claimId')}
          />
        </div>
      )}

      {kind === 'evidence' && (
        <div className="space-y-3">
          <ClaimPicker
            id={fieldId('evidence-claim')}
            label="Evidence about the claim"
            claims={claimOptions}
            value={evidenceClaimId}
            onChange={setEvidenceClaimId}
            errors={errors('evidence.claimId')}
            hint={claims.length === 0 ? 'This document has no claims yet: make one first.' : undefined}
          />
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">Stance</legend>
            <div className="mt-1 flex gap-4 text-sm">
              {(['for', 'against'] as const).map((s) => (
                <label key={s} className="inline-flex items-center gap-2">
                  <input type="radio" name={fieldId('stance')} value={s} checked={stance === s} onChange={() => setStance(s)} className="size-4 accent-stone-800" />
                  {s === 'for' ? 'Supports it (for)' : 'Undercuts it (against)'}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">Strength</legend>
            <div className="mt-1 flex flex-wrap gap-4 text-sm">
              {([1, 2, 3] as const).map((s) => (
                <label key={s} className="inline-flex items-center gap-2">
                  <input type="radio" name={fieldId('strength')} value={s} checked={strength === s} onChange={() => setStrength(s)} className="size-4 accent-stone-800" />
                  {strengthLabels[s]}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor={fieldId('source')} className="block text-sm font-medium text-stone-800">
              Source URL <span className="font-normal text-stone-500">(optional)</span>
            </label>
            <input
              id={fieldId('source')}
              type="url"
              inputMode="url"
              placeholder="https://"
              value={source}
              onChange={(event) => setSource(event.target.value)}
              aria-invalid={errors('evidence.source')?.length ? true : undefined}
              aria-describedby={errors('evidence.source')?.length ? `${fieldId('source')}-error` : undefined}
              className={`mt-1 ${inputStyles} text-sm`}
            />
            {errors('evidence.source')?.length ? (
              <p id={`${fieldId('source')}-error`} className="mt-1 text-sm font-medium text-red-700">
                {errors('evidence.source')?.map((m) => fieldMessage('Source', m)).join('. ')}
              </p>
            ) : null}
          </div>
        </div>
      )}

      {kind === 'crux' && (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-stone-800">If this is true…</legend>
          <ClaimPicker
            id={fieldId('crux-for')}
            label="…this claim"
            claims={claims}
            value={cruxForClaimId}
            onChange={setCruxForClaimId}
            newLabel="A new claim (write it below)"
            errors={errors('crux.forClaimId')}
          />
          {cruxForClaimId === NEW_CLAIM && (
            <div>
              <label htmlFor={fieldId('crux-statement')} className="block text-sm font-medium text-stone-800">
                The claim it bears on
              </label>
              <input
                id={fieldId('crux-statement')}
                type="text"
                maxLength={STATEMENT_MAX}
                value={forStatement}
                onChange={(event) => setForStatement(event.target.value)}
                aria-invalid={errors('crux.forStatement')?.length ? true : undefined}
                aria-describedby={errors('crux.forStatement')?.length ? `${fieldId('crux-statement')}-error` : undefined}
                className={`mt-1 ${inputStyles} text-sm`}
              />
              {errors('crux.forStatement')?.length ? (
                <p id={`${fieldId('crux-statement')}-error`} className="mt-1 text-sm font-medium text-red-700">
                  {errors('crux.forStatement')?.map((m) => fieldMessage('The claim', m)).join('. ')}
                </p>
              ) : null}
            </div>
          )}
          <div role="radiogroup" aria-label="…becomes" className="flex flex-wrap items-center gap-4 text-sm">
            <span aria-hidden="true" className="font-medium text-stone-800">
              …becomes
            </span>
            {(['more', 'less'] as const).map((d) => (
              <label key={d} className="inline-flex items-center gap-2">
                <input type="radio" name={fieldId('direction')} value={d} checked={direction === d} onChange={() => setDirection(d)} className="size-4 accent-stone-800" />
                {d} likely
              </label>
            ))}
          </div>
        </fieldset>
      )}

      <div>
        <p id={fieldId('body-label')} className="text-sm font-medium text-stone-800">
          Rationale <span className="font-normal text-stone-500">(optional; Mod-Enter saves)</span>
        </p>
        <div className="mt-1">
          <RichTextEditor
            value={body}
            onChange={(doc) => setBody(doc)}
            label="Rationale"
            placeholder="Why? Links welcome."
            onSubmit={() => void save()}
            onCancel={onCancel}
            describedBy={errors('body')?.length ? `${fieldId('body')}-error` : undefined}
          />
        </div>
        {errors('body')?.length ? (
          <p id={`${fieldId('body')}-error`} className="mt-1 text-sm font-medium text-red-700">
            {errors('body')?.map((m) => fieldMessage('Rationale', m)).join('. ')}
          </p>
        ) : null}
      </div>

      <FormError error={api.error} shownFields={shownFields} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={api.pending} aria-keyshortcuts="Enter">
          {api.pending ? 'Saving…' : `Save ${kindLabels[kind].toLowerCase()}`}
        </button>
        <span className="text-xs text-stone-500">Enter saves · Esc cancels</span>
      </div>
    </form>
  );
}
