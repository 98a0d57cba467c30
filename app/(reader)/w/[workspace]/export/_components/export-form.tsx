'use client';
// Choose a format and filters → GET …/export streams the file; the form counts the records as they arrive (and
// their rate), then offers the file for download.
import { useRef, useState, type FormEvent } from 'react';
import { FormError, SelectField, TextField, buttonStyles } from '@/app/_components/form-controls';
import type { ApiFailure } from '@/app/_components/api-client';

type Option = { slug: string; title: string };
type Author = { id: string; name: string };
type Format = 'jsonl' | 'csv' | 'w3c' | 'credences' | 'credence-claims' | 'package' | 'polis';

const formats: { value: Format; label: string }[] = [
  { value: 'jsonl', label: 'JSONL — one annotation per line, everything included' },
  { value: 'csv', label: 'CSV — one row per annotation, flat columns' },
  { value: 'w3c', label: 'W3C Web Annotation (JSON-LD collection)' },
  { value: 'credences', label: 'Credence matrix (CSV: reviewers × claims)' },
  { value: 'credence-claims', label: 'The credence matrix\u2019s claims (CSV: id, statement, merged claims — one row per matrix column)' },
  { value: 'package', label: 'Dataset package (zip: every table with its schema, and a dataset card)' },
  { value: 'polis', label: 'Polis (zip: comments, votes and participants-votes CSV)' },
];
/** The formats that hold the whole workspace as zips: the filters do not apply, and records cannot be counted as they stream. */
const wholeWorkspace = (format: Format): boolean => format === 'package' || format === 'polis';
const kinds = ['claim', 'evidence', 'crux', 'probability'] as const;

/** How many records a chunk of the stream finishes (see lib/datasets: separators never occur inside a record). */
function separatorOf(format: Format): string {
  if (format === 'jsonl') return '\n';
  if (format === 'w3c') return ',\n';
  return '\r\n';
}

function count(text: string, separator: string): number {
  let n = 0;
  for (let at = text.indexOf(separator); at !== -1; at = text.indexOf(separator, at + separator.length)) n += 1;
  return n;
}

type Progress = { received: number; total: number | null; rate: number; bytes: number };
type Done = { url: string; filename: string; received: number; seconds: number; bytes: number };

