// Members: export the workspace's annotations as a dataset (JSONL, CSV, W3C Web Annotation JSON-LD, the reviewer ×
// claim credence matrix — filtered and optionally pseudonymised — or the whole workspace as a Frictionless dataset
// package or Polis's files), with progress while it streams.
// Owners also import annotation files (W3C or Hypothesis JSON) here and see what could not be anchored.
import type { Metadata } from 'next';
import { memberContext } from '../_components/workspace-access';
import { WorkspaceNav } from '../_components/workspace-nav';
import { AnnotationImportForm } from './_components/annotation-import-form';
import { ExportForm } from './_components/export-form';
import { getLibrary } from '@/lib/documents/queries';
import { listMembers } from '@/lib/workspaces/queries';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Export and import annotations' };

type Props = { params: Promise<{ workspace: string }> };

export default async function ExportPage({ params }: Props) {
  const { workspace } = await params;
  const ctx = await memberContext(workspace, `/w/${workspace}/export`);
  const [library, members] = await Promise.all([getLibrary({ ctx }), listMembers({ ctx })]);
  const documents = library.documents.map((d) => ({ slug: d.slug, title: d.title }));
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <WorkspaceNav workspace={ctx.workspace} role={ctx.role} current="export" />
      <h1 className="text-2xl font-semibold tracking-tight">Export annotations</h1>
      <p className="mt-1 text-stone-600">
        Download what this workspace annotated, to analyse it elsewhere: one annotation per line (JSONL), a flat table (CSV), W3C
        Web Annotations (JSON-LD), the reviewer × claim matrix of current credences, a documented dataset package of every table, or
        Polis&apos;s own files for the tools built around Polis data. Large exports stream; the command line
        (<code className="text-sm">npx cruxmap export</code>) suits millions of annotations.
      </p>
      <ExportForm workspace={ctx.workspace.slug} documents={documents} authors={members.items.map((m) => ({ id: m.userId, name: m.name }))} isOwner={ctx.role === 'owner'} />
      {ctx.can.importAnnotations ? (
        <section className="mt-12 border-t border-stone-200 pt-8" aria-labelledby="import-annotations">
          <h2 id="import-annotations" className="text-xl font-semibold tracking-tight">
            Import annotations
          </h2>
          <p className="mt-1 text-stone-600">
            A W3C Web Annotation file (our own export or another tool&apos;s) or a Hypothesis JSON export. Each annotation is anchored
            by its quote on the document its address names, or on the document you choose; what cannot be anchored is listed
            below, not imported. Importing the same file again adds nothing twice.
          </p>
          <AnnotationImportForm workspace={ctx.workspace.slug} documents={documents} />
        </section>
      ) : null}
    </div>
  );
}
