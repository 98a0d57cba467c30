// The command-line interface on this file's database, run in the test process (tests/support/cli.ts); through the
// real `node bin/cruxmap.js` in a child process only what a process shows: no data folder for a dry run or a
// mistake, and the embedded folder's lock.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { cruxmap, spawnCruxmap } from '../support/cli';

const contentFiles = [
  'power-seeking-agents.txt',
  'deceptive-alignment-flimsy-arguments.txt',
  'reward-maximization.txt',
  'steven-byrnes-comments.txt',
  'scheming-ais-section-3.txt',
];

type DryRunDocument = {
  title: string;
  text: string;
  passages: { id: string; index: number; kind: string; text: string; start: number; end: number }[];
  footnotes: unknown[];
  warnings: string[];
};

function expectExactPassages(doc: DryRunDocument): void {
  expect(doc.title.length).toBeGreaterThan(0);
  expect(Array.isArray(doc.footnotes)).toBe(true);
  expect(Array.isArray(doc.warnings)).toBe(true);
  expect(doc.passages.length).toBeGreaterThan(5);
  doc.passages.forEach((p, i) => {
    expect(p.index).toBe(i);
    expect(doc.text.slice(p.start, p.end)).toBe(p.text);
    expect(['heading', 'paragraph', 'list_item', 'quote', 'footnote']).toContain(p.kind);
  });
  expect(new Set(doc.passages.map((p) => p.id)).size).toBe(doc.passages.length);
}

let tmp: string;

/** The embedded database in `dir`, whatever the suite's database is: the lock only exists there. */
function embeddedEnv(dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CRUXMAP_DATA_DIR: dir };
  delete env.DATABASE_URL;
  return env;
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-cli-'));
});

describe('cruxmap import --dry-run --json', () => {
  it.each(contentFiles)('prints %s as passages that are exact ranges of the text', async (file) => {
    const { code, stdout } = await cruxmap(['import', path.join('content', file), '--dry-run', '--json']);
    expect(code).toBe(0);
    expectExactPassages(JSON.parse(stdout) as DryRunDocument);
  });
});

describe('cruxmap bad input', () => {
  it('exits 2 with one clear message for a missing, empty or binary file, or an unknown option', async () => {
    const empty = path.join(tmp, 'empty.txt');
    const binary = path.join(tmp, 'image.png');
    await writeFile(empty, '');
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a, 0x0a]));
    const cases: [string[], RegExp][] = [
      [['import', path.join(tmp, 'missing.txt')], /missing\.txt: no such file/],
      [['import', empty], /empty\.txt: the file is empty/],
      [['import', binary], /image\.png: looks like a binary file/],
      [['import', 'content/reward-maximization.txt', '--colour'], /unknown option '--colour'/],
      [['import'], /missing required argument/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, message] of cases) {
      const result = await cruxmap(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n').length, result.stderr).toBeLessThanOrEqual(2);
    }
  });
});

describe('the real bin/cruxmap.js', () => {
  it('prints a dry run and refuses a missing file with exit 2, without ever opening a data folder', () => {
    const dataDir = path.join(tmp, 'never-opened');
    const dryRun = spawnCruxmap(['import', ...contentFiles.map((file) => path.join('content', file)), '--dry-run', '--json'], { env: embeddedEnv(dataDir) });
    expect(dryRun.stderr).toBe('');
    expect(dryRun.code).toBe(0);
    const docs = JSON.parse(dryRun.stdout) as DryRunDocument[];
    expect(docs).toHaveLength(contentFiles.length);
    docs.forEach(expectExactPassages);
    const missing = spawnCruxmap(['import', path.join(tmp, 'missing.txt')], { env: embeddedEnv(dataDir) });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^cruxmap: .*missing\.txt: no such file/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(dataDir)).toBe(false); // neither a dry run nor a mistake opens the database
  });
});

describe('cruxmap import', () => {
  it('imports files with a progress line each, and re-importing them changes nothing', async () => {
    const files = ['content/power-seeking-agents.txt', 'content/reward-maximization.txt'];
    const first = await cruxmap(['import', ...files, '--workspace', 'ai-alignment-reading-group']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[1\/2\] content\/power-seeking-agents\.txt → created ai-alignment-reading-group\/power-seeking-agents v1: \d+ passages, 5 footnotes/);
    expect(lines[1]).toMatch(/^\[2\/2\] .* → created /);
    const again = await cruxmap(['import', ...files]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/→ unchanged .*power-seeking-agents v1/);
  });

  it('refuses a file over the document cap before importing any of the files given with it', async () => {
    const big = path.join(tmp, 'big.txt');
    await writeFile(big, `${'word '.repeat(419_430)}end`); // 2 097 153 bytes: one over the 2 MB default
    const before = await db.document.count();
    const result = await cruxmap(['import', 'content/scheming-ais-section-3.txt', big]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/big\.txt is too large: 2097153 bytes \(2 MB\) of UTF-8, and a document's text may be at most 2097152 bytes/);
    expect(result.stdout).toBe('');
    expect(await db.document.count()).toBe(before);
    expect(await db.document.count({ where: { slug: 'scheming-ais-section-3' } })).toBe(0);
  });

  it('refuses an unknown workspace without writing', async () => {
    const result = await cruxmap(['import', 'content/power-seeking-agents.txt', '--workspace', 'nobody-here']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/workspace "nobody-here" does not exist/);
  });
});

describe('embedded database lock', () => {
  let holder: ReturnType<typeof spawn>;
  afterAll(() => holder?.kill());

  it('refuses to write while another process holds the embedded folder', async () => {
    const lockedDir = path.join(tmp, 'locked');
    holder = spawn('sleep', ['60']);
    await mkdir(lockedDir, { recursive: true });
    await writeFile(path.join(lockedDir, 'pglite.lock'), String(holder.pid));
    const result = spawnCruxmap(['import', 'content/power-seeking-agents.txt'], { env: embeddedEnv(lockedDir) });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is in use by another Cruxmap process \(pid \d+/);
    expect(existsSync(path.join(lockedDir, 'pglite'))).toBe(false);
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const staleDir = path.join(tmp, 'stale');
    await mkdir(staleDir, { recursive: true });
    const gone = spawnSync('true');
    await writeFile(path.join(staleDir, 'pglite.lock'), String(gone.pid));
    const result = spawnCruxmap(['import', 'content/power-seeking-agents.txt'], { env: embeddedEnv(staleDir) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(path.join(staleDir, 'pglite.lock'))).toBe(false);
  });
});
