// A workspace's library.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LibraryList } from '../../_components/library-list';
import { getLibrary, type Library } from '@/lib/documents/queries';
import { getSessionUser } from '@/lib/auth/viewer';
import { AppError } from '@/lib/errors';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ workspace: string }> };

async function loadLibrary(workspaceSlug: string): Promise<Library> {
  try {
    const user = await getSessionUser();
    return await getLibrary({ userId: user?.id ?? null, workspace: workspaceSlug });
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { workspace } = await params;
  return { title: (await loadLibrary(workspace)).workspace.name };
}

export default async function WorkspaceLibraryPage({ params }: Props) {
  const { workspace } = await params;
  const library = await loadLibrary(workspace);
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">{library.workspace.name}</h1>
      <LibraryList library={library} />
    </div>
  );
}
