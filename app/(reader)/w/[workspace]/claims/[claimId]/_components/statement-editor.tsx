'use client';
// The claim's statement as the page's heading; its creator or an owner rewords it in place. Over-long text is
// refused where it is typed (never cut), and a stale version (someone else edited first) says so.
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { buttonStyles, fieldMessage, FormError, inputStyles } from '@/app/_components/form-controls';
import { STATEMENT_MAX } from '@/lib/annotations/limits';

export function StatementEditor({ apiPath, statement, version, canEdit }: { apiPath: string; statement: string; version: number; canEdit: boolean }) {
  const router = useRouter();
  const id = useId();
  const [isEditing, setIsEditing] = useState(false);
  const [draft, setDraft] = useState(statement);
  const [localError, setLocalError] = useState<string | null>(null);
  const { pending, error, run, clearError } = useApiCall();

  const trimmed = draft.trim();
  const tooLong = trimmed.length > STATEMENT_MAX;
  const message = localError ?? (error?.fields.statement ? error.fields.statement.map((m) => fieldMessage('Statement', m)).join('. ') : null);

  async function save() {
    if (trimmed === '') return setLocalError('Statement must not be empty.');
    if (tooLong) return setLocalError(`Statement must be at most ${STATEMENT_MAX} characters; it has ${trimmed.length}. Shorten it — nothing is cut.`);
    setLocalError(null);
    const result = await run(apiPath, { method: 'PATCH', body: { statement: trimmed, version } });
    if (result.ok) {
      setIsEditing(false);
      router.refresh();
    }
  }

  if (!isEditing) {
    return (
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="flex-1 text-2xl font-semibold text-stone-900" data-testid="claim-statement">
          {statement}
        </h1>
        {canEdit ? (
          <button type="button" className={buttonStyles.secondary} onClick={() => { setDraft(statement); clearError(); setIsEditing(true); }}>
            Edit statement
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h1 className="sr-only">{statement}</h1>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        Statement
      </label>
      <textarea
        id={id}
        value={draft}
        rows={3}
        className={inputStyles}
        aria-invalid={message || tooLong ? true : undefined}
        aria-describedby={`${id}-count${message ? ` ${id}-error` : ''}`}
        onChange={(event) => {
          setDraft(event.target.value);
          setLocalError(null);
        }}
      />
      <p id={`${id}-count`} className={`text-sm ${tooLong ? 'font-medium text-red-700' : 'text-stone-600'}`}>
        {trimmed.length} of {STATEMENT_MAX} characters{tooLong ? ` — ${trimmed.length - STATEMENT_MAX} too many` : ''}
      </p>
      {message ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {message}
        </p>
      ) : null}
      <FormError error={error} shownFields={['statement']} />
      <div className="flex gap-2">
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {pending ? 'Saving…' : 'Save statement'}
        </button>
        <button type="button" className={buttonStyles.secondary} onClick={() => setIsEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
