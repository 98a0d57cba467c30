'use client';
// Read a file in the browser (or take pasted text) → POST documents with preview: true → show the normalized
// document and its warnings → POST again without preview to save → the reading page.
import { LongActionProgress, type LongAction } from '@/app/_components/long-action';
import { useRouter } from 'next/navigation';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError, SelectField, TextField, buttonStyles, fieldErrors, inputStyles } from '@/app/_components/form-controls';
import { slugify } from '@/lib/slugs';

type PassageKind = 'heading' | 'paragraph' | 'list_item' | 'quote' | 'footnote';
type Preview = {
  document: {
    title: string;
    format: 'text' | 'markdown' | 'html';
    passages: { id: string; index: number; kind: PassageKind; text: string }[];
    footnotes: unknown[];
    warnings: string[];
  };
  existing: { versionNumber: number; unchanged: boolean } | null;
};
type Saved = { import: { slug: string; status: 'created' | 'updated' | 'unchanged' } };

const MAX_FILE_BYTES = 5 * 1024 * 1024;
const PREVIEW_PASSAGES = 30;
const kindLabels: Record<PassageKind, [string, string]> = {
  heading: ['heading', 'headings'],
  paragraph: ['paragraph', 'paragraphs'],
  list_item: ['list item', 'list items'],
  quote: ['quote', 'quotes'],
  footnote: ['footnote', 'footnotes'],
};
const formatLabels = { text: 'Plain text', markdown: 'Markdown', html: 'HTML' } as const;
const shownFields = ['text', 'slug', 'title', 'author', 'format', 'filename'];

const plural = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;
const excerpt = (text: string) => (text.length > 280 ? `${text.slice(0, 279)}…` : text);

