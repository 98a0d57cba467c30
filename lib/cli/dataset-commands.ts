// `cruxmap export` and `cruxmap import-annotations`: the dataset export streamed to a file or standard output
// (a progress bar with counts and rate on standard error), and an annotation file imported into a workspace with
// its orphans listed. The operator at the command line sees what an owner sees.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { annotationKinds, type AnnotationKind } from '../annotations/types';
import { importFormats, type ImportFormat } from '../datasets/import-formats';
import { exportFormats, type ExportFilters, type ExportFormat } from '../datasets/model';
import { readTextFile } from './read-text-file';
import { operatorContext } from './operator-context';
import { UsageError } from './usage-error';

type Out = { log: (line: string) => void; error: (line: string) => void };

export type ExportOptions = {
  workspace: string;
  format: string;
  document?: string[];
  kind?: string[];
  author?: string[];
  from?: string;
  to?: string;
  pseudonymise?: boolean;
  /** format package only: real user ids, names and emails */
  identities?: boolean;
  out?: string;
};

const listOf = (values: string[] | undefined): string[] => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');

function dateOption(name: string, value: string | undefined): Date | null {
  if (value === undefined) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--${name} must be a date or date-time (ISO 8601), got "${value}"`);
  return at;
}

export function exportFilters(options: ExportOptions): { format: ExportFormat; filters: ExportFilters } {
  if (!(exportFormats as readonly string[]).includes(options.format)) {
    throw new UsageError(`--format must be one of ${exportFormats.join(', ')}, package, polis (got "${options.format}")`);
  }
  const kinds = listOf(options.kind);
  const unknown = kinds.filter((k) => !(annotationKinds as readonly string[]).includes(k));
  if (unknown.length > 0) throw new UsageError(`--kind must be among ${annotationKinds.join(', ')} (got "${unknown.join(', ')}")`);
  const from = dateOption('from', options.from);
  const to = dateOption('to', options.to);
  if (from && to && from >= to) throw new UsageError('--to must be after --from');
  return {
    format: options.format as ExportFormat,
    filters: { documents: listOf(options.document), kinds: kinds as AnnotationKind[], authors: listOf(options.author), from, to, pseudonymise: options.pseudonymise === true },
  };
}

async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/** --author takes account ids or emails: each becomes an id, and one that names no account is a usage error. */
async function resolveAuthors(refs: readonly string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const { resolveUserRefs } = await import('../users/queries');
  const found = await resolveUserRefs({ refs });
  const unknown = refs.filter((r) => !found.has(r));
  if (unknown.length > 0) {
    throw new UsageError(`--author takes an email or a user id; no user has ${unknown.map((r) => `"${r}"`).join(', ')}`);
  }
  return [...new Set(refs.map((r) => found.get(r) as string))];
}

/** Streams the export to --out or `io.stdout`, with a progress bar and, at the end, a summary line on standard error. */
export async function runExport(options: ExportOptions, io: Out & { stdout: Writable; stderr: Writable }): Promise<void> {
  if (options.format === 'package' || options.format === 'polis') {
    const { runPackageExport } = await import('./package-command');
    return runPackageExport(options, io);
  }
  if (options.identities) throw new UsageError('--identities is for --format package');
  const { format, filters: given } = exportFilters(options);
  const { assertDatabaseAvailable } = await import('./database-guard');
  assertDatabaseAvailable();
  const { prepareExport } = await import('../datasets/export');
  const ctx = await operatorContext(options.workspace);
  const filters = { ...given, authors: await resolveAuthors(given.authors) };
  const prepared = await prepareExport({ ctx, format, filters });

  const unit = format === 'credences' ? 'reviewers' : format === 'credence-claims' ? 'claims' : 'annotations';
  const bar = new cliProgress.SingleBar(
    { stream: io.stderr, format: `export ${format} [{bar}] {value}/{total} ${unit} | {rate}/s | {duration_formatted}`, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const rate = () => Math.round(prepared.progress() / Math.max((performance.now() - started) / 1000, 1e-3));
  bar.start(prepared.total, 0, { rate: 0 });

  const partial = options.out ? `${options.out}.partial` : null;
  const target: Writable = partial ? createWriteStream(partial, { encoding: 'utf8' }) : io.stdout;
  try {
    for await (const chunk of prepared.chunks()) {
      await write(target, chunk);
      bar.update(prepared.progress(), { rate: rate() });
    }
    if (partial && options.out) {
      target.end();
      await once(target, 'finish');
      await rename(partial, options.out);
    }
  } catch (error) {
    if (partial) {
      target.destroy();
      await rm(partial, { force: true });
    }
    throw error;
  } finally {
    bar.update(prepared.progress(), { rate: rate() });
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  io.error(
    `cruxmap: exported ${prepared.progress()} ${unit} as ${format} in ${seconds.toFixed(2)} s (${rate()}/s)${options.out ? ` to ${options.out}` : ''}`,
  );
  // the matrix's header names claims by id: their statements and merges go in a claims file beside it
  if (format === 'credences' && options.out) {
    const claimsFile = claimsFileBeside(options.out);
    const list = await prepareExport({ ctx, format: 'credence-claims', filters });
    const out = createWriteStream(`${claimsFile}.partial`, { encoding: 'utf8' });
    try {
      for await (const chunk of list.chunks()) await write(out, chunk);
      out.end();
      await once(out, 'finish');
      await rename(`${claimsFile}.partial`, claimsFile);
    } catch (error) {
      out.destroy();
      await rm(`${claimsFile}.partial`, { force: true });
      throw error;
    }
    io.error(`cruxmap: wrote the matrix's ${list.progress()} claims (id, statement, merged from) to ${claimsFile}`);
  }
}

