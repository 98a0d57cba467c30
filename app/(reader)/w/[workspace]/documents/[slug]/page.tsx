// The reading page: a document's current version, with its structure, notes and a table of contents.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DocumentAdmin } from './_components/document-admin';
import { DocumentBody } from './_components/document-body';
import { TableOfContents } from './_components/table-of-contents';
import { getDocumentForReader, type ReaderDocument } from '@/lib/documents/queries';
import { buildReaderStructure } from '@/lib/documents/reader-structure';
import { getSessionUser } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';
import { hasRole } from '@/lib/workspaces/permissions';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string; slug: string }> };

async function loadDocument(params: Props['params']): Promise<ReaderDocument> {
  const { workspace, slug } = await params;
  try {
    const user = await getSessionUser();
    return await getDocumentForReader({ userId: user?.id ?? null, workspace, document: slug });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await loadDocument(params)).document.title };
}

export default async function DocumentPage({ params }: Props) {
  const reader = await loadDocument(params);
  const structure = buildReaderStructure(reader.passages);
  const { document, version, workspace } = reader;
  return (
    <div className="mx-auto max-w-6xl px-4 py-6 lg:grid lg:grid-cols-[16rem_minmax(0,1fr)] lg:gap-10">
      <aside className="lg:sticky lg:top-6 lg:max-h-[calc(100vh-3rem)] lg:self-start lg:overflow-y-auto">
        <Link href={`/w/${workspace.slug}`} className="text-sm text-blue-700 hover:underline">
          ← {workspace.name}
        </Link>
        {structure.toc.length > 0 && (
          <>
            {/* Phones: collapsed, so the text starts on the first screen. Wider screens: always shown. */}
            <details className="mt-4 rounded border border-stone-200 bg-white p-3 lg:hidden">
              <summary className="cursor-pointer text-xs font-semibold tracking-wide text-stone-500 uppercase">
                Contents ({structure.toc.length})
              </summary>
              <div className="mt-2">
                <TableOfContents entries={structure.toc} />
              </div>
            </details>
            <div className="mt-4 hidden lg:block">
              <p className="text-xs font-semibold tracking-wide text-stone-500 uppercase">Contents</p>
              <div className="mt-2">
                <TableOfContents entries={structure.toc} />
              </div>
            </div>
          </>
        )}
      </aside>
      <article className="mt-6 min-w-0 lg:mt-0" aria-labelledby="document-title" data-version={version.number}>
        <header className="mb-8 border-b border-stone-200 pb-4">
          <h1 id="document-title" className="font-serif text-3xl leading-tight font-semibold tracking-tight text-stone-900">
            {document.title}
          </h1>
          <p className="mt-2 text-sm text-stone-600">
            {[document.author ?? 'Author unknown', document.source].filter(Boolean).join(' · ')}
            {' · '}
            version {version.number}
            {version.versionCount > 1 ? ` of ${version.versionCount}` : ''} · {reader.passages.length} passages
          </p>
          {version.warnings.length > 0 && (
            <details className="mt-2 text-xs text-stone-500">
              <summary className="cursor-pointer">Import notes ({version.warnings.length})</summary>
              <ul className="mt-1 list-disc pl-5">
                {version.warnings.map((w, i) => (
                  <li key={i}>{w}</li>
                ))}
              </ul>
            </details>
          )}
          {hasRole(reader.role, 'owner') && (
            <DocumentAdmin workspace={workspace.slug} document={{ slug: document.slug, title: document.title, author: document.author }} />
          )}
        </header>
        <div className="max-w-[68ch]">
          <DocumentBody structure={structure} />
        </div>
      </article>
    </div>
  );
}
