// Seeding for `npm start`: the bundled corpus in "AI alignment reading group" and, on the embedded database
// (or with CRUXMAP_DEMO=1), the demo account as the workspace's owner and the generated demo annotations
// (lib/demo) that fill the disagreement map. Safe to run on every start: each part is added once.
import { operatorActor, workspaceContext } from '../lib/context/context';
import { loadDemoPreset, type DemoReport } from '../lib/demo/generate';
import type { ImportResult } from '../lib/documents/mutations';
import { loadBundledCorpus, readBundledManifest } from '../lib/documents/bundled-corpus';
import { ensureUser } from '../lib/users/mutations';
import { ensureWorkspace } from '../lib/workspaces/mutations';
import { setMembership } from '../lib/workspaces/mutations';

export const DEMO_ACCOUNT = { email: 'demo@cruxmap.local', password: 'cruxmap-demo', name: 'Demo Reviewer' } as const;

export type SeedReport = {
  workspaceSlug: string;
  documents: ImportResult[];
  demoAccount: 'created' | 'exists' | 'skipped';
  demoData: DemoReport | null;
};

export async function seed({
  withDemoAccount,
  withDemoData = withDemoAccount,
  onProgress,
  onDemoProgress,
}: {
  withDemoAccount: boolean;
  /** the generated demo data, owned by the demo account (default: with the demo account) */
  withDemoData?: boolean;
  onProgress?: (result: ImportResult, index: number, total: number) => void;
  onDemoProgress?: (done: number, total: number, document: string) => void;
}): Promise<SeedReport> {
  const manifest = await readBundledManifest();
  const { workspace } = await ensureWorkspace(manifest.workspace);
  // seeding acts as the operator (audit entries record no user)
  const ctx = workspaceContext(operatorActor, workspace, null);
  const documents = await loadBundledCorpus({ ctx, onProgress });
  let demoAccount: SeedReport['demoAccount'] = 'skipped';
  let demoData: DemoReport | null = null;
  if (withDemoAccount) {
    const user = await ensureUser({ input: DEMO_ACCOUNT });
    await setMembership({ ctx, userId: user.id, role: 'owner' });
    demoAccount = user.created ? 'created' : 'exists';
    if (withDemoData) demoData = await loadDemoPreset({ workspaceId: workspace.id, ownerId: user.id, onProgress: onDemoProgress });
  }
  return { workspaceSlug: workspace.slug, documents, demoAccount, demoData };
}
