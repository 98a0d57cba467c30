// `npm start` builds only when what the build reads has changed: the hash of the build's inputs (lib/cli/build-inputs.ts)
// against the one kept beside the last build. A project of a few files in a temporary folder stands for the app.
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildInputsHash, buildReason, recordBuild } from '../../lib/cli/build-inputs';

let root: string;

async function put(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(path.join(root, file)), { recursive: true });
  await writeFile(path.join(root, file), content);
}

/** A finished build of the project as it is now, as `cruxmap build` leaves it. */
async function built(): Promise<void> {
  await put('.next/BUILD_ID', 'test-build\n');
  recordBuild(root, buildInputsHash(root));
}

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-build-inputs-'));
  await put('app/page.tsx', 'export default function Page() { return null; }\n');
  await put('lib/sum.ts', 'export const sum = (a: number, b: number) => a + b;\n');
  await put('next.config.js', 'export default {};\n');
  await put('package-lock.json', '{}\n');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the build inputs hash', () => {
  it('changes when a source file changes, and not when only its time does', async () => {
    const before = buildInputsHash(root);
    const later = new Date(Date.now() + 3_600_000);
    await utimes(path.join(root, 'lib/sum.ts'), later, later);
    await utimes(path.join(root, 'app'), later, later);
    expect(buildInputsHash(root)).toBe(before);

    await put('lib/sum.ts', 'export const sum = (a: number, b: number) => b + a;\n');
    expect(buildInputsHash(root)).not.toBe(before);
  });

  it('changes when a file is added, renamed or the lock file changes; not for a test file beside the code', async () => {
    const before = buildInputsHash(root);
    await put('lib/sum.test.ts', 'it.todo("adds");\n');
    expect(buildInputsHash(root)).toBe(before);

    await put('lib/extra.ts', 'export {};\n');
    const withExtra = buildInputsHash(root);
    expect(withExtra).not.toBe(before);
    await rm(path.join(root, 'lib/extra.ts'));
    await put('lib/other.ts', 'export {};\n');
    expect(buildInputsHash(root)).not.toBe(withExtra);

    const beforeLock = buildInputsHash(root);
    await put('package-lock.json', '{"lockfileVersion":3}\n');
    expect(buildInputsHash(root)).not.toBe(beforeLock);
  });

  it('asks for a build when there is none, none after one, and one again once a source changes (not when it is touched)', async () => {
    expect(buildReason(root)).toBe('no build yet');
    await built();
    expect(buildReason(root)).toBeNull();

    const later = new Date(Date.now() + 3_600_000);
    await utimes(path.join(root, 'app/page.tsx'), later, later);
    expect(buildReason(root)).toBeNull();

    await put('app/page.tsx', 'export default function Page() { return "changed"; }\n');
    expect(buildReason(root)).toBe('the sources changed since the last build');
  });

  it('rebuilds a build it did not make (next build run directly leaves no hash)', async () => {
    await put('.next/BUILD_ID', 'made-by-next\n');
    expect(buildReason(root)).toMatch(/no hash of its sources/);
  });
});