/** `m.csv` → `m.claims.csv`; a name without `.csv` gets `.claims.csv` added. */
export function claimsFileBeside(out: string): string {
  return out.toLowerCase().endsWith('.csv') ? `${out.slice(0, -4)}.claims.csv` : `${out}.claims.csv`;
}

export type ImportAnnotationsOptions = { workspace: string; format?: string; document?: string };

export async function runImportAnnotations(file: string, options: ImportAnnotationsOptions, out: Out): Promise<void> {
  if (options.format !== undefined && !(importFormats as readonly string[]).includes(options.format)) {
    throw new UsageError(`--format must be one of ${importFormats.join(', ')} (got "${options.format}")`);
  }
  const text = await readTextFile(file);
  const { assertDatabaseAvailable } = await import('./database-guard');
  assertDatabaseAvailable();
  const { importAnnotations } = await import('../datasets/import-mutations');
  const ctx = await operatorContext(options.workspace);
  const result = await importAnnotations({
    ctx,
    text,
    format: options.format as ImportFormat | undefined,
    document: options.document,
  });
  out.log(
    `${file} → ${options.workspace}: ${result.created} annotations imported (${result.format}), ${result.skipped} already there, ` +
      `${result.orphans.length} orphans, ${result.claimsCreated} claims made, of ${result.total}`,
  );
  for (const orphan of result.orphans) {
    const quote = orphan.exact === null ? '' : ` "${orphan.exact.length > 60 ? `${orphan.exact.slice(0, 59)}…` : orphan.exact}"`;
    out.log(`  orphan #${orphan.index} ${orphan.sourceId} (${orphan.reason})${quote}: ${orphan.message}`);
  }
  if (result.repliesCreated + result.repliesSkipped + result.replyOrphans.length > 0) {
    out.log(`replies: ${result.repliesCreated} imported, ${result.repliesSkipped} already there, ${result.replyOrphans.length} not imported`);
  }
  for (const reply of result.replyOrphans) out.log(`  reply #${reply.index} ${reply.sourceId} (${reply.reason}): ${reply.message}`);
}
