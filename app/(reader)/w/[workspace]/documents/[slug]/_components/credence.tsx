'use client';
// Credences, LessWrong-style: a tiny chart of everyone's current credence in a claim (dots on a 0–100% line,
// the median marked, n beside it), a percent input kept in sync with a slider, and "Your credence" to rate or
// revise a claim (a probability annotation on the claim, no new text selected). Charts are drawn in the browser
// only, from the claim's values; who gave them is asked for when someone opens "Who rated".
import { useEffect, useId, useRef, useState } from 'react';
import { callApi, useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles, fieldErrors, fieldMessage } from '@/app/_components/form-controls';
import { percentFromText } from '@/lib/annotations/input-checks';
import type { AnnotationDto, ClaimDetailDto, ClaimSummary, CredenceDto } from '@/lib/annotations/types';
import { credenceWords, percent, summarizeCredences } from './annotation-format';
import { useHydrated } from './client-only';

/** blind review: what the values leave out until the viewer rates the claim */
const HIDDEN_NOTE = '; the others’ stay hidden until you rate it';

const WIDTH = 60;
const HEIGHT = 14;
const PAD = 3;

function CredenceChart({ values, large = false }: { values: readonly number[]; large?: boolean }) {
  const isHydrated = useHydrated();
  const width = large ? WIDTH * 2 : WIDTH;
  const height = large ? HEIGHT * 2 : HEIGHT;
  // the same room before it is drawn, so nothing moves when it is
  if (!isHydrated) return <span aria-hidden="true" className="inline-block align-middle" style={{ width, height }} />;
  const summary = summarizeCredences(values);
  const x = (value: number) => PAD + value * (WIDTH - 2 * PAD);
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={width} height={height} aria-hidden="true" focusable="false" className="overflow-visible">
      <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - 3} y2={HEIGHT - 3} stroke="currentColor" strokeOpacity="0.45" strokeWidth="1" />
      {[0, 0.5, 1].map((tick) => (
        <line key={tick} x1={x(tick)} x2={x(tick)} y1={HEIGHT - 5} y2={HEIGHT - 1} stroke="currentColor" strokeOpacity="0.45" strokeWidth="0.75" />
      ))}
      {summary.values.map((value, i) => (
        <circle key={i} cx={x(value)} cy={HEIGHT - 7} r="2" fill="currentColor" fillOpacity="0.55" />
      ))}
      {summary.median !== null && (
        <line x1={x(summary.median)} x2={x(summary.median)} y1={1} y2={HEIGHT - 2} stroke="var(--color-orange-700)" strokeWidth="1.75" />
      )}
    </svg>
  );
}

/** The chart as a button: in the text after a claim, and in its card. */
export function CredenceGlyph({ claim, onOpen, inText = false }: { claim: ClaimSummary | undefined; onOpen: () => void; inText?: boolean }) {
  const summary = summarizeCredences(claim?.values);
  const words = `${credenceWords(summary)}${claim?.credencesHidden ? HIDDEN_NOTE : ''}`;
  const label = claim ? `Credences in “${claim.statement}”: ${words}. Open the claim to rate it.` : words;
  const descriptionId = useId();
  // the name is the visible text ("81% · 12"); the words are its description, so the name matches what is seen
  return (
    <button
      type="button"
      data-noncanonical=""
      className={`credence-glyph ${inText ? 'credence-glyph-inline' : ''}`}
      aria-describedby={descriptionId}
      title={words}
      onClick={(event) => {
        event.stopPropagation();
        onOpen();
      }}
    >
      <CredenceChart values={summary.values} />
      <span className="credence-glyph-count">
        {summary.count > 0 && summary.median !== null ? `${Math.round(summary.median * 100)}% · ${summary.count}` : 'rate'}
      </span>
      <span id={descriptionId} hidden>
        {label}
      </span>
    </button>
  );
}

