// `cruxmap workspace dump --workspace S --out FILE` and `cruxmap workspace restore FILE [--slug NEW] [--owner EMAIL]`:
// a whole workspace moved between installations (lib/datasets/dump). The dump is gzip'd JSON lines written to
// FILE.partial and renamed when complete; the restore reads it line by line into one transaction. `restore` also
// takes a data package of ours (folder or zip, `export --format package`): lib/datasets/package/package-import.ts.
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { DumpLine } from '../datasets/dump/format';
import { UsageError } from './usage-error';

type Out = { log: (line: string) => void; error: (line: string) => void };

export async function runWorkspaceDump(options: { workspace: string; out: string }, out: Out): Promise<void> {
  const { assertDatabaseAvailable } = await import('./database-guard');
  assertDatabaseAvailable();
  const { workspaceDumpLines } = await import('../datasets/dump/dump');
  const started = performance.now();
  const partial = `${options.out}.partial`;
  let rows = 0;
  async function* text() {
    for await (const line of workspaceDumpLines(options.workspace)) {
      if (line.type === 'row') rows += 1;
      yield `${JSON.stringify(line)}\n`;
    }
  }
  try {
    await pipeline(Readable.from(text()), createGzip(), createWriteStream(partial));
    await rename(partial, options.out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  out.log(`dumped workspace ${options.workspace}: ${rows} rows to ${options.out} in ${((performance.now() - started) / 1000).toFixed(2)} s`);
}

async function* dumpLines(file: string): AsyncGenerator<DumpLine> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n += 1;
    if (text.trim() === '') continue;
    try {
      yield JSON.parse(text) as DumpLine;
    } catch {
      throw new UsageError(`${file}: line ${n} is not JSON (a damaged dump?)`);
    }
  }
}

// eslint-disable-next-line @typescript-eslint/require-await -- restoreWorkspace reads lines from an async iterable
async function* fromArray(lines: Iterable<DumpLine>): AsyncGenerator<DumpLine> {
  yield* lines;
}

/**
 * FILE is a dump (gzip'd JSON lines) or a data package (a folder with datapackage.json, or a zip), told apart by
 * what it holds; a package is read and checked whole before the transaction opens.
 */
export async function runWorkspaceRestore(file: string, options: { slug?: string; owner?: string }, out: Out): Promise<void> {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const { assertDatabaseAvailable } = await import('./database-guard');
  assertDatabaseAvailable();
  const { restoreWorkspace, assertSlugFree } = await import('../datasets/dump/restore-mutations');
  const { looksLikePackage, openPackage } = await import('../datasets/package/package-source');
  const { AppError } = await import('../errors');
  const started = performance.now();
  try {
    const isPackage = await looksLikePackage(file);
    let lines: AsyncIterable<DumpLine>;
    if (isPackage) {
      const { readPackage } = await import('../datasets/package/package-import');
      // refused before reading a large package when the slug is given
      if (options.slug !== undefined) await assertSlugFree(options.slug);
      const source = await openPackage(file);
      const pkg = await readPackage(source);
      await assertSlugFree(options.slug ?? pkg.sourceSlug);
      lines = fromArray([pkg.header, ...pkg.lines()]);
    } else lines = dumpLines(file);
    const report = await restoreWorkspace({ lines, slug: options.slug, ownerEmail: options.owner });
    const rows = Object.values(report.counts).reduce((a, b) => a + b, 0);
    out.log(
      `${isPackage ? 'imported package as' : 'restored'} workspace ${report.workspace.slug}: ${rows} rows, ${report.matchedUsers} accounts matched by email, ${report.placeholderUsers} placeholder accounts, in ${((performance.now() - started) / 1000).toFixed(2)} s`,
    );
  } catch (error) {
    if (error instanceof AppError || error instanceof UsageError) throw error;
    // a gzip or database error: nothing was written (one transaction)
    throw new UsageError(`restore failed, nothing was written: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}
