// Create a workspace; its creator becomes its owner and goes on to its settings.
import type { Metadata } from 'next';
import { NewWorkspaceForm } from './_components/new-workspace-form';
import { requireSignedIn } from '../[workspace]/_components/workspace-access';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'New workspace' };

export default async function NewWorkspacePage() {
  await requireSignedIn('/w/new');
  return (
    <div className="mx-auto max-w-xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">New workspace</h1>
      <p className="mt-2 text-stone-600">
        A workspace holds a library of texts and the people who read and annotate them. You will be its owner; it starts
        private, and you can invite people next.
      </p>
      <div className="mt-6 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
        <NewWorkspaceForm />
      </div>
    </div>
  );
}
