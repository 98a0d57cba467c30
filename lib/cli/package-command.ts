// `cruxmap export --format package`: the workspace's data package (lib/datasets/package) written to a folder, or
// to a zip when --out ends in .zip, or as a zip on standard output without --out. The operator sees what an owner
// sees; --identities keeps real user ids, names and emails (pseudonymous otherwise).
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { operatorContext } from './operator-context';
import { UsageError } from './usage-error';

type Io = { log: (line: string) => void; error: (line: string) => void; stdout: Writable; stderr: Writable };

export type PackageOptions = { workspace: string; format?: string; out?: string; identities?: boolean; pseudonymise?: boolean; document?: string[]; kind?: string[]; author?: string[]; from?: string; to?: string };

export async function runPackageExport(options: PackageOptions, io: Io): Promise<void> {
  const filtered = ['document', 'kind', 'author', 'from', 'to'].filter((k) => options[k as keyof PackageOptions] !== undefined);
  const format = options.format === 'polis' ? 'polis' : 'package';
  if (filtered.length > 0) throw new UsageError(`--format ${format} exports the whole workspace; it takes no --${filtered.join(', --')}`);
  if (options.identities && options.pseudonymise) throw new UsageError('--identities and --pseudonymise exclude each other');
  if (options.identities && format === 'polis') throw new UsageError('--identities is for --format package (a Polis export is pseudonymous)');
  const { assertDatabaseAvailable } = await import('./database-guard');
  assertDatabaseAvailable();
  const { preparePackage } = await import('../datasets/package/package');
  const { packageZip, writePackageFolder } = await import('../datasets/package/package-writers');
  const ctx = await operatorContext(options.workspace);
  const started = performance.now();
  const prepared =
    format === 'polis' ? await (await import('../datasets/package/polis')).preparePolis({ ctx }) : await preparePackage({ ctx, identities: options.identities === true });
  if (options.out && !options.out.toLowerCase().endsWith('.zip')) {
    await writePackageFolder(prepared, options.out);
  } else if (options.out) {
    const partial = `${options.out}.partial`;
    try {
      await pipeline(packageZip(prepared), createWriteStream(partial));
      await rename(partial, options.out);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  } else {
    const zip = packageZip(prepared);
    for await (const chunk of zip) if (!io.stdout.write(chunk as Buffer)) await once(io.stdout, 'drain');
  }
  const seconds = (performance.now() - started) / 1000;
  const rows = prepared.progress();
  io.error(`cruxmap: exported ${rows} rows as ${format} in ${seconds.toFixed(2)} s (${Math.round(rows / Math.max(seconds, 1e-3))}/s)${options.out ? ` to ${options.out}` : ''}`);
}
