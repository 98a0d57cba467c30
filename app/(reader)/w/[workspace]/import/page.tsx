// Owners: import a text (a file read in the browser, or pasted), see the normalized document and the importer's
// warnings, then save it as a document (or a new version of one).
import type { Metadata } from 'next';
import { ForbiddenNotice } from '../_components/forbidden-notice';
import { memberContext } from '../_components/workspace-access';
import { WorkspaceNav } from '../_components/workspace-nav';
import { ImportForm } from './_components/import-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import a text' };

type Props = { params: Promise<{ workspace: string }> };

export default async function ImportPage({ params }: Props) {
  const { workspace } = await params;
  const ctx = await memberContext(workspace, `/w/${workspace}/import`);
  if (!ctx.can.importDocuments) {
    return <ForbiddenNotice workspace={ctx.workspace} role={ctx.role} current="import" message="Only workspace owners can import documents." />;
  }
  return (
    <div className="mx-auto max-w-4xl px-4 py-8">
      <WorkspaceNav workspace={ctx.workspace} role={ctx.role} current="import" />
      <h1 className="text-2xl font-semibold tracking-tight">Import a text</h1>
      <p className="mt-1 text-stone-600">
        Plain text, Markdown or HTML. Cruxmap splits it into headings, paragraphs, list items, quotes and footnotes, and tells
        you what it had to guess. Check the preview before saving. Importing a changed text at the same address adds a new
        version and keeps the old ones.
      </p>
      <ImportForm workspace={ctx.workspace.slug} />
    </div>
  );
}
