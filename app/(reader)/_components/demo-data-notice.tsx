// A notice where the demo preset's generated data is: on a workspace's pages when it holds some, and on a
// document's pages only when the generated reviewers annotated that document (not on one imported since), so nobody
// mistakes the generated reviewers' credences for real readers' opinions.
import { documentHasDemoData, workspaceHasDemoData } from '@/lib/demo/queries';

export async function DemoDataNotice({ workspaceId, documentId }: { workspaceId: string; documentId?: string }) {
  const isShown = documentId === undefined ? await workspaceHasDemoData(workspaceId) : await documentHasDemoData({ workspaceId, documentId });
  if (!isShown) return null;
  return (
    <p role="note" data-testid="demo-data-notice" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <strong className="font-semibold">Generated demo data.</strong> The reviewers marked “(demo)” and everything they wrote (each text starts
      with “[Generated demo]”) were generated to show the disagreement map; they are not real readers’ views.
    </p>
  );
}
