// Form building blocks shared by every page: labelled inputs that show their API field messages
// (aria-invalid, aria-describedby), the form-level error alert, and the button styles.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import type { ApiFailure } from './api-client';

const focusRing = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';

export const buttonStyles = {
  primary: `inline-flex min-h-11 items-center justify-center rounded-md bg-stone-900 px-4 py-2 text-sm font-medium text-white hover:bg-stone-700 disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`,
  secondary: `inline-flex min-h-11 items-center justify-center rounded-md border border-stone-300 bg-white px-4 py-2 text-sm font-medium text-stone-800 hover:border-stone-500 hover:bg-stone-50 disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`,
  danger: `inline-flex min-h-11 items-center justify-center rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:border-red-500 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`,
  dangerSolid: `inline-flex min-h-11 items-center justify-center rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:cursor-not-allowed disabled:opacity-60 ${focusRing}`,
  /** a button that reads as a link; 44 px tall on touch screens (below lg) */
  link: `rounded text-blue-700 underline-offset-2 hover:underline max-lg:inline-flex max-lg:min-h-11 max-lg:min-w-11 max-lg:items-center ${focusRing}`,
} as const;

export const inputStyles = `block min-h-11 w-full rounded-md border border-stone-300 bg-white px-3 py-2 text-base text-stone-900 shadow-xs placeholder:text-stone-400 aria-invalid:border-red-600 ${focusRing}`;

/** "must not be empty" reads as "Name must not be empty"; a full sentence stays as it is. */
export function fieldMessage(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

function describedBy(id: string, hint: ReactNode, errors: string[] | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function FieldFeedback({ id, label, hint, errors }: { id: string; label: string; hint?: ReactNode; errors?: string[] }) {
  return (
    <>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-stone-600">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {errors.map((m) => fieldMessage(label, m)).join('. ')}
        </p>
      ) : null}
    </>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
};

export function TextField({ id, label, hint, errors, className, ...input }: TextFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <input
        id={id}
        {...input}
        className={`mt-1 ${inputStyles}`}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      />
      <FieldFeedback id={id} label={label} hint={hint} errors={errors} />
    </div>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  id: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  children: ReactNode;
};

export function SelectField({ id, label, hint, errors, className, children, ...select }: SelectFieldProps) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <select
        id={id}
        {...select}
        className={`mt-1 ${inputStyles}`}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(id, hint, errors)}
      >
        {children}
      </select>
      <FieldFeedback id={id} label={label} hint={hint} errors={errors} />
    </div>
  );
}

/**
 * The message of a failed call, announced to screen readers. Field messages that no input on the form shows
 * (`shownFields` lists the ones that are) are listed here, so nothing the API said goes unseen.
 */
export function FormError({ error, shownFields = [] }: { error: ApiFailure | null; shownFields?: string[] }) {
  if (!error) return null;
  const others = Object.entries(error.fields).filter(([key]) => !shownFields.includes(key));
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      <p className="font-medium">{error.message}</p>
      {others.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {others.map(([key, messages]) => (
            <li key={key}>{messages.map((m) => fieldMessage(key === '_' ? '' : key, m).trim()).join('. ')}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function FormSuccess({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
      {children}
    </p>
  );
}

export const fieldErrors = (error: ApiFailure | null, key: string): string[] | undefined => error?.fields[key];