export function ExportForm({ workspace, documents, authors, isOwner }: { workspace: string; documents: Option[]; authors: Author[]; isOwner: boolean }) {
  const [format, setFormat] = useState<Format>('jsonl');
  const [document, setDocument] = useState('');
  const [author, setAuthor] = useState('');
  const [selectedKinds, setSelectedKinds] = useState<string[]>([]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [pseudonymise, setPseudonymise] = useState(false);
  const [identities, setIdentities] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [error, setError] = useState<ApiFailure | null>(null);
  const controller = useRef<AbortController | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (done) URL.revokeObjectURL(done.url);
    setDone(null);
    setError(null);
    const query = new URLSearchParams({ format });
    const whole = wholeWorkspace(format);
    if (!whole) {
      if (document) query.set('document', document);
      if (author) query.set('author', author);
      if (selectedKinds.length > 0) query.set('kind', selectedKinds.join(','));
      if (from) query.set('from', new Date(from).toISOString());
      if (to) query.set('to', new Date(to).toISOString());
      if (pseudonymise) query.set('pseudonymise', 'true');
    } else if (format === 'package' && identities && isOwner) {
      query.set('identities', 'true');
    }
    const abort = new AbortController();
    controller.current = abort;
    const started = performance.now();
    setProgress({ received: 0, total: null, rate: 0, bytes: 0 });
    try {
      const response = await fetch(`/api/v1/workspaces/${encodeURIComponent(workspace)}/export?${query.toString()}`, {
        credentials: 'same-origin',
        signal: abort.signal,
      });
      if (!response.ok || !response.body) {
        const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; fields?: Record<string, string[]> } } | null;
        setError({
          status: response.status,
          code: payload?.error?.code ?? 'INTERNAL',
          message: payload?.error?.message ?? `The export failed (HTTP ${response.status}).`,
          fields: payload?.error?.fields ?? {},
        });
        setProgress(null);
        return;
      }
      const total = Number(response.headers.get('x-export-total') ?? 'NaN');
      const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `export.${format}`;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const parts: Uint8Array[] = [];
      const separator = separatorOf(format);
      let carry = '';
      let separators = 0;
      let bytes = 0;
      for (;;) {
        const { done: finished, value } = await reader.read();
        if (finished) break;
        parts.push(value);
        bytes += value.length;
        if (whole) {
          // a zip: its records cannot be counted as they arrive; the bytes can
          const seconds = (performance.now() - started) / 1000;
          setProgress({ received: 0, total: Number.isFinite(total) ? total : null, rate: bytes / Math.max(seconds, 0.001), bytes });
          continue;
        }
        const text = carry + decoder.decode(value, { stream: true });
        separators += count(text, separator);
        carry = text.slice(-(separator.length - 1) || text.length);
        if (separator.length === 1) carry = '';
        // jsonl and csv start with a meta or header line; w3c's first record has no separator before it
        const received = Math.max(0, format === 'w3c' ? separators + 1 : separators - 1);
        const seconds = (performance.now() - started) / 1000;
        setProgress({ received: Number.isFinite(total) ? Math.min(received, total) : received, total: Number.isFinite(total) ? total : null, rate: received / Math.max(seconds, 0.001), bytes });
      }
      const seconds = (performance.now() - started) / 1000;
      const received = Number.isFinite(total) ? total : 0;
      const blob = new Blob(parts as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' });
      setDone({ url: URL.createObjectURL(blob), filename, received, seconds, bytes });
      setProgress(null);
    } catch (caught) {
      if ((caught as Error).name !== 'AbortError') {
        setError({ status: 0, code: 'NETWORK', message: 'The export was interrupted. Check your connection and try again.', fields: {} });
      }
      setProgress(null);
    } finally {
      controller.current = null;
    }
  }

  const whole = wholeWorkspace(format);
  // X-Export-Total counts reviewer rows (credences), every table's rows (package), votes (Polis), else annotations
  const unit =
    format === 'credences' ? 'reviewers' : format === 'credence-claims' ? 'claims' : format === 'package' ? 'rows' : format === 'polis' ? 'votes' : 'annotations';
  const unitOf = (n: number) => (n === 1 ? unit.slice(0, -1) : unit);
  return (
    <form onSubmit={(e) => void submit(e)} className="mt-6 space-y-4" aria-label="Export">
      <SelectField id="export-format" label="Format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
        {formats.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </SelectField>
      {whole ? (
        <p className="text-sm text-stone-700" data-testid="export-whole-workspace">
          {format === 'package'
            ? 'The package holds the whole workspace — documents, passages, claims, annotations, credences with every revision, cruxes, replies, reviewers and rounds — each table with its schema, and a dataset card (README.md) with the counts, agreement figures and how to cite it. Reviewers are pseudonymous'
            : 'The Polis export holds every claim as a comment and every current credence as a vote: agree above 60%, disagree below 40%, pass between. Participants are numbered'}
          {format === 'package' && isOwner ? ' unless you include identities below.' : '.'} The filters below do not apply.
        </p>
      ) : null}
      <fieldset disabled={whole} className="space-y-4 disabled:opacity-60">
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField id="export-document" label="Document" value={document} onChange={(e) => setDocument(e.target.value)}>
          <option value="">Every document</option>
          {documents.map((d) => (
            <option key={d.slug} value={d.slug}>
              {d.title}
            </option>
          ))}
        </SelectField>
        <SelectField id="export-author" label="Author" value={author} onChange={(e) => setAuthor(e.target.value)}>
          <option value="">Everyone</option>
          {authors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <TextField id="export-from" label="Created from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        <TextField id="export-to" label="Created before" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} errors={error?.fields.to} />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Kinds (none checked: all)</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {kinds.map((kind) => (
            <label key={kind} className="inline-flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={selectedKinds.includes(kind)}
                onChange={(e) => setSelectedKinds((k) => (e.target.checked ? [...k, kind] : k.filter((x) => x !== kind)))}
              />
              {kind}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={pseudonymise} onChange={(e) => setPseudonymise(e.target.checked)} />
        <span>
          Pseudonymise: replace people with stable pseudonyms for this export (the same person keeps one pseudonym throughout) and
          leave out emails.
        </span>
      </label>
      </fieldset>
      {format === 'package' && isOwner ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={identities} onChange={(e) => setIdentities(e.target.checked)} />
          <span>Include identities: reviewers&apos; names and emails instead of pseudonyms (owners only; share the file with care).</span>
        </label>
      ) : null}
      <FormError error={error} shownFields={['to']} />
      <div className="flex items-center gap-3">
        <button type="submit" className={buttonStyles.primary} disabled={progress !== null}>
          {progress ? 'Exporting…' : 'Export'}
        </button>
        {progress ? (
          <button type="button" className={buttonStyles.secondary} onClick={() => controller.current?.abort()}>
            Cancel
          </button>
        ) : null}
      </div>
      {progress ? (
        <div role="status" aria-live="polite" className="space-y-1">
          <progress className="w-full" max={progress.total ?? undefined} value={progress.total ? progress.received : undefined} />
          <p className="text-sm text-stone-700" data-testid="export-progress">
            {whole ? (
              <>
                {(progress.bytes / 1e6).toFixed(1)} MB received{progress.total !== null ? ` (${progress.total.toLocaleString()} ${unitOf(progress.total)} in all)` : ''} ·{' '}
                {(progress.rate / 1e6).toFixed(1)} MB/s
              </>
            ) : (
              <>
                {progress.received.toLocaleString()} {progress.total !== null ? `of ${progress.total.toLocaleString()} ` : ''}
                {unit} received · {Math.round(progress.rate).toLocaleString()}/s · {(progress.bytes / 1e6).toFixed(1)} MB
              </>
            )}
          </p>
        </div>
      ) : null}
      {done ? (
        <div role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          <p>
            Exported {done.received.toLocaleString()} {unitOf(done.received)} ({(done.bytes / 1e6).toFixed(1)} MB) in {done.seconds.toFixed(1)} s.
          </p>
          <a href={done.url} download={done.filename} className={`mt-2 ${buttonStyles.primary}`}>
            Download {done.filename}
          </a>
        </div>
      ) : null}
    </form>
  );
}
