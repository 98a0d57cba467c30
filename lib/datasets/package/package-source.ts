// Reading a data package from disk for `cruxmap workspace restore`: a folder (our CLI's --out DIR) or a zip (the
// CLI's --out FILE.zip, the API's download), its files found at the root or in one top folder. Bounded: a zip
// larger than the cap is refused before it is read, and the files read (a zip's as they are inflated, so a zip
// bomb stops at the cap) may not add up to more.
import { open, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { AppError } from '../../errors';

/** The largest zip, and the most text (all files together), an import reads: everything is held in memory at once. */
export const MAX_PACKAGE_BYTES = 512 * 1024 * 1024;

type InflateStream = {
  on(event: 'data', listener: (chunk: Uint8Array) => void): InflateStream;
  on(event: 'error' | 'end', listener: () => void): InflateStream;
  pause(): InflateStream;
  resume(): InflateStream;
};

export type PackageSource = {
  /** where it came from, for messages */
  label: string;
  /** a file's text, or null when the package has no such file */
  read: (file: string) => Promise<string | null>;
};

const tooLarge = (label: string, maxBytes: number) =>
  new AppError('UNPROCESSABLE', `Not a usable Cruxmap package: ${label} is larger than the ${Math.round(maxBytes / (1024 * 1024))} MB an import reads.`);

/** True when `file` is a folder holding datapackage.json or a file that starts like a zip. */
export async function looksLikePackage(file: string): Promise<boolean> {
  const info = await stat(file);
  if (info.isDirectory()) return true;
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    await handle.close();
  }
}

export async function openPackage(file: string, { maxBytes = MAX_PACKAGE_BYTES }: { maxBytes?: number } = {}): Promise<PackageSource> {
  const info = await stat(file);
  const label = path.basename(file);
  let budget = maxBytes;
  const spend = (bytes: number) => {
    budget -= bytes;
    if (budget < 0) throw tooLarge(label, maxBytes);
  };
  if (info.isDirectory()) {
    const names = new Set(await readdir(file));
    const dir = names.has('datapackage.json') ? file : null;
    if (!dir) throw new AppError('UNPROCESSABLE', `Not a usable Cruxmap package: the folder ${label} has no datapackage.json.`);
    return {
      label,
      async read(name) {
        if (!names.has(name)) return null;
        spend((await stat(path.join(dir, name))).size);
        return readFile(path.join(dir, name), 'utf8');
      },
    };
  }
  if (info.size > maxBytes) throw tooLarge(label, maxBytes);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(await readFile(file));
  } catch {
    throw new AppError('UNPROCESSABLE', `Not a usable Cruxmap package: ${label} is not a readable zip file.`);
  }
  // at the root, or inside the one folder a re-zipped download may add
  const descriptor = Object.keys(zip.files).filter((n) => /^(?:[^/]+\/)?datapackage\.json$/.test(n)).sort((a, b) => a.length - b.length)[0];
  if (!descriptor) throw new AppError('UNPROCESSABLE', `Not a usable Cruxmap package: ${label} has no datapackage.json.`);
  const prefix = descriptor.slice(0, descriptor.length - 'datapackage.json'.length);
  return {
    label,
    async read(name) {
      const entry = zip.file(`${prefix}${name}`);
      if (!entry) return null;
      // inflated chunk by chunk, counted against the budget as they come
      const chunks: Uint8Array[] = [];
      await new Promise<void>((resolve, reject) => {
        let failed = false;
        // JSZip's documented internalStream (ZipObject#internalStream), missing from its type declarations
        const stream = (entry as unknown as { internalStream: (type: 'uint8array') => InflateStream }).internalStream('uint8array');
        stream
          .on('data', (chunk) => {
            if (failed) return;
            try {
              spend(chunk.length);
              chunks.push(chunk);
            } catch (error) {
              failed = true;
              stream.pause();
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          })
          .on('error', () => {
            if (!failed) reject(new AppError('UNPROCESSABLE', `Not a usable Cruxmap package: ${name} in ${label} cannot be read (a damaged zip?).`));
            failed = true;
          })
          .on('end', () => {
            if (!failed) resolve();
          })
          .resume();
      });
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
