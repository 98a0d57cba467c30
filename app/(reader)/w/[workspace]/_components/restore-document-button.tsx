'use client';
// Owners: bring an archived document back into the library (PATCH archived: false).
import { useRouter } from 'next/navigation';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, buttonStyles } from '@/app/_components/form-controls';

export function RestoreDocumentButton({ workspace, document, title }: { workspace: string; document: string; title: string }) {
  const router = useRouter();
  const api = useApiCall();
  async function restore() {
    const result = await api.run(`/api/v1/workspaces/${encodeURIComponent(workspace)}/documents/${encodeURIComponent(document)}`, {
      method: 'PATCH',
      body: { archived: false },
    });
    if (result.ok) router.refresh();
  }
  return (
    <div>
      <button type="button" className={buttonStyles.secondary} disabled={api.pending} onClick={() => void restore()} aria-label={`Restore ${title}`}>
        {api.pending ? 'Restoring…' : 'Restore'}
      </button>
      <FormError error={api.error} />
    </div>
  );
}
