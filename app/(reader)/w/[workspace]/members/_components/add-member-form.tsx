'use client';
// Owners: invite someone by their email (POST invites {kind:"email"}); they accept or decline. The answer is the
// same whether or not the address has an account.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, FormSuccess, SelectField, TextField, buttonStyles, fieldErrors } from '@/app/_components/form-controls';
import { roleLabels } from '@/app/_components/format';

type Role = 'owner' | 'reviewer' | 'observer';
type Invited = { kind: 'email'; invitation: { email: string; role: Role }; emailSent: boolean };

export function AddMemberForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const api = useApiCall();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('reviewer');
  const [added, setAdded] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAdded(null);
    const result = await api.run<Invited>(`/api/v1/workspaces/${encodeURIComponent(workspace)}/invites`, {
      method: 'POST',
      body: { kind: 'email', role, email },
    });
    if (!result.ok) return;
    const { invitation, emailSent } = result.data;
    setAdded(
      `Invited ${invitation.email} as ${roleLabels[invitation.role].toLowerCase()}${emailSent ? ' and emailed them' : ''}. ` +
        'They join once they accept, from their workspaces page.',
    );
    setEmail('');
    router.refresh();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
      <FormError error={api.error} shownFields={['email', 'role']} />
      {added && <FormSuccess>{added}</FormSuccess>}
      <div className="flex flex-wrap items-start gap-3">
        <TextField
          id="add-member-email"
          label="Email"
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={fieldErrors(api.error, 'email')}
          className="min-w-0 flex-1 basis-64"
        />
        <SelectField id="add-member-role" label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)} errors={fieldErrors(api.error, 'role')}>
          {(Object.keys(roleLabels) as Role[]).map((r) => (
            <option key={r} value={r}>
              {roleLabels[r]}
            </option>
          ))}
        </SelectField>
      </div>
      <button type="submit" className={buttonStyles.primary} disabled={api.pending}>
        {api.pending ? 'Inviting…' : 'Invite'}
      </button>
    </form>
  );
}
