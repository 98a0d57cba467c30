'use client';
// Owners: send an annotation file (W3C or Hypothesis JSON) to POST …/import and show what came of it: how many
// were imported or already there, each orphan with its reason, and each reply left out because what it answers
// was not imported. A bad row answers 400 naming its index.
import { useRouter } from 'next/navigation';
import { LongActionProgress, postWithUploadProgress, type LongAction } from '@/app/_components/long-action';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { FormError, SelectField, buttonStyles } from '@/app/_components/form-controls';
import type { ApiFailure } from '@/app/_components/api-client';
import { plural } from '@/app/_components/format';

type Orphan = { index: number; sourceId: string; exact: string | null; reason: string; message: string };
type ReplyOrphan = { index: number; sourceId: string; target: string; reason: string; message: string };
type Result = {
  format: string;
  total: number;
  created: number;
  skipped: number;
  orphans: Orphan[];
  claimsCreated: number;
  repliesCreated: number;
  replyOrphans: ReplyOrphan[];
};

const MAX_FILE_BYTES = 25 * 1024 * 1024;

export function AnnotationImportForm({ workspace, documents }: { workspace: string; documents: { slug: string; title: string }[] }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('');
  const [document, setDocument] = useState('');
  const [pending, setPending] = useState(false);
  const [progress, setProgress] = useState<LongAction | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const [result, setResult] = useState<Result | null>(null);

  function choose(event: ChangeEvent<HTMLInputElement>) {
    setError(null);
    setResult(null);
    const chosen = event.target.files?.[0] ?? null;
    if (chosen && chosen.size > MAX_FILE_BYTES) {
      setError({ status: 0, code: 'BAD_REQUEST', message: 'The file is too large: 25 MB at most.', fields: {} });
      setFile(null);
      return;
    }
    setFile(chosen);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setError({ status: 0, code: 'BAD_REQUEST', message: 'Choose an annotation file first.', fields: {} });
      return;
    }
    setPending(true);
    setError(null);
    setResult(null);
    const query = new URLSearchParams();
    if (format) query.set('format', format);
    if (document) query.set('document', document);
    try {
      const startedAt = Date.now();
      const body = await file.text();
      setProgress({ label: 'Uploading the file', startedAt, loaded: 0, total: body.length });
      const response = await postWithUploadProgress(
        `/api/v1/workspaces/${encodeURIComponent(workspace)}/import?${query.toString()}`,
        body,
        (loaded, total) => setProgress({ label: 'Uploading the file', startedAt, loaded, total }),
        () => setProgress({ label: 'Importing the annotations (anchoring each on its text)', startedAt, loaded: null, total: null }),
      );
      const ok = response.status >= 200 && response.status < 300;
      const payload = response.json as { import?: Result; error?: { code?: string; message?: string; fields?: Record<string, string[]> } } | null;
      if (!ok || !payload?.import) {
        setError({
          status: response.status,
          code: payload?.error?.code ?? 'INTERNAL',
          message: payload?.error?.message ?? `The import failed (HTTP ${response.status}).`,
          fields: payload?.error?.fields ?? {},
        });
        return;
      }
      setResult(payload.import);
      router.refresh();
    } catch {
      setError({ status: 0, code: 'NETWORK', message: 'Could not reach Cruxmap. Check your connection and try again.', fields: {} });
    } finally {
      setPending(false);
      setProgress(null);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} className="mt-6 space-y-4" aria-label="Import annotations">
      <div>
        <label htmlFor="annotation-file" className="block text-sm font-medium text-stone-800">
          Annotation file (.json, .jsonld)
        </label>
        <input id="annotation-file" type="file" accept=".json,.jsonld,application/json,application/ld+json" onChange={choose} className="mt-1 block text-sm" />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField id="annotation-format" label="Format" value={format} onChange={(e) => setFormat(e.target.value)}>
          <option value="">Recognise from the content</option>
          <option value="w3c">W3C Web Annotation</option>
          <option value="hypothesis">Hypothesis JSON</option>
        </SelectField>
        <SelectField id="annotation-document" label="Document" value={document} onChange={(e) => setDocument(e.target.value)} errors={error?.fields.document}>
          <option value="">Match each annotation&apos;s address</option>
          {documents.map((d) => (
            <option key={d.slug} value={d.slug}>
              {d.title}
            </option>
          ))}
        </SelectField>
      </div>
      <FormError error={error} shownFields={['document']} />
      <button type="submit" className={buttonStyles.primary} disabled={pending}>
        {pending ? 'Importing…' : 'Import annotations'}
      </button>
      <LongActionProgress action={progress} testId="import-progress" />
      {result ? (
        <div role="status" className="space-y-3">
          <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            {result.created} of {result.total} annotations imported ({result.format}); {result.skipped} {result.skipped === 1 ? 'was' : 'were'} already here; {result.orphans.length}{' '}
            could not be anchored; {plural(result.claimsCreated, 'claim')} made
            {result.repliesCreated + result.replyOrphans.length > 0 ? `; ${plural(result.repliesCreated, 'reply', 'replies')} imported` : ''}.
          </p>
          <NotImported
            title="Not imported: orphans"
            rows={result.orphans.map((o) => ({ key: `${o.index}-${o.sourceId}`, index: o.index, quote: o.exact ?? '—', why: o.message }))}
            withQuote
          />
          <NotImported title="Not imported: replies" rows={result.replyOrphans.map((r) => ({ key: `${r.index}-${r.sourceId}`, index: r.index, why: r.message }))} />
        </div>
      ) : null}
    </form>
  );
}

/** The items of a file that were not imported, with their place in the file and why (nothing when there are none). */
function NotImported({ title, rows, withQuote = false }: { title: string; rows: { key: string; index: number; quote?: string; why: string }[]; withQuote?: boolean }) {
  if (rows.length === 0) return null;
  return (
    <div>
      <h3 className="text-base font-semibold">{title}</h3>
      <table className="mt-2 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-stone-200">
            <th className="py-1 pr-3">#</th>
            {withQuote ? <th className="py-1 pr-3">Quote</th> : null}
            <th className="py-1">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className="border-b border-stone-100 align-top">
              <td className="py-1 pr-3 tabular-nums">{row.index}</td>
              {withQuote ? <td className="py-1 pr-3">{row.quote}</td> : null}
              <td className="py-1">{row.why}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
