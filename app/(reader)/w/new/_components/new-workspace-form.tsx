'use client';
// Name and address (slug, suggested from the name until edited) → POST /api/v1/workspaces → its settings.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, TextField, buttonStyles, fieldErrors } from '@/app/_components/form-controls';
import { slugify } from '@/lib/slugs';

type Created = { workspace: { slug: string } };

const suggestSlug = (name: string): string => (name.trim() === '' ? '' : slugify(name));

export function NewWorkspaceForm() {
  const router = useRouter();
  const api = useApiCall();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // /w/new is this page, so a workspace called "new" could never be opened.
    if (slug.trim() === 'new') {
      api.setError({ status: 400, code: 'BAD_REQUEST', message: 'Choose another address.', fields: { slug: ['must not be "new": that address is taken by this page'] } });
      return;
    }
    const result = await api.run<Created>('/api/v1/workspaces', { method: 'POST', body: { name, slug } });
    if (!result.ok) return;
    router.push(`/w/${result.data.workspace.slug}/settings`);
    router.refresh();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-4">
      <FormError error={api.error} shownFields={['name', 'slug']} />
      <TextField
        id="workspace-name"
        label="Name"
        required
        maxLength={100}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugEdited) setSlug(suggestSlug(e.target.value));
        }}
        errors={fieldErrors(api.error, 'name')}
      />
      <TextField
        id="workspace-slug"
        label="Address"
        required
        maxLength={80}
        autoCapitalize="none"
        autoCorrect="off"
        spellCheck={false}
        hint={
          <>
            Lowercase letters, digits and hyphens; the workspace lives at <span className="font-mono">/w/{slug || '…'}</span>. It
            cannot be changed later.
          </>
        }
        value={slug}
        onChange={(e) => {
          setSlug(e.target.value);
          setSlugEdited(e.target.value !== '');
        }}
        errors={fieldErrors(api.error, 'slug')}
      />
      <button type="submit" className={buttonStyles.primary} disabled={api.pending}>
        {api.pending ? 'Creating…' : 'Create workspace'}
      </button>
    </form>
  );
}
