'use client';
// PATCH /api/v1/workspaces/:ws with the name, visibility and data licence that changed.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, FormSuccess, TextField, buttonStyles, fieldErrors } from '@/app/_components/form-controls';

type Visibility = 'private' | 'public';

const visibilityOptions: { value: Visibility; label: string; description: string }[] = [
  {
    value: 'private',
    label: 'Private',
    description: 'Only members can find and read it. People join through an invite link or when an owner adds them.',
  },
  {
    value: 'public',
    label: 'Public',
    description:
      'Anyone who can reach this server can read its documents, without an account. Only members can annotate, and only owners can change anything.',
  },
];

export function WorkspaceSettingsForm({
  workspace,
  name: savedName,
  visibility: savedVisibility,
  licence: savedLicence,
}: {
  workspace: string;
  name: string;
  visibility: Visibility;
  licence: string | null;
}) {
  const router = useRouter();
  const api = useApiCall();
  const [name, setName] = useState(savedName);
  const [visibility, setVisibility] = useState<Visibility>(savedVisibility);
  const [licence, setLicence] = useState(savedLicence ?? '');
  const [saved, setSaved] = useState(false);
  const changes = {
    ...(name.trim() !== savedName ? { name } : {}),
    ...(visibility !== savedVisibility ? { visibility } : {}),
    ...(licence.trim() !== (savedLicence ?? '') ? { licence: licence.trim() } : {}),
  };
  const hasChanges = Object.keys(changes).length > 0;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (!hasChanges) return;
    const result = await api.run(`/api/v1/workspaces/${encodeURIComponent(workspace)}`, { method: 'PATCH', body: changes });
    if (!result.ok) return;
    setSaved(true);
    router.refresh();
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="space-y-5">
      <FormError error={api.error} shownFields={['name', 'visibility', 'licence']} />
      <TextField
        id="settings-name"
        label="Name"
        required
        maxLength={100}
        value={name}
        onChange={(e) => {
          setName(e.target.value);
          setSaved(false);
        }}
        errors={fieldErrors(api.error, 'name')}
      />
      <fieldset aria-describedby={fieldErrors(api.error, 'visibility') ? 'settings-visibility-error' : undefined}>
        <legend className="text-sm font-medium text-stone-800">Who can read it</legend>
        <div className="mt-2 space-y-2">
          {visibilityOptions.map((option) => (
            <label
              key={option.value}
              className="flex cursor-pointer gap-3 rounded-md border border-stone-200 p-3 has-checked:border-stone-500 has-checked:bg-stone-50 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-blue-600"
            >
              <input
                type="radio"
                name="visibility"
                value={option.value}
                checked={visibility === option.value}
                onChange={() => {
                  setVisibility(option.value);
                  setSaved(false);
                }}
                className="mt-1 size-4 accent-stone-900"
              />
              <span>
                <span className="block font-medium">{option.label}</span>
                <span className="block text-sm text-stone-600">{option.description}</span>
              </span>
            </label>
          ))}
        </div>
        {fieldErrors(api.error, 'visibility') && (
          <p id="settings-visibility-error" className="mt-1 text-sm font-medium text-red-700">
            {fieldErrors(api.error, 'visibility')?.join('. ')}
          </p>
        )}
      </fieldset>
      <TextField
        id="settings-licence"
        label="Data licence (named in data packages, e.g. CC-BY-4.0)"
        maxLength={200}
        value={licence}
        onChange={(e) => {
          setLicence(e.target.value);
          setSaved(false);
        }}
        errors={fieldErrors(api.error, 'licence')}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={api.pending || !hasChanges}>
          {api.pending ? 'Saving…' : 'Save changes'}
        </button>
        {saved && !hasChanges && <FormSuccess>Saved.</FormSuccess>}
      </div>
    </form>
  );
}
