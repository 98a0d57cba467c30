'use client';
// "Rate it" in place: a probability from 0 to 100% posted as a probability annotation on the claim (it sits on
// the claim's own text). Checked where it is typed: 150% is refused with a message, never clamped.
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { buttonStyles, FormError, FormSuccess, inputStyles } from '@/app/_components/form-controls';
import { parsePercent } from '@/lib/claims/percent';

export function RateClaim({ apiPath, claimId, myCredence }: { apiPath: string; claimId: string; myCredence: number | null }) {
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState(myCredence === null ? '' : String(Math.round(myCredence * 1000) / 10));
  const [localError, setLocalError] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const { pending, error, run } = useApiCall();
  const fieldError = localError ?? error?.fields['probability.value']?.join('. ') ?? null;

  async function submit() {
    const parsed = parsePercent(text);
    if ('error' in parsed) {
      setLocalError(parsed.error);
      return;
    }
    setLocalError(null);
    const result = await run(apiPath, { method: 'POST', body: { kind: 'probability', probability: { claimId, value: parsed.value } } });
    if (result.ok) {
      setSaved(parsed.value);
      router.refresh();
    }
  }

  return (
    <form
      className="mt-4 rounded-md border border-stone-200 bg-stone-50 p-3"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${id}-title`} className="font-medium text-stone-800">
        {myCredence === null ? 'Rate it' : 'Change your rating'}
      </h3>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={id} className="block text-sm text-stone-700">
            Your probability that it is true (0–100%)
          </label>
          <input
            id={id}
            inputMode="decimal"
            value={text}
            className={`mt-1 w-32 ${inputStyles}`}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${id}-error` : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setLocalError(null);
              setSaved(null);
            }}
          />
        </div>
        <button type="submit" className={buttonStyles.primary} disabled={pending}>
          {pending ? 'Saving…' : 'Save rating'}
        </button>
      </div>
      {fieldError ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {fieldError}
        </p>
      ) : null}
      <div className="mt-2">
        <FormError error={error} shownFields={['probability.value']} />
        {saved !== null && !error ? <FormSuccess>Saved: {Math.round(saved * 1000) / 10}%.</FormSuccess> : null}
      </div>
    </form>
  );
}
