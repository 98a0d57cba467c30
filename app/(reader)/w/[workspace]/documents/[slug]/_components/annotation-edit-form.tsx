'use client';
// Editing an annotation in its card: the kind's fields and the rationale, sent with the version they were made
// on. When someone else saved first (409), both versions are shown side by side: keep theirs, or apply yours on
// top of theirs (the same edit, re-sent with the current version). What is wrong (a percentage over 100, a statement
// over the limit, a source that is not a link) is said at its field before anything is sent.
import { useId, useState, type KeyboardEvent } from 'react';
import { callApi, useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles, fieldErrors, fieldMessage, inputStyles } from '@/app/_components/form-controls';
import { RichTextEditor } from './lazy-rich-text-editor';
import { RichTextView } from './lazy-rich-text-view';
import { rationaleProblem, sourceProblem, statementProblem } from '@/lib/annotations/input-checks';
import type { AnnotationDto, CruxDirection, EvidenceStance } from '@/lib/annotations/types';
import type { RichTextDoc } from '@/lib/richtext/types';
import { percent, strengthLabels } from './annotation-format';
import { PercentInput } from './credence';
import { StatementField } from './statement-field';
import type { ReaderPaths } from './reader-api';

type Draft = {
  statement: string;
  /** null while the field holds no percentage from 0 to 100 */
  value: number | null;
  stance: EvidenceStance;
  strength: 1 | 2 | 3;
  source: string;
  direction: CruxDirection;
  body: RichTextDoc | null;
};

const draftOf = (a: AnnotationDto): Draft => ({
  statement: a.claim?.statement ?? '',
  value: a.probability?.value ?? 0.5,
  stance: a.evidence?.stance ?? 'for',
  strength: a.evidence?.strength ?? 2,
  source: a.evidence?.source ?? '',
  direction: a.crux?.direction ?? 'more',
  body: a.body,
});

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The PATCH body for what the draft changed relative to where the edit started. */
function changesOf(kind: AnnotationDto['kind'], base: Draft, draft: Draft): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (!sameJson(base.body, draft.body)) changes.body = draft.body;
  if (kind === 'claim' && draft.statement.trim() !== base.statement.trim()) changes.claim = { statement: draft.statement };
  if (kind === 'probability' && draft.value !== base.value && draft.value !== null) changes.probability = { value: draft.value };
  if (kind === 'evidence') {
    const evidence: Record<string, unknown> = {};
    if (draft.stance !== base.stance) evidence.stance = draft.stance;
    if (draft.strength !== base.strength) evidence.strength = draft.strength;
    if (draft.source.trim() !== base.source.trim()) evidence.source = draft.source.trim() === '' ? null : draft.source.trim();
    if (Object.keys(evidence).length > 0) changes.evidence = evidence;
  }
  if (kind === 'crux' && draft.direction !== base.direction) changes.crux = { direction: draft.direction };
  return changes;
}

/**
 * One version of an annotation's content, for the side-by-side comparison; with `changed`, only the fields named
 * there (what applying yours on top would change).
 */
function ContentSummary({ kind, draft, forClaim, changed }: { kind: AnnotationDto['kind']; draft: Draft; forClaim?: string; changed?: Record<string, unknown> }) {
  const shows = (key: string) => !changed || key in changed;
  if (changed && Object.keys(changed).length === 0) return <p className="text-sm text-stone-500 italic">No changes.</p>;
  return (
    <dl className="space-y-1 text-sm">
      {kind === 'claim' && shows('claim') && (
        <div>
          <dt className="text-xs text-stone-500">Statement</dt>
          <dd>{draft.statement}</dd>
        </div>
      )}
      {kind === 'probability' && shows('probability') && (
        <div>
          <dt className="text-xs text-stone-500">Probability</dt>
          <dd>{draft.value === null ? '?' : percent(draft.value)}</dd>
        </div>
      )}
      {kind === 'evidence' && shows('evidence') && (
        <div>
          <dt className="text-xs text-stone-500">Stance and strength</dt>
          <dd>
            {draft.stance}, {strengthLabels[draft.strength]}
            {draft.source ? ` · ${draft.source}` : ''}
          </dd>
        </div>
      )}
      {kind === 'crux' && shows('crux') && (
        <div>
          <dt className="text-xs text-stone-500">Direction</dt>
          <dd>
            “{forClaim}” becomes {draft.direction} likely
          </dd>
        </div>
      )}
      {shows('body') && (
        <div>
          <dt className="text-xs text-stone-500">Rationale</dt>
          <dd>{draft.body ? <RichTextView doc={draft.body} /> : <span className="text-stone-500 italic">none</span>}</dd>
        </div>
      )}
    </dl>
  );
}

