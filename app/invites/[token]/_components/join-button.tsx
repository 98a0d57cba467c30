'use client';
// POST /api/v1/invites/:token, then the workspace's library.
import { useRouter } from 'next/navigation';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles } from '@/app/_components/form-controls';

type Joined = { membership: { workspace: { slug: string } } };

export function JoinButton({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const api = useApiCall();
  async function join() {
    const result = await api.run<Joined>(`/api/v1/invites/${encodeURIComponent(token)}`, { method: 'POST' });
    if (!result.ok) return;
    router.push(`/w/${result.data.membership.workspace.slug}`);
    router.refresh();
  }
  return (
    <div className="space-y-3">
      <FormError error={api.error} />
      <button type="button" className={buttonStyles.primary} disabled={api.pending} onClick={() => void join()}>
        {api.pending ? 'Joining…' : `Join ${workspaceName}`}
      </button>
    </div>
  );
}
