'use client';
// A reviewer's conditional credences on one crux link K → C, as the sentence they mean: "If K is true, I'd put C at
// [a]; if K is false, at [b]". Each is a slider with the percentage typed beside it (a typed value outside 0–100% is
// refused at its field, never clamped). With the reviewer's credence in K (else K's aggregate) and their own in C,
// the implied credence k·a + (1 − k)·b is compared with their own, and a gap above COHERENCE_GAP_NOTICE is said gently.
// `ConditionalsForm` saves them through PUT …/crux-links/:id/conditionals.
import { useId, useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { buttonStyles, FormError, FormSuccess, fieldErrors } from '@/app/_components/form-controls';
import { COHERENCE_GAP_NOTICE, coherenceGap, expectedShift, impliedCredence } from '@/lib/aggregation/conditionals';
import { logit, sigmoid } from '@/lib/aggregation/math';
import { parsePercent } from '@/lib/claims/percent';
import { shortLabel } from './map-format';

export type ConditionalValues = { ifTrue: number; ifFalse: number };
/** The typed text of each field (what the reviewer sees); the numbers are parsed from it. */
export type ConditionalDraft = { ifTrue: string; ifFalse: string };

const asText = (p: number) => String(Math.round(p * 1000) / 10);
export const conditionalDraft = (values: ConditionalValues | null): ConditionalDraft => ({
  ifTrue: values ? asText(values.ifTrue) : '50',
  ifFalse: values ? asText(values.ifFalse) : '50',
});

/** The draft's numbers, or what is wrong with each field by the API's field names. */
export function parseConditionals(draft: ConditionalDraft): { values: ConditionalValues } | { problems: Record<'ifTrue' | 'ifFalse', string | undefined> } {
  const a = parsePercent(draft.ifTrue);
  const b = parsePercent(draft.ifFalse);
  if ('value' in a && 'value' in b) return { values: { ifTrue: a.value, ifFalse: b.value } };
  return { problems: { ifTrue: 'error' in a ? a.error : undefined, ifFalse: 'error' in b ? b.error : undefined } };
}

const pct = (p: number) => `${Math.round(p * 100)}%`;

/** A claim's aggregate as the map computes it: the geometric mean of odds, probabilities clipped to [0.01, 0.99]. */
export function geometricMeanOfOdds(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const mean = values.reduce((sum, p) => sum + logit(p), 0) / values.length;
  return sigmoid(mean);
}

export function ConditionalSliders({
  idBase,
  kStatement,
  cStatement,
  draft,
  onChange,
  errors,
  k,
  kIsOwn,
  ownC,
}: {
  idBase: string;
  kStatement: string;
  cStatement: string;
  draft: ConditionalDraft;
  onChange: (draft: ConditionalDraft) => void;
  /** messages per field ('ifTrue', 'ifFalse'), the form's and the API's */
  errors: (field: 'ifTrue' | 'ifFalse') => string[] | undefined;
  /** the reviewer's credence in K, else K's aggregate; null when neither is known */
  k: number | null;
  kIsOwn: boolean;
  /** the reviewer's own credence in C, when they rated it */
  ownC: number | null;
}) {
  const parsed = parseConditionals(draft);
  const values = 'values' in parsed ? parsed.values : null;
  const gap = values && k !== null ? coherenceGap(k, values.ifTrue, values.ifFalse, ownC) : null;
  const K = `“${shortLabel(kStatement, 90)}”`;
  const C = `“${shortLabel(cStatement, 90)}”`;

  const field = (which: 'ifTrue' | 'ifFalse', lead: string) => {
    const id = `${idBase}-${which}`;
    const messages = errors(which);
    const numeric = parsePercent(draft[which]);
    const sliderValue = 'value' in numeric ? Math.round(numeric.value * 100) : 50;
    return (
      <div className="space-y-1">
        <p className="text-sm text-stone-800">
          {lead}
        </p>
        <div className="flex items-center gap-3">
          <input
            type="range"
            min={0}
            max={100}
            step={1}
            value={sliderValue}
            onChange={(event) => onChange({ ...draft, [which]: event.target.value })}
            aria-label={which === 'ifTrue' ? `If K is true, your probability for C` : `If K is false, your probability for C`}
            aria-valuetext={`${sliderValue}%`}
            className="h-2 min-w-0 flex-1 accent-stone-800"
            data-testid={`conditional-${which}-slider`}
          />
          <label htmlFor={id} className="sr-only">
            {which === 'ifTrue' ? 'If K is true, C at (percent)' : 'If K is false, C at (percent)'}
          </label>
          <input
            id={id}
            inputMode="decimal"
            value={draft[which]}
            onChange={(event) => onChange({ ...draft, [which]: event.target.value })}
            aria-invalid={messages?.length ? true : undefined}
            aria-describedby={messages?.length ? `${id}-error` : undefined}
            className="w-20 rounded-md border border-stone-300 bg-white px-2 py-1 text-right text-sm tabular-nums aria-invalid:border-red-600"
            data-testid={`conditional-${which}`}
          />
          <span className="text-sm text-stone-600" aria-hidden="true">
            %
          </span>
        </div>
        {messages?.length ? (
          <p id={`${id}-error`} className="text-sm font-medium text-red-700">
            {messages.join('. ')}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <div className="space-y-3" data-testid="conditional-sliders">
      {field('ifTrue', `If ${K} is true, I'd put ${C} at …`)}
      {field('ifFalse', `… if ${K} is false, at …`)}
      {values && (
        <p className="text-sm text-stone-700" data-testid="conditional-sentence">
          If {K} is true, I&apos;d put {C} at <strong>{pct(values.ifTrue)}</strong>; if it is false, at <strong>{pct(values.ifFalse)}</strong>.
          {k !== null && (
            <span className="text-stone-600">
              {' '}
              With {kIsOwn ? 'your' : 'the aggregate'} {pct(k)} on K, learning K would move you on C by {pct(expectedShift(k, values.ifTrue, values.ifFalse))} in expectation.
            </span>
          )}
        </p>
      )}
      {values && k !== null && gap !== null && gap > COHERENCE_GAP_NOTICE && ownC !== null && (
        <p role="note" className="rounded-md border border-sky-200 bg-sky-50 p-2 text-sm text-sky-950" data-testid="coherence-gap">
          A thought, not an error: with {kIsOwn ? 'your' : 'the aggregate'} {pct(k)} on K, these put C at {pct(impliedCredence(k, values.ifTrue, values.ifFalse))}, while you rated C at{' '}
          {pct(ownC)} — {Math.round(gap * 100)} points apart (we mention gaps above {Math.round(COHERENCE_GAP_NOTICE * 100)}). One of the three may deserve another look.
        </p>
      )}
    </div>
  );
}

/** The sliders with their own Save button, for a link that exists (the claim page). */
export function ConditionalsForm({
  path,
  kStatement,
  cStatement,
  mine,
  k,
  kIsOwn,
  ownC,
  onSaved,
}: {
  /** PUT …/crux-links/:id/conditionals */
  path: string;
  kStatement: string;
  cStatement: string;
  mine: ConditionalValues | null;
  k: number | null;
  kIsOwn: boolean;
  ownC: number | null;
  onSaved?: (values: ConditionalValues) => void;
}) {
  const idBase = useId();
  const api = useApiCall();
  const [draft, setDraft] = useState(() => conditionalDraft(mine));
  const [hasTried, setTried] = useState(false);
  const [saved, setSaved] = useState<ConditionalValues | null>(null);
  const parsed = parseConditionals(draft);

  const errors = (field: 'ifTrue' | 'ifFalse') => {
    const mineProblem = hasTried && 'problems' in parsed ? parsed.problems[field] : undefined;
    const shown = [...(mineProblem ? [mineProblem] : []), ...(fieldErrors(api.error, field) ?? [])];
    return shown.length > 0 ? shown : undefined;
  };

  async function save() {
    setTried(true);
    if (!('values' in parsed)) return;
    const result = await api.run<unknown>(path, { method: 'PUT', body: parsed.values });
    if (result.ok) {
      setSaved(parsed.values);
      onSaved?.(parsed.values);
    }
  }

  return (
    <form
      noValidate
      className="space-y-2"
      data-testid="conditionals-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <ConditionalSliders
        idBase={idBase}
        kStatement={kStatement}
        cStatement={cStatement}
        draft={draft}
        onChange={(next) => {
          setDraft(next);
          setSaved(null);
          api.clearError();
        }}
        errors={errors}
        k={k}
        kIsOwn={kIsOwn}
        ownC={ownC}
      />
      <FormError error={api.error} shownFields={['ifTrue', 'ifFalse']} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.secondary} disabled={api.pending}>
          {api.pending ? 'Saving…' : mine || saved ? 'Update conditionals' : 'Save conditionals'}
        </button>
        {saved && !api.error ? (
          <FormSuccess>
            Saved: {pct(saved.ifTrue)} if true, {pct(saved.ifFalse)} if false.
          </FormSuccess>
        ) : null}
      </div>
    </form>
  );
}
