'use client';
// Assigning the document to a member (with an optional due date) and taking an assignment back; the page
// reloads its numbers after each.
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, FormSuccess } from '@/app/_components/form-controls';

const button = 'rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium text-stone-800 hover:bg-stone-50 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';

export function AssignForm({ workspace, document, members }: { workspace: string; document: string; members: { id: string; name: string }[] }) {
  const api = useApiCall();
  const router = useRouter();
  const [userId, setUserId] = useState(members[0]?.id ?? '');
  const [due, setDue] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const memberId = useId();
  const dueId = useId();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setDone(null);
    // a date alone: due at the end of that day (UTC)
    const dueAt = due ? new Date(`${due}T23:59:59.000Z`).toISOString() : undefined;
    const result = await api.run(`/api/v1/workspaces/${workspace}/assignments`, { method: 'POST', body: { document, userId, ...(dueAt ? { dueAt } : {}) } });
    if (result.ok) {
      setDone(`Assigned to ${members.find((m) => m.id === userId)?.name ?? 'the member'}.`);
      router.refresh();
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="mt-3 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor={memberId} className="block text-sm font-medium">
          Reviewer
        </label>
        <select id={memberId} value={userId} onChange={(e) => setUserId(e.target.value)} className="mt-1 rounded border border-stone-300 px-2 py-1.5 text-sm">
          {members.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={dueId} className="block text-sm font-medium">
          Due (optional)
        </label>
        <input id={dueId} type="date" value={due} onChange={(e) => setDue(e.target.value)} className="mt-1 rounded border border-stone-300 px-2 py-1 text-sm" />
      </div>
      <button type="submit" className={button} disabled={api.pending || !userId}>
        Assign
      </button>
      <div className="w-full">
        <FormError error={api.error} />
        {done && <FormSuccess>{done}</FormSuccess>}
      </div>
    </form>
  );
}

export function UnassignButton({ workspace, document, userId, name }: { workspace: string; document: string; userId: string; name: string }) {
  const api = useApiCall();
  const router = useRouter();
  return (
    <button
      type="button"
      className="rounded px-1.5 py-0.5 text-xs text-stone-700 underline hover:bg-stone-100 disabled:opacity-50"
      disabled={api.pending}
      onClick={() =>
        void api.run(`/api/v1/workspaces/${workspace}/assignments`, { method: 'DELETE', body: { document, userId } }).then((result) => {
          if (result.ok) router.refresh();
        })
      }
    >
      Unassign<span className="sr-only"> {name}</span>
    </button>
  );
}
