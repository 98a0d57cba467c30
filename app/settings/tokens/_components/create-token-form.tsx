'use client';
// POST /api/v1/tokens {name, expiresInDays?}; the token comes back once and is shown once, with Copy.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { CopyButton } from '@/app/_components/copy-button';
import { FormError, TextField, buttonStyles, fieldErrors, inputStyles } from '@/app/_components/form-controls';

type Created = { token: string; apiToken: { name: string } };

export function CreateTokenForm({ origin }: { origin: string }) {
  const router = useRouter();
  const api = useApiCall();
  const [name, setName] = useState('');
  const [days, setDays] = useState('');
  const [created, setCreated] = useState<Created | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmedDays = days.trim();
    if (trimmedDays !== '' && !/^\d+$/.test(trimmedDays)) {
      api.setError({ status: 400, code: 'BAD_REQUEST', message: 'Check the highlighted fields.', fields: { expiresInDays: ['must be a whole number of days'] } });
      return;
    }
    setCreated(null);
    const result = await api.run<Created>('/api/v1/tokens', {
      method: 'POST',
      body: { name, ...(trimmedDays !== '' ? { expiresInDays: Number(trimmedDays) } : {}) },
    });
    if (!result.ok) return;
    setCreated(result.data);
    setName('');
    setDays('');
    router.refresh();
  }

  return (
    <div className="space-y-5">
      <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
        <FormError error={api.error} shownFields={['name', 'expiresInDays']} />
        <div className="flex flex-wrap items-start gap-4">
          <TextField
            id="token-name"
            label="Name"
            required
            maxLength={80}
            hint="What uses it, e.g. “export script”."
            value={name}
            onChange={(e) => setName(e.target.value)}
            errors={fieldErrors(api.error, 'name')}
            className="min-w-0 flex-1 basis-60"
          />
          <TextField
            id="token-days"
            label="Expires after (days, optional)"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            hint="Empty: never expires."
            value={days}
            onChange={(e) => setDays(e.target.value)}
            errors={fieldErrors(api.error, 'expiresInDays')}
            className="w-56"
          />
        </div>
        <button type="submit" className={buttonStyles.primary} disabled={api.pending}>
          {api.pending ? 'Creating…' : 'Create token'}
        </button>
      </form>

      {created && (
        <div className="rounded-lg border border-emerald-300 bg-emerald-50 p-4" role="status" aria-live="polite">
          <h3 className="font-medium text-emerald-950">Token “{created.apiToken.name}” created</h3>
          <label htmlFor="new-token" className="mt-3 block text-sm font-medium text-emerald-950">
            Your new token
          </label>
          <div className="mt-1 flex flex-wrap gap-2 sm:flex-nowrap">
            <input id="new-token" readOnly value={created.token} onFocus={(e) => e.currentTarget.select()} className={`${inputStyles} font-mono text-sm`} />
            <CopyButton value={created.token} targetId="new-token" />
          </div>
          <p className="mt-2 text-sm font-medium text-amber-900">Copy it now: you will not see it again. Cruxmap keeps only a fingerprint of it.</p>
          <p className="mt-2 text-sm text-emerald-900">
            Try it: <code className="break-all">{`curl -H "Authorization: Bearer ${created.token}" ${origin}/api/v1/workspaces`}</code>
          </p>
          <button type="button" className={`mt-3 ${buttonStyles.secondary}`} onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}
