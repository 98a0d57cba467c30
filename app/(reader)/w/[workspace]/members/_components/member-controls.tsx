'use client';
// Owners: change a member's role (PATCH) or remove them (DELETE). Anyone: leave the workspace. The API's 409
// (the last owner cannot leave or be demoted) is shown beside the controls.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { ConfirmAction } from '@/app/_components/confirm-action';
import { FormError, buttonStyles, inputStyles } from '@/app/_components/form-controls';
import { roleLabels } from '@/app/_components/format';

type Role = 'owner' | 'reviewer' | 'observer';

const memberPath = (workspace: string, userId: string) =>
  `/api/v1/workspaces/${encodeURIComponent(workspace)}/members/${encodeURIComponent(userId)}`;

export function MemberRoleForm({ workspace, member }: { workspace: string; member: { userId: string; name: string; role: Role } }) {
  const router = useRouter();
  const api = useApiCall();
  const [role, setRole] = useState<Role>(member.role);
  const selectId = `role-${member.userId}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = await api.run(memberPath(workspace, member.userId), { method: 'PATCH', body: { role } });
    if (result.ok) router.refresh();
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="space-y-2">
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={selectId} className="sr-only">
            Role of {member.name}
          </label>
          <select
            id={selectId}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className={`${inputStyles} min-h-11 w-auto py-1.5 text-sm`}
            aria-invalid={api.error ? true : undefined}
            aria-describedby={api.error ? `${selectId}-error` : undefined}
          >
            {(Object.keys(roleLabels) as Role[]).map((r) => (
              <option key={r} value={r}>
                {roleLabels[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonStyles.secondary} disabled={api.pending || role === member.role}>
          {api.pending ? 'Saving…' : 'Change role'}
        </button>
      </div>
      <div id={`${selectId}-error`}>
        <FormError error={api.error} />
      </div>
    </form>
  );
}

export function RemoveMemberButton({ workspace, member }: { workspace: string; member: { userId: string; name: string } }) {
  const router = useRouter();
  const api = useApiCall();
  return (
    <div className="space-y-2">
      <ConfirmAction
        label="Remove"
        accessibleLabel={`Remove ${member.name}`}
        question={`Remove ${member.name} from this workspace?`}
        confirmLabel="Remove"
        pendingLabel="Removing…"
        pending={api.pending}
        onConfirm={async () => {
          const result = await api.run(memberPath(workspace, member.userId), { method: 'DELETE' });
          if (result.ok) router.refresh();
        }}
      />
      <FormError error={api.error} />
    </div>
  );
}

export function LeaveWorkspaceButton({ workspace, userId, workspaceName }: { workspace: string; userId: string; workspaceName: string }) {
  const router = useRouter();
  const api = useApiCall();
  return (
    <div className="space-y-2">
      <ConfirmAction
        label="Leave workspace"
        question={`Leave ${workspaceName}? You will need a new invite to come back.`}
        confirmLabel="Leave"
        pendingLabel="Leaving…"
        pending={api.pending}
        onConfirm={async () => {
          const result = await api.run(memberPath(workspace, userId), { method: 'DELETE' });
          if (!result.ok) return;
          router.push('/');
          router.refresh();
        }}
      />
      <FormError error={api.error} />
    </div>
  );
}