export function ImportForm({ workspace }: { workspace: string }) {
  const router = useRouter();
  const api = useApiCall();
  const [progress, setProgress] = useState<LongAction | null>(null);
  const [text, setText] = useState('');
  const [filename, setFilename] = useState<string | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [title, setTitle] = useState('');
  const [author, setAuthor] = useState('');
  const [format, setFormat] = useState<'' | 'text' | 'markdown' | 'html'>('');
  const [preview, setPreview] = useState<{ key: string; data: Preview } | null>(null);
  const [lastAction, setLastAction] = useState<'preview' | 'save'>('preview');

  const body = {
    slug: slug.trim(),
    text,
    ...(title.trim() ? { title: title.trim() } : {}),
    ...(author.trim() ? { author: author.trim() } : {}),
    ...(format ? { format } : {}),
    ...(filename ? { filename } : {}),
  };
  const inputKey = JSON.stringify(body);
  const currentPreview = preview?.key === inputKey ? preview.data : null;
  const endpoint = `/api/v1/workspaces/${encodeURIComponent(workspace)}/documents`;

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    setFileProblem(null);
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileProblem('The file is too large: 5 MB at most.');
      return;
    }
    const content = await file.text();
    if (content.includes('\u0000')) {
      setFileProblem('This file is not text. Choose a .txt, .md or .html file.');
      return;
    }
    if (content.trim() === '') {
      setFileProblem('This file is empty.');
      return;
    }
    setText(content);
    setFilename(file.name);
    if (!slugEdited) setSlug(slugify(file.name));
  }

  async function showPreview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const requestKey = inputKey;
    setLastAction('preview');
    setProgress({ label: 'Reading the text (structure, notes, sections)', startedAt: Date.now(), loaded: null, total: null });
    const result = await api.run<Preview>(endpoint, { method: 'POST', body: { ...body, preview: true } });
    setProgress(null);
    if (result.ok) setPreview({ key: requestKey, data: result.data });
  }

  async function save() {
    setLastAction('save');
    const label = currentPreview?.existing ? 'Saving a new version and moving every annotation onto it' : 'Saving the document';
    setProgress({ label, startedAt: Date.now(), loaded: null, total: null });
    const result = await api.run<Saved>(endpoint, { method: 'POST', body });
    setProgress(null);
    if (!result.ok) return;
    router.push(`/w/${workspace}/documents/${result.data.import.slug}`);
    router.refresh();
  }

  const counts = currentPreview
    ? (Object.keys(kindLabels) as PassageKind[])
        .map((kind) => [kind, currentPreview.document.passages.filter((p) => p.kind === kind).length] as const)
        .filter(([, n]) => n > 0)
    : [];

  return (
    <div className="mt-6 space-y-8">
      <form onSubmit={(e) => void showPreview(e)} noValidate className="space-y-5 rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
        <FormError error={lastAction === 'preview' || !currentPreview ? api.error : null} shownFields={shownFields} />
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-stone-800">
            File
          </label>
          <input
            id="import-file"
            type="file"
            accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
            onChange={(e) => void readFile(e)}
            aria-describedby="import-file-hint"
            aria-invalid={fileProblem ? true : undefined}
            className="mt-1 block w-full text-sm text-stone-700 file:mr-3 file:rounded-md file:border file:border-stone-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-stone-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
          />
          <p id="import-file-hint" className="mt-1 text-sm text-stone-600">
            {filename ? `Loaded ${filename}. ` : ''}A .txt, .md or .html file, read in your browser; or paste the text below.
          </p>
          {fileProblem && (
            <p role="alert" className="mt-1 text-sm font-medium text-red-700">
              {fileProblem}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="import-text" className="block text-sm font-medium text-stone-800">
            Text
          </label>
          <textarea
            id="import-text"
            rows={10}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className={`mt-1 ${inputStyles} font-mono text-sm`}
            aria-invalid={fieldErrors(api.error, 'text') ? true : undefined}
            aria-describedby={fieldErrors(api.error, 'text') ? 'import-text-error' : undefined}
          />
          {fieldErrors(api.error, 'text') && (
            <p id="import-text-error" className="mt-1 text-sm font-medium text-red-700">
              Text {fieldErrors(api.error, 'text')?.join('. ')}
            </p>
          )}
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            id="import-slug"
            label="Address"
            required
            maxLength={80}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={slug}
            onChange={(e) => {
              setSlug(e.target.value);
              setSlugEdited(e.target.value !== '');
            }}
            hint={<>Lowercase letters, digits and hyphens: /w/{workspace}/documents/{slug || '…'}</>}
            errors={fieldErrors(api.error, 'slug')}
          />
          <SelectField
            id="import-format"
            label="Format"
            value={format}
            onChange={(e) => setFormat(e.target.value as typeof format)}
            hint="Automatic: from the file name and the text."
            errors={fieldErrors(api.error, 'format')}
          >
            <option value="">Automatic</option>
            <option value="text">Plain text</option>
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </SelectField>
          <TextField
            id="import-title"
            label="Title (optional)"
            maxLength={300}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            hint="Empty: taken from the text."
            errors={fieldErrors(api.error, 'title')}
          />
          <TextField id="import-author" label="Author (optional)" maxLength={200} value={author} onChange={(e) => setAuthor(e.target.value)} errors={fieldErrors(api.error, 'author')} />
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={currentPreview ? buttonStyles.secondary : buttonStyles.primary} disabled={api.pending || text.trim() === ''}>
            {api.pending && !currentPreview ? 'Reading…' : 'Preview'}
          </button>
          {preview && !currentPreview && <p className="text-sm text-stone-600">You changed the form: preview again before saving.</p>}
        </div>
        {lastAction === 'preview' && <LongActionProgress action={progress} testId="import-progress" />}
      </form>

      {currentPreview && (
        <section aria-labelledby="preview-heading" className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm sm:p-6">
          <h2 id="preview-heading" className="text-lg font-medium">
            Preview
          </h2>
          <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-stone-600">Title</dt>
            <dd className="font-serif text-base font-semibold">{currentPreview.document.title}</dd>
            <dt className="font-medium text-stone-600">Read as</dt>
            <dd>{formatLabels[currentPreview.document.format]}</dd>
            <dt className="font-medium text-stone-600">Passages</dt>
            <dd>
              {currentPreview.document.passages.length}
              {counts.length > 0 && ` (${counts.map(([kind, n]) => plural(n, kindLabels[kind])).join(', ')})`}
            </dd>
            <dt className="font-medium text-stone-600">Footnotes</dt>
            <dd>{currentPreview.document.footnotes.length}</dd>
          </dl>

          <div
            aria-labelledby="warnings-heading"
            role="region"
            className={`mt-5 rounded-md border p-4 ${currentPreview.document.warnings.length > 0 ? 'border-amber-300 bg-amber-50' : 'border-emerald-200 bg-emerald-50'}`}
          >
            <h3 id="warnings-heading" className="font-medium">
              {currentPreview.document.warnings.length > 0 ? `Warnings (${currentPreview.document.warnings.length})` : 'No warnings'}
            </h3>
            {currentPreview.document.warnings.length > 0 ? (
              <>
                <p className="mt-1 text-sm text-amber-900">The importer had to guess or repair these. Check the passages below.</p>
                <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-amber-950">
                  {currentPreview.document.warnings.map((w, i) => (
                    <li key={i}>{w}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p className="mt-1 text-sm text-emerald-900">The text was read without anything to repair.</p>
            )}
          </div>

          <p className="mt-5 text-sm text-stone-700">
            {currentPreview.existing === null
              ? 'Saving creates a new document.'
              : currentPreview.existing.unchanged
                ? `This is the same text as version ${currentPreview.existing.versionNumber} of the document at this address: importing it changes nothing.`
                : `A document already lives at this address: saving adds version ${currentPreview.existing.versionNumber + 1} and keeps the earlier ones.`}
          </p>

          <h3 className="mt-5 text-sm font-medium text-stone-800">
            {currentPreview.document.passages.length > PREVIEW_PASSAGES ? `The first ${PREVIEW_PASSAGES} passages` : 'Passages'}
          </h3>
          <ol className="mt-2 divide-y divide-stone-100 rounded-md border border-stone-200" aria-label="Passages in the preview">
            {currentPreview.document.passages.slice(0, PREVIEW_PASSAGES).map((p) => (
              <li key={p.id} className="flex gap-3 px-3 py-2">
                <span className="mt-0.5 w-20 shrink-0 text-xs font-medium tracking-wide text-stone-500 uppercase">{kindLabels[p.kind][0]}</span>
                <span className={`min-w-0 font-serif break-words ${p.kind === 'heading' ? 'font-semibold' : ''}`}>{excerpt(p.text)}</span>
              </li>
            ))}
          </ol>

          <div className="mt-6">
            <FormError error={lastAction === 'save' ? api.error : null} shownFields={shownFields} />
          </div>
          <div className="mt-3 flex flex-wrap items-center gap-3">
            <button type="button" className={buttonStyles.primary} disabled={api.pending} onClick={() => void save()}>
              {api.pending ? 'Saving…' : currentPreview.existing?.unchanged ? 'Save (no change)' : 'Save'}
            </button>
            <p className="text-sm text-stone-600">Saves the text as shown above.</p>
          </div>
          {lastAction === 'save' && <LongActionProgress action={progress} testId="import-progress" />}
        </section>
      )}
    </div>
  );
}
