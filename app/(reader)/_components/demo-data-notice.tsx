// A notice on the pages of a workspace that holds the demo preset's generated data: nobody should mistake the
// generated reviewers' credences for real readers' opinions.
import { workspaceHasDemoData } from '@/lib/demo/queries';

export async function DemoDataNotice({ workspaceId }: { workspaceId: string }) {
  if (!(await workspaceHasDemoData(workspaceId))) return null;
  return (
    <p role="note" data-testid="demo-data-notice" className="mt-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <strong className="font-semibold">Generated demo data.</strong> The reviewers marked “(demo)” and everything they wrote (each text starts
      with “[Generated demo]”) were generated to show the disagreement map; they are not real readers’ views.
    </p>
  );
}
