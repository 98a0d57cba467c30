'use client';
// The composer for a new annotation on the selected text: the quote, the four kinds (keys c, e, x, p while the
// focus is not in a text field), each kind's fields, an optional rationale, Enter to save (Mod-Enter inside the
// rationale) and Escape to cancel. Wherever a claim is chosen, the workspace's similar claims come first, and a claim
// is made only by an explicit "Create new claim". What is wrong (a percentage over 100, a statement over the limit,
// no claim chosen) is said at its field before anything is sent; the API's field messages show there too.
import { isTypingTarget } from '@/app/_components/typing-target';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { callApi, useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles, fieldErrors, fieldMessage } from '@/app/_components/form-controls';
import { RichTextEditor } from './lazy-rich-text-editor';
import { rationaleProblem, sourceProblem, statementProblem } from '@/lib/annotations/input-checks';
import { annotationKinds, type AnnotationDto, type AnnotationKind, type ClaimDto, type ClaimSummary, type EvidenceStance } from '@/lib/annotations/types';
import { isEmptyRichText } from '@/lib/richtext/plain-text';
import type { RichTextDoc } from '@/lib/richtext/types';
import { badgeClasses, kindLabels } from './annotation-format';
import { ClaimKindFields } from './claim-kind-fields';
import { ClaimPicker, CREATE_CLAIM, NEW_CLAIM, type ClaimOption } from './claim-picker';
import { PercentInput } from './credence';
import { EvidenceDetailFields } from './evidence-fields';
import { cruxBody, cruxProblems, CruxSentenceFields, emptyCruxDraft, type CruxDraft, type CruxEnd } from './crux-sentence-fields';
import { StatementField } from './statement-field';
import { ConditionalSliders, conditionalDraft, geometricMeanOfOdds, parseConditionals, type ConditionalDraft } from '../../../_components/conditional-sliders';
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
/** A claim statement proposed from selected text: whitespace collapsed, never cut (the field says when it is too long). */
const statementFrom = (quote: string): string => quote.replace(/\s+/g, ' ').trim();

const CHOOSE = 'is required: choose a claim, or “Create new claim”';