export function AnnotationEditForm({
  annotation,
  paths,
  onSaved,
  onCancel,
}: {
  annotation: AnnotationDto;
  paths: ReaderPaths;
  onSaved: (updated: AnnotationDto) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const api = useApiCall();
  const [base] = useState(() => draftOf(annotation));
  const [draft, setDraft] = useState(base);
  const [version, setVersion] = useState(annotation.version);
  const [theirs, setTheirs] = useState<AnnotationDto | null>(null);
  // Someone else saved a newer version while this form is open (it arrived live): show the conflict now rather
  // than let a save overwrite it.
  const [seenVersion, setSeenVersion] = useState(annotation.version);
  if (annotation.version > seenVersion) {
    setSeenVersion(annotation.version);
    if (annotation.version > version && !theirs) setTheirs(annotation);
  }
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const changes = changesOf(annotation.kind, base, draft);
  const hasChanges = Object.keys(changes).length > 0;

  // what is wrong before sending ('' when the field says it itself)
  const problems: Record<string, string> = {};
  if (annotation.kind === 'claim' && statementProblem(draft.statement)) problems['claim.statement'] = '';
  if (annotation.kind === 'probability' && draft.value === null) problems['probability.value'] = '';
  const sourceWrong = annotation.kind === 'evidence' ? sourceProblem(draft.source) : null;
  if (sourceWrong) problems['evidence.source'] = sourceWrong;
  const rationaleWrong = rationaleProblem(draft.body);
  if (rationaleWrong) problems.body = rationaleWrong;
  const [hasTried, setTried] = useState(false);

  async function save(atVersion: number) {
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    if (!hasChanges) return onCancel();
    const result = await api.run<AnnotationDto>(paths.annotation(annotation.id), { method: 'PATCH', body: { version: atVersion, ...changes } });
    if (result.ok) {
      onSaved(result.data);
      return;
    }
    if (result.status === 409) {
      // `error.current` carries the annotation as it is now; the shared client keeps only code/message/fields,
      // so read it again.
      const current = await callApi<AnnotationDto>(paths.annotation(annotation.id), { method: 'GET' });
      if (current.ok) {
        setTheirs(current.data);
        api.clearError();
      }
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.defaultPrevented) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  }

  const err = (key: string): string[] | undefined => {
    const shown = [...(problems[key] ? [problems[key]] : []), ...(fieldErrors(api.error, key) ?? [])];
    return shown.length > 0 ? shown : undefined;
  };
  if (theirs) {
    return (
      <div role="alert" aria-live="assertive" className="mt-2 space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="edit-conflict">
        <p className="text-sm font-semibold text-amber-950">Someone changed this while you were editing.</p>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-1 xl:grid-cols-2">
          <section aria-label="Their version" className="rounded border border-stone-200 bg-white p-2">
            <h4 className="mb-1 text-xs font-semibold tracking-wide text-stone-600 uppercase">Theirs (version {theirs.version})</h4>
            <ContentSummary kind={theirs.kind} draft={draftOf(theirs)} forClaim={theirs.crux?.forClaim.statement} />
          </section>
          <section aria-label="Your version" className="rounded border border-stone-200 bg-white p-2">
            <h4 className="mb-1 text-xs font-semibold tracking-wide text-stone-600 uppercase">Your changes</h4>
            <ContentSummary kind={annotation.kind} draft={draft} forClaim={annotation.crux?.forClaim.statement} changed={changes} />
          </section>
        </div>
        <FormError error={api.error} />
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonStyles.secondary} onClick={() => onSaved(theirs)}>
            Use theirs
          </button>
          <button
            type="button"
            className={buttonStyles.primary}
            disabled={api.pending}
            onClick={() => {
              setVersion(theirs.version);
              const at = theirs.version;
              setTheirs(null);
              void save(at);
            }}
          >
            {api.pending ? 'Saving…' : 'Apply mine on top'}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form
      className="mt-2 space-y-3 rounded-md border border-stone-200 bg-stone-50 p-3"
      aria-label="Edit annotation"
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(event) => {
        event.preventDefault();
        void save(version);
      }}
    >
      {annotation.kind === 'claim' && (
        <StatementField
          id={`${id}-statement`}
          label="Statement"
          value={draft.statement}
          onChange={(value) => set('statement', value)}
          errors={fieldErrors(api.error, 'claim.statement')}
          showProblems={hasTried}
        />
      )}
      {annotation.kind === 'probability' && (
        <PercentInput id={`${id}-value`} label="Probability" value={draft.value} onChange={(v) => set('value', v)} errors={fieldErrors(api.error, 'probability.value')} />
      )}
      {annotation.kind === 'evidence' && (
        <>
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">Stance</legend>
            <div className="mt-1 flex gap-4 text-sm">
              {(['for', 'against'] as const).map((s) => (
                <label key={s} className="inline-flex items-center gap-2">
                  <input type="radio" name={`${id}-stance`} checked={draft.stance === s} onChange={() => set('stance', s)} className="size-4 accent-stone-800" />
                  {s}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend className="text-sm font-medium text-stone-800">Strength</legend>
            <div className="mt-1 flex gap-4 text-sm">
              {([1, 2, 3] as const).map((s) => (
                <label key={s} className="inline-flex items-center gap-2">
                  <input type="radio" name={`${id}-strength`} checked={draft.strength === s} onChange={() => set('strength', s)} className="size-4 accent-stone-800" />
                  {strengthLabels[s]}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor={`${id}-source`} className="block text-sm font-medium text-stone-800">
              Source URL
            </label>
            <input
              id={`${id}-source`}
              type="url"
              value={draft.source}
              onChange={(e) => set('source', e.target.value)}
              aria-invalid={err('evidence.source')?.length ? true : undefined}
              aria-describedby={err('evidence.source')?.length ? `${id}-source-error` : undefined}
              className={`mt-1 ${inputStyles} text-sm`}
            />
            {err('evidence.source')?.length ? (
              <p id={`${id}-source-error`} className="mt-1 text-sm font-medium text-red-700">
                {err('evidence.source')?.map((m) => fieldMessage('Source', m)).join('. ')}
              </p>
            ) : null}
          </div>
        </>
      )}
      {annotation.kind === 'crux' && (
        <fieldset>
          <legend className="text-sm font-medium text-stone-800">If this is true, “{annotation.crux?.forClaim.statement}” becomes</legend>
          <div className="mt-1 flex gap-4 text-sm">
            {(['more', 'less'] as const).map((d) => (
              <label key={d} className="inline-flex items-center gap-2">
                <input type="radio" name={`${id}-direction`} checked={draft.direction === d} onChange={() => set('direction', d)} className="size-4 accent-stone-800" />
                {d} likely
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div>
        <p className="text-sm font-medium text-stone-800">Rationale</p>
        <div className="mt-1">
          <RichTextEditor value={draft.body} onChange={(doc) => set('body', doc)} label="Rationale" onSubmit={() => void save(version)} onCancel={onCancel} />
        </div>
        {err('body')?.length ? <p className="mt-1 text-sm font-medium text-red-700">{err('body')?.map((m) => fieldMessage('Rationale', m)).join('. ')}</p> : null}
      </div>
      <FormError error={api.error} shownFields={['claim.statement', 'probability.value', 'evidence.source', 'body']} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonStyles.primary} disabled={api.pending || !hasChanges}>
          {api.pending ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
