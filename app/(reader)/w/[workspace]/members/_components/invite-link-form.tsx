'use client';
// Owners: create an invite link (role, how many people, how long) and see it exactly once, with a Copy button.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useApiCall, type ApiFailure } from '@/app/_components/api-client';
import { CopyButton } from '@/app/_components/copy-button';
import { FormError, SelectField, TextField, buttonStyles, fieldErrors, inputStyles } from '@/app/_components/form-controls';
import { formatDate, roleDescriptions, roleLabels } from '@/app/_components/format';

type Role = 'owner' | 'reviewer' | 'observer';
type Uses = 'single' | 'limited' | 'unlimited';
type CreatedLink = { kind: 'link'; url: string; invite: { role: Role; maxUses: number | null; expiresAt: string } };

const usesOptions: { value: Uses; label: string }[] = [
  { value: 'single', label: 'One person (single use)' },
  { value: 'limited', label: 'Up to a number of people' },
  { value: 'unlimited', label: 'Any number of people until it expires' },
];

const wholeNumber = (value: string): number | null => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : null);

function usesSummary(maxUses: number | null): string {
  if (maxUses === null) return 'any number of people';
  return maxUses === 1 ? 'single use' : `up to ${maxUses} people`;
}

export function InviteLinkForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const api = useApiCall();
  const [role, setRole] = useState<Role>('reviewer');
  const [uses, setUses] = useState<Uses>('single');
  const [maxUses, setMaxUses] = useState('5');
  const [days, setDays] = useState('7');
  const [created, setCreated] = useState<CreatedLink | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const expiresInDays = wholeNumber(days);
    const limit = wholeNumber(maxUses);
    const problems: ApiFailure['fields'] = {};
    if (expiresInDays === null || expiresInDays < 1 || expiresInDays > 30) problems.expiresInDays = ['must be a whole number of days from 1 to 30'];
    if (uses === 'limited' && (limit === null || limit < 2 || limit > 1000)) problems.maxUses = ['must be a whole number from 2 to 1000'];
    if (Object.keys(problems).length > 0) {
      api.setError({ status: 400, code: 'BAD_REQUEST', message: 'Check the highlighted fields.', fields: problems });
      return;
    }
    setCreated(null);
    const result = await api.run<CreatedLink>(`/api/v1/workspaces/${encodeURIComponent(workspace)}/invites`, {
      method: 'POST',
      body: { kind: 'link', role, maxUses: uses === 'single' ? 1 : uses === 'limited' ? limit : null, expiresInDays },
    });
    if (!result.ok) return;
    setCreated(result.data);
    router.refresh();
  }

  return (
    <div className="space-y-5">
      <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
        <FormError error={api.error} shownFields={['role', 'maxUses', 'expiresInDays']} />
        <SelectField
          id="invite-role"
          label="Role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          hint={`${role === 'owner' ? 'An' : 'A'} ${roleLabels[role].toLowerCase()} ${roleDescriptions[role]}.`}
          errors={fieldErrors(api.error, 'role')}
          className="max-w-xs"
        >
          {(Object.keys(roleLabels) as Role[]).map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </SelectField>
        <fieldset aria-describedby={fieldErrors(api.error, 'maxUses') ? 'invite-max-uses-error' : undefined}>
          <legend className="text-sm font-medium text-stone-800">Who can use it</legend>
          <div className="mt-2 space-y-2">
            {usesOptions.map((option) => (
              <label key={option.value} className="flex items-center gap-2 text-sm">
                <input type="radio" name="invite-uses" value={option.value} checked={uses === option.value} onChange={() => setUses(option.value)} className="size-4 accent-stone-900" />
                {option.label}
              </label>
            ))}
          </div>
          {uses === 'limited' && (
            <div className="mt-2 ml-6 max-w-40">
              <label htmlFor="invite-max-uses" className="block text-sm font-medium text-stone-800">
                Number of people
              </label>
              <input
                id="invite-max-uses"
                type="number"
                inputMode="numeric"
                min={2}
                max={1000}
                value={maxUses}
                onChange={(e) => setMaxUses(e.target.value)}
                className={`mt-1 ${inputStyles}`}
                aria-invalid={fieldErrors(api.error, 'maxUses') ? true : undefined}
                aria-describedby={fieldErrors(api.error, 'maxUses') ? 'invite-max-uses-error' : undefined}
              />
            </div>
          )}
          {fieldErrors(api.error, 'maxUses') && (
            <p id="invite-max-uses-error" className="mt-1 text-sm font-medium text-red-700">
              Number of people {fieldErrors(api.error, 'maxUses')?.join('. ')}
            </p>
          )}
        </fieldset>
        <TextField
          id="invite-days"
          label="Expires after (days)"
          type="number"
          inputMode="numeric"
          min={1}
          max={30}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          hint="From 1 to 30 days."
          errors={fieldErrors(api.error, 'expiresInDays')}
          className="max-w-40"
        />
        <button type="submit" className={buttonStyles.primary} disabled={api.pending}>
          {api.pending ? 'Creating…' : 'Create invite link'}
        </button>
      </form>

      {created && (
        <div className="rounded-lg border border-emerald-300 bg-emerald-50 p-4" role="status" aria-live="polite">
          <h3 className="font-medium text-emerald-950">Invite link created</h3>
          <p className="mt-1 text-sm text-emerald-900">
            For {created.invite.role === 'owner' ? 'an' : 'a'} {roleLabels[created.invite.role].toLowerCase()}, {usesSummary(created.invite.maxUses)},
            expires on {formatDate(created.invite.expiresAt)}.
          </p>
          <label htmlFor="invite-link-url" className="mt-3 block text-sm font-medium text-emerald-950">
            Invite link
          </label>
          <div className="mt-1 flex flex-wrap gap-2 sm:flex-nowrap">
            <input id="invite-link-url" readOnly value={created.url} onFocus={(e) => e.currentTarget.select()} className={`${inputStyles} font-mono text-sm`} />
            <CopyButton value={created.url} targetId="invite-link-url" />
          </div>
          <p className="mt-2 text-sm font-medium text-amber-900">
            Copy it now: this link will not be shown again. Anyone who has it can join until it is used up, expires or is revoked.
          </p>
          <button type="button" className={`mt-3 ${buttonStyles.secondary}`} onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
    </div>
  );
}
