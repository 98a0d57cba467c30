// `cruxmap import`: normalizes files and either prints them (--dry-run) or imports them into a workspace.
import path from 'node:path';
import { normalizeDocument } from '../corpus/normalize';
import { sourceFormats, type NormalizedDocument, type SourceFormat } from '../corpus/schemas';
import { slugify, slugSchema } from '../slugs';
import { assertDocumentSize } from '../documents/document-size';
import { readTextFile } from './read-text-file';
import { operatorContext } from './operator-context';
import { UsageError } from './usage-error';

export type ImportOptions = {
  workspace?: string;
  title?: string;
  author?: string;
  slug?: string;
  format?: string;
  dryRun?: boolean;
  json?: boolean;
};

type Out = { log: (line: string) => void; error: (line: string) => void };

/** The dry-run JSON shape: what the importer would store, and nothing else. */
export function dryRunJson(doc: NormalizedDocument) {
  return {
    title: doc.title,
    format: doc.format,
    text: doc.text,
    passages: doc.passages.map((p) => ({
      id: p.id,
      index: p.index,
      kind: p.kind,
      text: p.text,
      start: p.start,
      end: p.end,
      attrs: p.attrs,
    })),
    footnotes: doc.footnotes,
    warnings: doc.warnings,
  };
}

function parseFormat(format: string | undefined): SourceFormat | undefined {
  if (format === undefined) return undefined;
  if (!(sourceFormats as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${sourceFormats.join(', ')} (got "${format}")`);
  }
  return format as SourceFormat;
}

function summarize(doc: NormalizedDocument): string {
  const byKind = new Map<string, number>();
  for (const p of doc.passages) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([k, n]) => `${n} ${k}`).join(', ');
  return `${doc.passages.length} passages (${kinds}), ${doc.footnotes.length} footnotes, ${doc.warnings.length} warnings`;
}

export async function runImport(files: string[], options: ImportOptions, out: Out): Promise<void> {
  if (files.length === 0) throw new UsageError('import needs at least one file');
  if (files.length > 1 && (options.title !== undefined || options.slug !== undefined)) {
    throw new UsageError('--title and --slug apply to one file only; import files one at a time to set them');
  }
  if (options.json && !options.dryRun) throw new UsageError('--json is only available with --dry-run');
  const format = parseFormat(options.format);
  if (options.slug !== undefined) {
    const parsed = slugSchema.safeParse(options.slug);
    if (!parsed.success) throw new UsageError(`--slug ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  }

  // Read and check every file before writing anything.
  const texts = await Promise.all(files.map(async (file) => ({ file, text: await readTextFile(file) })));
  for (const { file, text } of texts) assertDocumentSize(text, file);

  if (options.dryRun) {
    const docs = texts.map(({ file, text }) =>
      normalizeDocument(text, { format, filename: path.basename(file), title: options.title }),
    );
    if (options.json) {
      const json = docs.map(dryRunJson);
      out.log(JSON.stringify(json.length === 1 ? json[0] : json, null, 2));
    } else {
      docs.forEach((doc, i) => {
        out.log(`${texts[i]?.file}: "${doc.title}" — ${summarize(doc)}`);
        for (const warning of doc.warnings) out.log(`  warning: ${warning}`);
      });
    }
    return;
  }

  const { assertDatabaseAvailable } = await import('./database-guard');
  assertDatabaseAvailable();
  const { operatorActor, workspaceContext } = await import('../context/context');
  const { importDocument } = await import('../documents/mutations');
  const { readBundledManifest } = await import('../documents/bundled-corpus');
  const { ensureWorkspace } = await import('../workspaces/mutations');

  // The command line acts as the operator; the bundled corpus's workspace is made on first use.
  const manifest = await readBundledManifest();
  const workspaceSlug = options.workspace ?? manifest.workspace.slug;
  const ctx =
    workspaceSlug === manifest.workspace.slug
      ? workspaceContext(operatorActor, (await ensureWorkspace(manifest.workspace)).workspace, null)
      : await operatorContext(workspaceSlug, { missingIsUsageError: true });

  for (const [i, { file, text }] of texts.entries()) {
    const started = performance.now();
    const result = await importDocument({
      ctx,
      input: {
        slug: options.slug ?? slugify(path.basename(file)),
        text,
        title: options.title,
        author: options.author,
        format,
        filename: path.basename(file),
      },
    });
    const ms = Math.round(performance.now() - started);
    out.log(
      `[${i + 1}/${texts.length}] ${file} → ${result.status} ${workspaceSlug}/${result.slug} v${result.versionNumber}: ` +
        `${result.passageCount} passages, ${result.footnoteCount} footnotes, ${result.warnings.length} warnings (${ms} ms)`,
    );
  }
}
