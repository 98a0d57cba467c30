'use client';
// Owners: POST /api/v1/workspaces/:ws/corpus loads the five bundled texts (unchanged ones change nothing).
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, FormSuccess, buttonStyles } from '@/app/_components/form-controls';

type CorpusResult = { items: { status: 'created' | 'updated' | 'unchanged' }[] };

export function AddCorpusButton({ workspace }: { workspace: string }) {
  const router = useRouter();
  const api = useApiCall();
  const [done, setDone] = useState<string | null>(null);

  async function add() {
    setDone(null);
    const result = await api.run<CorpusResult>(`/api/v1/workspaces/${encodeURIComponent(workspace)}/corpus`, { method: 'POST' });
    if (!result.ok) return;
    const count = (status: string) => result.data.items.filter((i) => i.status === status).length;
    setDone(`Bundled corpus: ${count('created')} added, ${count('updated')} updated, ${count('unchanged')} already here.`);
    router.refresh();
  }

  return (
    <>
      <button type="button" className={buttonStyles.secondary} disabled={api.pending} onClick={() => void add()}>
        {api.pending ? 'Adding the corpus…' : 'Add the bundled corpus'}
      </button>
      {(api.error || done) && (
        <div className="basis-full">
          <FormError error={api.error} />
          {done && <FormSuccess>{done}</FormSuccess>}
        </div>
      )}
    </>
  );
}
