// Whether `npm start` must build: a SHA-256 of everything the build reads (the app's sources, the Prisma schema
// its client is generated from, the configs and the locked dependencies), compared with the one stored beside the
// last build in .next/. Contents, not file times: a fresh clone, a checkout or a touch leaves times that say
// nothing about what changed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What the build reads, relative to the project root (folders are walked). */
export const BUILD_INPUTS = [
  'app',
  'lib',
  'proxy.ts',
  'prisma/schema.prisma',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
];

/** Where the hash of the last build's inputs is kept (`next build` empties .next/ first, so a failed build leaves none). */
export const buildStampFile = (root: string): string => path.join(root, '.next', 'cruxmap-build-inputs.sha256');

/** Not read by the build: tests beside the code, and the Prisma client generated from prisma/schema.prisma. */
const isIgnored = (name: string): boolean => name === 'generated' || name === 'node_modules' || /\.test\.tsx?$/.test(name);

function files(root: string, entry: string, out: string[]): void {
  const full = path.join(root, entry);
  if (!existsSync(full)) return;
  if (!statSync(full).isDirectory()) {
    out.push(entry);
    return;
  }
  for (const child of readdirSync(full).sort()) if (!isIgnored(child)) files(root, path.posix.join(entry, child), out);
}

/** The hash of the build's inputs under `root`: each file's path and content, in path order. */
export function buildInputsHash(root: string): string {
  const hash = createHash('sha256');
  const list: string[] = [];
  for (const entry of BUILD_INPUTS) files(root, entry, list);
  for (const file of list) {
    const content = readFileSync(path.join(root, file));
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

/** Why a build is needed, or null when the last build's inputs are the ones here now. */
export function buildReason(root: string): string | null {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) return 'no build yet';
  const stamp = buildStampFile(root);
  if (!existsSync(stamp)) return 'the last build was not made by cruxmap (no hash of its sources)';
  return readFileSync(stamp, 'utf8').trim() === buildInputsHash(root) ? null : 'the sources changed since the last build';
}

/** After a successful build: the hash of the inputs it was made from (computed before it started). */
export function recordBuild(root: string, hash: string): void {
  writeFileSync(buildStampFile(root), `${hash}\n`);
}