/** "Who rated": the names behind the values, fetched when opened (the page carries values only). */
function WhoRated({ claimPath }: { claimPath: string }) {
  const [credences, setCredences] = useState<CredenceDto[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const load = async () => {
    setLoadError(null);
    const result = await callApi<ClaimDetailDto>(claimPath, { method: 'GET' });
    if (result.ok) setCredences(result.data.credences);
    else setLoadError(result.message);
  };
  return (
    <details
      className="w-full text-xs text-stone-600"
      onToggle={(event) => {
        if (event.currentTarget.open && credences === null) void load();
      }}
    >
      <summary className="cursor-pointer rounded max-lg:min-h-11 max-lg:content-center focus-visible:outline-2 focus-visible:outline-blue-600">Who rated</summary>
      {loadError ? (
        <p className="mt-1 text-red-700">{loadError}</p>
      ) : credences === null ? (
        <p className="mt-1 text-stone-500">Loading…</p>
      ) : (
        <ul className="mt-1 space-y-0.5">
          {credences.map((c) => (
            <li key={c.user.id}>
              {c.user.name}: {percent(c.value)}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** Everyone's credences, in words and as the chart (in a claim's card). */
export function CredenceSummary({ claim, claimPath }: { claim: ClaimSummary; claimPath: string }) {
  const summary = summarizeCredences(claim.values);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm text-stone-700">
      <span className="text-stone-500">
        <CredenceChart values={summary.values} large />
      </span>
      <span>
        {credenceWords(summary)}
        {claim.credencesHidden ? HIDDEN_NOTE : ''}
      </span>
      {/* asked again when the values change */}
      {summary.count > 0 && <WhoRated key={claim.values.join(' ')} claimPath={claimPath} />}
    </div>
  );
}

/**
 * A percentage as a slider and a number field that move together; the value is a fraction (0..1), or null while
 * the field holds something that is not a percentage from 0 to 100 — said at the field, never clamped.
 */
export function PercentInput({
  id,
  label,
  value,
  onChange,
  errors,
  autoFocus = false,
}: {
  id: string;
  label: string;
  value: number | null;
  onChange: (value: number | null) => void;
  errors?: string[];
  autoFocus?: boolean;
}) {
  const [text, setText] = useState(value === null ? '' : String(Math.round(value * 100)));
  const lastValid = useRef(value ?? 0.5);
  useEffect(() => {
    if (value === null) return;
    lastValid.current = value;
    // Follows the slider (and outside resets) unless the field already says the same number.
    setText((current) => {
      const typed = percentFromText(current);
      return typed.ok && Math.round(typed.value * 100) === Math.round(value * 100) ? current : String(Math.round(value * 100));
    });
  }, [value]);
  const checked = percentFromText(text);
  const messages = [...(checked.ok ? [] : [checked.message]), ...(errors ?? [])];
  const sliderAt = Math.round((checked.ok ? checked.value : lastValid.current) * 100);
  const errorId = `${id}-error`;
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-stone-800">{label}</legend>
      <div className="flex items-center gap-3">
        <input
          type="range"
          min={0}
          max={100}
          step={1}
          value={sliderAt}
          aria-label={`${label} (slider)`}
          aria-valuetext={`${sliderAt} percent`}
          onChange={(event) => onChange(Number(event.target.value) / 100)}
          className="h-8 min-w-0 flex-1 accent-orange-700"
        />
        <div className="flex items-center gap-1">
          <input
            id={id}
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step={1}
            value={text}
            autoFocus={autoFocus}
            aria-label={`${label} in percent`}
            aria-invalid={messages.length > 0 ? true : undefined}
            aria-describedby={messages.length > 0 ? errorId : undefined}
            onChange={(event) => {
              setText(event.target.value);
              const typed = percentFromText(event.target.value);
              onChange(typed.ok ? typed.value : null);
            }}
            className="w-20 rounded-md border border-stone-300 bg-white px-2 py-1.5 text-right text-base aria-invalid:border-red-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          />
          <span aria-hidden="true" className="text-sm text-stone-600">
            %
          </span>
        </div>
      </div>
      {messages.length > 0 ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {messages.map((m) => fieldMessage('Probability', m)).join('. ')}
        </p>
      ) : null}
    </fieldset>
  );
}

/** "Your credence": rate or revise a claim without selecting text again. */
export function CredenceRater({
  claim,
  annotationsPath,
  documentSlug,
  autoFocus = false,
  onSaved,
}: {
  claim: ClaimSummary;
  annotationsPath: string;
  documentSlug: string;
  autoFocus?: boolean;
  onSaved: (annotation: AnnotationDto) => void;
}) {
  const api = useApiCall();
  const [value, setValue] = useState<number | null>(claim.myCredence ?? 0.5);
  const [saved, setSaved] = useState(false);
  const id = useId();
  const hasRated = claim.myCredence !== null;

  async function save() {
    setSaved(false);
    // the field says what is wrong; nothing is sent
    if (value === null) return;
    const result = await api.run<AnnotationDto>(annotationsPath, {
      method: 'POST',
      body: { document: documentSlug, kind: 'probability', probability: { claimId: claim.id, value } },
    });
    if (!result.ok) return;
    setSaved(true);
    onSaved(result.data);
  }

  return (
    <form
      data-credence-rater=""
      className="space-y-2 rounded-md border border-orange-200 bg-orange-50/60 p-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      aria-label={`Your credence in “${claim.statement}”`}
    >
      <PercentInput
        id={`${id}-credence`}
        label={hasRated ? `Your credence (now ${percent(claim.myCredence ?? 0)})` : 'Your credence'}
        value={value}
        onChange={(v) => {
          setValue(v);
          setSaved(false);
        }}
        errors={fieldErrors(api.error, 'probability.value')}
        autoFocus={autoFocus}
      />
      <FormError error={api.error} shownFields={['probability.value']} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.secondary} disabled={api.pending}>
          {api.pending ? 'Saving…' : hasRated ? 'Revise my credence' : 'Save my credence'}
        </button>
        {saved && (
          <span role="status" className="text-sm text-emerald-800">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
