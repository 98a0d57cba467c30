'use client';
// Owners, on the reading page: edit the title and author (PATCH), or archive the document after confirming. Too
// long or empty is said at the field as it is typed, and nothing is sent (never cut).
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { ConfirmAction } from '@/app/_components/confirm-action';
import { FormError, FormSuccess, TextField, buttonStyles, fieldErrors } from '@/app/_components/form-controls';

/** the API's limits (lib/documents/schemas.ts) */
const TITLE_MAX = 300;
const AUTHOR_MAX = 200;

export function DocumentAdmin({ workspace, document }: { workspace: string; document: { slug: string; title: string; author: string | null } }) {
  const router = useRouter();
  const edit = useApiCall();
  const archive = useApiCall();
  const [title, setTitle] = useState(document.title);
  const [author, setAuthor] = useState(document.author ?? '');
  const [saved, setSaved] = useState(false);
  const path = `/api/v1/workspaces/${encodeURIComponent(workspace)}/documents/${encodeURIComponent(document.slug)}`;
  const changes = {
    ...(title.trim() !== document.title ? { title } : {}),
    ...(author.trim() !== (document.author ?? '') ? { author: author.trim() === '' ? null : author } : {}),
  };
  const hasChanges = Object.keys(changes).length > 0;
  const titleProblem = title.trim() === '' ? 'must not be empty' : title.trim().length > TITLE_MAX ? `must be at most ${TITLE_MAX} characters (now ${title.trim().length})` : null;
  const authorProblem = author.trim().length > AUTHOR_MAX ? `must be at most ${AUTHOR_MAX} characters (now ${author.trim().length})` : null;
  const errorsOf = (problem: string | null, field: string) => {
    const shown = [...(problem ? [problem] : []), ...(fieldErrors(edit.error, field) ?? [])];
    return shown.length > 0 ? shown : undefined;
  };

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (!hasChanges || titleProblem || authorProblem) return;
    const result = await edit.run(path, { method: 'PATCH', body: changes });
    if (!result.ok) return;
    setSaved(true);
    router.refresh();
  }

  return (
    <details className="mt-3 rounded-md border border-stone-200 bg-white text-sm">
      <summary className="cursor-pointer rounded-md px-3 py-2 font-medium max-lg:min-h-11 max-lg:content-center text-stone-700 hover:bg-stone-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600">
        Edit details
      </summary>
      <div className="space-y-6 border-t border-stone-200 p-4">
        <form onSubmit={(e) => void save(e)} noValidate className="space-y-4">
          <FormError error={edit.error} shownFields={['title', 'author']} />
          <TextField
            id="document-edit-title"
            label="Title"
            required
            value={title}
            onChange={(e) => {
              setTitle(e.target.value);
              setSaved(false);
            }}
            errors={errorsOf(titleProblem, 'title')}
          />
          <TextField
            id="document-edit-author"
            label="Author"
            hint="Empty: author unknown."
            value={author}
            onChange={(e) => {
              setAuthor(e.target.value);
              setSaved(false);
            }}
            errors={errorsOf(authorProblem, 'author')}
          />
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className={buttonStyles.primary} disabled={edit.pending || !hasChanges}>
              {edit.pending ? 'Saving…' : 'Save details'}
            </button>
            {saved && !hasChanges && <FormSuccess>Saved.</FormSuccess>}
          </div>
        </form>
        <div className="border-t border-stone-200 pt-4">
          <p className="mb-2 text-stone-600">Archiving removes the document from the library; owners can restore it from the library page.</p>
          <ConfirmAction
            label="Archive"
            accessibleLabel="Archive this document"
            question="Archive this document?"
            confirmLabel="Archive"
            pendingLabel="Archiving…"
            pending={archive.pending}
            onConfirm={async () => {
              const result = await archive.run(path, { method: 'PATCH', body: { archived: true } });
              if (!result.ok) return;
              router.push(`/w/${workspace}`);
              router.refresh();
            }}
          />
          <div className="mt-2">
            <FormError error={archive.error} />
          </div>
        </div>
      </div>
    </details>
  );
}
