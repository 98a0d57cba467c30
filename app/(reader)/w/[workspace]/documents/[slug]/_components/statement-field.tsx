'use client';
// A claim statement as it is typed: a live count against the limit, and what is wrong said at the field before
// anything is sent (too long, empty). Nothing typed or pasted is cut: the text stays as it is until it is fixed.
import { fieldMessage, inputStyles } from '@/app/_components/form-controls';
import { statementProblem } from '@/lib/annotations/input-checks';
import { STATEMENT_MAX } from '@/lib/annotations/limits';

export function StatementField({
  id,
  label,
  value,
  onChange,
  errors,
  showProblems,
  onEnter,
  rows = 3,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** the API's messages for the field */
  errors?: string[];
  /** also "must not be empty" (after a try to save); "too long" always shows */
  showProblems: boolean;
  /** Enter (without Shift) in the field */
  onEnter?: () => void;
  rows?: number;
}) {
  const length = value.trim().length;
  const isOver = length > STATEMENT_MAX;
  const problem = statementProblem(value);
  const messages = [...(problem && (isOver || showProblems) ? [problem] : []), ...(errors ?? [])];
  const countId = `${id}-count`;
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <textarea
        id={id}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // Enter saves; Shift+Enter is a space in a one-line statement.
          if (onEnter && event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            onEnter();
          }
        }}
        aria-invalid={messages.length > 0 ? true : undefined}
        aria-describedby={`${countId}${messages.length > 0 ? ` ${errorId}` : ''}`}
        className={`mt-1 ${inputStyles} text-sm`}
      />
      <p id={countId} className={`mt-1 text-xs ${isOver ? 'font-semibold text-red-700' : 'text-stone-500'}`} aria-live={isOver ? 'polite' : undefined}>
        {length} / {STATEMENT_MAX} characters
      </p>
      {messages.length > 0 ? (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {messages.map((m) => fieldMessage(label, m)).join('. ')}
        </p>
      ) : null}
    </div>
  );
}