const shownFields = [
  'claim.statement',
  'claim.claimId',
  'probability.value',
  'probability.claimId',
  'probability.statement',
  'evidence.claimId',
  'evidence.stance',
  'evidence.strength',
  'evidence.source',
  'crux.claimId',
  'crux.statement',
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
  const [attachedStatement, setAttachedStatement] = useState('');
  const [probability, setProbability] = useState<number | null>(0.5);
  const [probabilityClaim, setProbabilityClaim] = useState<CruxEnd>({ claimId: NEW_CLAIM, statement: '' });
  const [isProbabilityClaimChosen, setProbabilityClaimChosen] = useState(false);
  const [evidenceClaimId, setEvidenceClaimId] = useState('');
  const [stance, setStance] = useState<EvidenceStance>('for');
  const [strength, setStrength] = useState<1 | 2 | 3>(2);
  const [source, setSource] = useState('');
  const [isSourceTouched, setSourceTouched] = useState(false);
  const [crux, setCrux] = useState<CruxDraft>(emptyCruxDraft);
  /** the crux's conditional credences, when the reviewer chose to give them (null: not given) */
  const [conditionals, setConditionals] = useState<ConditionalDraft | null>(null);
  const conditionalsApi = useApiCall();
  /** the crux was saved but its conditionals were not: Save tries them again, Cancel keeps the crux */
  const [savedCrux, setSavedCrux] = useState<CreatedAnnotation | null>(null);
  /** a save was tried: every problem shows, not only those that show as you type */
  const [hasTried, setTried] = useState(false);
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

  // a claim already on the selected text is the one rated, until another is chosen
  useEffect(() => {
    if (!isProbabilityClaimChosen) setProbabilityClaim(suggestions[0] ? { claimId: suggestions[0].id, statement: suggestions[0].statement } : { claimId: NEW_CLAIM, statement: '' });
  }, [suggestions, isProbabilityClaimChosen]);

  const firstFieldOf = (k: AnnotationKind) =>
    ({ claim: fieldId('statement'), probability: fieldId('probability'), evidence: fieldId('evidence-claim'), crux: fieldId('forClaim') })[k];

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

  // What is wrong before sending, by the API's field names ('' when the field says it itself).
  const problems = useMemo(() => {
    const found: Record<string, string> = {};
    const add = (field: string, problem: string | null) => {
      if (problem !== null) found[field] = problem;
    };
    if (kind === 'claim' && attachClaimId === NEW_CLAIM) add('claim.statement', statementProblem(statement) && '');
    if (kind === 'probability') {
      if (probability === null) add('probability.value', '');
      if (probabilityClaim.claimId === NEW_CLAIM) add('probability.claimId', CHOOSE);
      if (probabilityClaim.claimId === CREATE_CLAIM) add('probability.statement', statementProblem(probabilityClaim.statement) && '');
    }
    if (kind === 'evidence') {
      if (evidenceClaimId === '') add('evidence.claimId', 'is required: choose the claim this is evidence about');
      add('evidence.source', sourceProblem(source));
    }
    if (kind === 'crux') {
      for (const [field, problem] of Object.entries(cruxProblems(crux))) add(field, field.endsWith('tatement') ? '' : problem);
      if (conditionals) {
        const parsed = parseConditionals(conditionals);
        if ('problems' in parsed) for (const [field, problem] of Object.entries(parsed.problems)) add(field, problem ?? null);
      }
    }
    add('body', rationaleProblem(body));
    return found;
  }, [kind, attachClaimId, statement, probability, probabilityClaim, evidenceClaimId, source, crux, conditionals, body]);

  /** PUT the conditionals on the link the saved crux annotation belongs to; true when they were saved. */
  async function saveConditionals(annotation: CreatedAnnotation): Promise<boolean> {
    const parsed = conditionals ? parseConditionals(conditionals) : null;
    if (!parsed || !('values' in parsed) || !annotation.crux) return true;
    const { claimId, forClaimId } = annotation.crux;
    const links = await conditionalsApi.run<{ items: { id: string; cruxClaimId: string; forClaimId: string }[] }>(`${paths.cruxLinks}?${paths.documentQuery}`, { method: 'GET' });
    if (!links.ok) return false;
    const link = links.data.items.find((l) => l.cruxClaimId === claimId && l.forClaimId === forClaimId);
    if (!link) {
      conditionalsApi.setError({ status: 404, code: 'NOT_FOUND', message: 'The crux was saved, but its link was not found to save the conditionals: try again.', fields: {} });
      return false;
    }
    const result = await conditionalsApi.run(paths.cruxLinkConditionals(link.id), { method: 'PUT', body: parsed.values });
    return result.ok;
  }

  async function save() {
    if (api.pending || conditionalsApi.pending) return;
    setTried(true);
    if (Object.keys(problems).length > 0) {
      // the first field that says what is wrong takes the focus; nothing is sent
      requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    if (savedCrux) {
      if (await saveConditionals(savedCrux)) onCreated(savedCrux);
      return;
    }
    const target = { exact: selection.exact, prefix: selection.prefix, suffix: selection.suffix, start: selection.start, end: selection.end };
    const rationale = body && !isEmptyRichText(body) ? { body } : {};
    const p = probabilityClaim;
    const kindFields =
      kind === 'claim'
        ? { claim: attachClaimId !== NEW_CLAIM ? { claimId: attachClaimId } : { statement: statement.trim() } }
        : kind === 'probability'
          ? { probability: { value: probability, ...(p.claimId === CREATE_CLAIM ? { statement: p.statement.trim() } : { claimId: p.claimId }) } }
          : kind === 'evidence'
            ? { evidence: { claimId: evidenceClaimId, stance, strength, ...(source.trim() ? { source: source.trim() } : {}) } }
            : { crux: cruxBody(crux) };
    const result = await api.run<CreatedAnnotation>(paths.annotations, {
      method: 'POST',
      body: { document: documentSlug, kind, target, ...kindFields, ...rationale },
    });
    if (!result.ok) return;
    if (kind === 'crux' && conditionals && !(await saveConditionals(result.data))) {
      setSavedCrux(result.data);
      return;
    }
    onCreated(result.data);
  }

  /** Cancel; a crux already saved (its conditionals not) is kept and shown. */
  const cancel = () => (savedCrux ? onCreated(savedCrux) : onCancel());

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.defaultPrevented || event.nativeEvent.isComposing) return;
    const target = event.target as HTMLElement;
    const isInEditor = target.closest('[data-testid="rich-text-editor"]') !== null;
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
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

  /** the API's messages for a field, and ours once a save was tried (or, for some, as soon as they apply) */
  const errors = (key: string, showNow = false): string[] | undefined => {
    const mine = problems[key];
    const shown = [...(mine && (hasTried || showNow) ? [mine] : []), ...(fieldErrors(api.error, key) ?? []), ...(fieldErrors(conditionalsApi.error, key) ?? [])];
    return shown.length > 0 ? shown : undefined;
  };
  const submitLabel = kind === 'claim' ? (attachClaimId === NEW_CLAIM ? 'Create new claim' : 'Join this claim') : `Save ${kindLabels[kind].toLowerCase()}`;
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
        <button type="button" onClick={cancel} className={`${buttonStyles.link} text-sm`} aria-keyshortcuts="Escape">
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
            className={`flex min-h-11 items-center justify-between gap-2 rounded-md px-3 py-1.5 text-sm font-medium ring-1 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
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
        <ClaimKindFields
          idBase={formId}
          statement={statement}
          onStatementChange={(value) => {
            setStatement(value);
            setStatementEdited(true);
          }}
          attachClaimId={attachClaimId}
          attachedStatement={attachedStatement}
          onAttach={(claimId, claimStatement) => {
            setAttachClaimId(claimId);
            setAttachedStatement(claimStatement);
          }}
          onlyOnText={suggestions}
          claimsPath={paths.claims}
          claimHref={paths.claimPage}
          errors={errors('claim.statement')}
          showProblems={hasTried}
          onEnter={() => void save()}
        />
      )}

      {kind === 'probability' && (
        <div className="space-y-3">
          <PercentInput id={fieldId('probability')} label="Probability" value={probability} onChange={setProbability} errors={fieldErrors(api.error, 'probability.value')} />
          <ClaimPicker
            id={fieldId('probability-claim')}
            label="Of which claim"
            claims={claimOptions}
            value={probabilityClaim.claimId}
            valueLabel={probabilityClaim.claimId === CREATE_CLAIM ? `New claim: ${probabilityClaim.statement.trim()}` : probabilityClaim.statement || undefined}
            onChange={(id, claimStatement) => {
              setProbabilityClaim({ claimId: id, statement: claimStatement });
              setProbabilityClaimChosen(true);
            }}
            onCreate={(text) => {
              setProbabilityClaim({ claimId: CREATE_CLAIM, statement: text });
              setProbabilityClaimChosen(true);
            }}
            similar={{ path: paths.claims, seed: selection.exact }}
            claimHref={paths.claimPage}
            errors={errors('probability.claimId')}
          />
          {probabilityClaim.claimId === CREATE_CLAIM && (
            <StatementField
              id={fieldId('probability-statement')}
              label="The new claim"
              rows={2}
              value={probabilityClaim.statement}
              onChange={(value) => setProbabilityClaim({ claimId: CREATE_CLAIM, statement: value })}
              errors={fieldErrors(api.error, 'probability.statement')}
              showProblems={hasTried}
            />
          )}
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
            similar={{ path: paths.claims, seed: '' }}
            claimHref={paths.claimPage}
            errors={errors('evidence.claimId')}
            hint={claims.length === 0 ? 'This document has no claims yet: type to find one elsewhere in the workspace, or make one first.' : undefined}
          />
          <EvidenceDetailFields
            idBase={formId}
            stance={stance}
            onStanceChange={setStance}
            strength={strength}
            onStrengthChange={setStrength}
            source={source}
            onSourceChange={setSource}
            onSourceBlur={() => setSourceTouched(true)}
            sourceErrors={errors('evidence.source', isSourceTouched)}
          />
        </div>
      )}

      {kind === 'crux' && (
        <CruxSentenceFields
          idBase={formId}
          draft={crux}
          onChange={setCrux}
          claims={claimOptions}
          claimsPath={paths.claims}
          selectedText={selection.exact}
          claimHref={paths.claimPage}
          errors={(field) => errors(field)}
          showProblems={hasTried}
        />
      )}
      {kind === 'crux' && (
        <CruxConditionalsFields
          idBase={fieldId('conditionals')}
          draft={crux}
          conditionals={conditionals}
          onChange={(next) => {
            setConditionals(next);
            conditionalsApi.clearError();
          }}
          claims={claims}
          errors={(field) => errors(field)}
        />
      )}
      {savedCrux && (
        <p role="status" className="text-sm text-stone-700">
          Your crux is saved; its conditional credences are not yet. Save tries them again; Cancel keeps the crux without them.
        </p>
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
            onCancel={cancel}
            describedBy={errors('body', true)?.length ? `${fieldId('body')}-error` : undefined}
          />
        </div>
        {errors('body', true)?.length ? (
          <p id={`${fieldId('body')}-error`} className="mt-1 text-sm font-medium text-red-700">
            {errors('body', true)?.map((m) => fieldMessage('Rationale', m)).join('. ')}
          </p>
        ) : null}
      </div>

      <FormError error={api.error} shownFields={shownFields} />
      <FormError error={conditionalsApi.error} shownFields={['ifTrue', 'ifFalse']} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={api.pending} aria-keyshortcuts="Enter">
          {api.pending || conditionalsApi.pending ? 'Saving…' : savedCrux ? 'Save the conditionals' : submitLabel}
        </button>
        <span className="text-xs text-stone-500">Enter saves · Esc cancels</span>
      </div>
    </form>
  );
}

/** The crux's optional conditional credences: a checkbox, then the two sliders with the sentence they mean. */
function CruxConditionalsFields({
  idBase,
  draft,
  conditionals,
  onChange,
  claims,
  errors,
}: {
  idBase: string;
  draft: CruxDraft;
  conditionals: ConditionalDraft | null;
  onChange: (conditionals: ConditionalDraft | null) => void;
  claims: readonly ClaimSummary[];
  errors: (field: string) => string[] | undefined;
}) {
  const existing = (end: CruxEnd) => (end.claimId === NEW_CLAIM || end.claimId === CREATE_CLAIM ? undefined : claims.find((c) => c.id === end.claimId));
  const statementOf = (end: CruxEnd, fallback: string) =>
    (end.claimId === CREATE_CLAIM ? end.statement.trim() : end.statement || existing(end)?.statement) || fallback;
  const K = existing(draft.crux);
  const C = existing(draft.forClaim);
  const kAggregate = K ? geometricMeanOfOdds(K.values) : null;
  const k = K?.myCredence ?? kAggregate;
  return (
    <fieldset className="space-y-2 rounded-md border border-stone-200 p-3" data-testid="crux-conditionals">
      <legend className="px-1 text-sm font-medium text-stone-800">How much it hinges (optional)</legend>
      <label className="inline-flex items-center gap-2 text-sm text-stone-800">
        <input
          type="checkbox"
          checked={conditionals !== null}
          onChange={(event) => onChange(event.target.checked ? conditionalDraft(null) : null)}
          className="size-4 accent-stone-800"
          data-testid="crux-conditionals-toggle"
        />
        Also give my credence in C if K is true and if it is false
      </label>
      {conditionals && (
        <ConditionalSliders
          idBase={idBase}
          kStatement={statementOf(draft.crux, 'K')}
          cStatement={statementOf(draft.forClaim, 'C')}
          draft={conditionals}
          onChange={onChange}
          errors={errors}
          k={k ?? null}
          kIsOwn={K?.myCredence !== null && K?.myCredence !== undefined}
          ownC={C?.myCredence ?? null}
        />
      )}
    </fieldset>
  );
}

