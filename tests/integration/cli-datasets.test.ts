// `cruxmap import-annotations` and `cruxmap export`, run as a user runs them (`node bin/cruxmap.js …` in a child
// process) on a fresh embedded folder, or on this file's throwaway database when DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { w3cExportViolations } from '../support/w3c-schemas';

let tmp: string;
let dataDir: string;
let ownerEmail: string;
const slug = 'cli-datasets';

function cliEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CRUXMAP_DATA_DIR: dataDir };
  if (!process.env.DATABASE_URL) delete env.DATABASE_URL;
  return env;
}

function cruxmap(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['bin/cruxmap.js', ...args], { env: cliEnv(), encoding: 'utf8', timeout: 90_000, input, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const paragraphs = Array.from({ length: 10 }, (_, i) => `Section ${i} makes claim ${i} about alpha${i} and omega${i} in plain words.`);

function hypothesisFile(rows: number, missing: number[]): string {
  return JSON.stringify({
    total: rows,
    rows: Array.from({ length: rows }, (_, i) => ({
      id: `cli-${i}`,
      user: `acct:cli${i % 3}@hypothes.is`,
      uri: 'https://example.org/essay',
      text: `CLI note ${i}`,
      target: [{ source: 'https://example.org/essay', selector: [{ type: 'TextQuoteSelector', exact: missing.includes(i) ? `absent quote ${i}` : `alpha${i % 10} and omega${i % 10}` }] }],
    })),
  });
}

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cruxmap-cli-datasets-'));
  dataDir = path.join(tmp, 'data');
  const email = `cli-owner-${path.basename(tmp)}@example.test`.toLowerCase();
  ownerEmail = email;
  expect(cruxmap(['user', 'create', '--email', email, '--name', 'CLI Owner', '--password-stdin'], 'a-long-cli-password\n').code).toBe(0);
  expect(cruxmap(['workspace', 'create', '--slug', slug, '--name', 'CLI datasets', '--owner', email]).code).toBe(0);
  const essay = path.join(tmp, 'essay.txt');
  await writeFile(essay, ['Essay', ...paragraphs].join('\n\n'));
  expect(cruxmap(['import', essay, '--workspace', slug, '--slug', 'essay']).code).toBe(0);
}, 180_000);

describe('cruxmap import-annotations and export', () => {
  it('imports a Hypothesis file, lists the orphans, skips what is already there on a second run, and exports it', async () => {
    const file = path.join(tmp, 'hypothesis.json');
    await writeFile(file, hypothesisFile(20, [4, 13]));
    const first = cruxmap(['import-annotations', file, '--workspace', slug]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('18 annotations imported (hypothesis), 0 already there, 2 orphans');
    expect(first.stdout).toMatch(/orphan #4 cli-4 \(quote-not-found\) "absent quote 4"/);
    expect(first.stdout).toMatch(/orphan #13 cli-13 \(quote-not-found\)/);
    const second = cruxmap(['import-annotations', file, '--workspace', slug, '--format', 'hypothesis']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 annotations imported (hypothesis), 18 already there, 2 orphans');

    const jsonl = cruxmap(['export', '--workspace', slug, '--format', 'jsonl']);
    expect(jsonl.code).toBe(0);
    const lines = jsonl.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; counts?: { annotations: number }; rationale?: { text: string } });
    expect(lines[0]).toMatchObject({ type: 'meta', counts: { annotations: 18 } });
    expect(lines.slice(1)).toHaveLength(18);
    expect(lines[1]?.rationale?.text).toMatch(/^CLI note \d+$/);
    expect(jsonl.stderr).toMatch(/exported 18 annotations as jsonl in [\d.]+ s \(\d+\/s\)/);

    const out = path.join(tmp, 'annotations.jsonld');
    const w3c = cruxmap(['export', '--workspace', slug, '--format', 'w3c', '--out', out]);
    expect(w3c.code).toBe(0);
    expect(w3c.stdout).toBe('');
    expect(existsSync(`${out}.partial`)).toBe(false);
    const collection = JSON.parse(await readFile(out, 'utf8')) as Record<string, unknown> & { total: number };
    expect(collection.total).toBe(18);
    expect(w3cExportViolations(collection)).toEqual([]);
  });

  it('stops at a bad row with a message naming it, exit code 2, and writes nothing', async () => {
    const file = path.join(tmp, 'bad.json');
    const good = JSON.parse(hypothesisFile(6, [])) as { rows: Record<string, unknown>[] };
    (good.rows[2] as { target: unknown[] }).target = [{ source: 'https://example.org/essay', selector: [{ type: 'TextPositionSelector', start: 9, end: 3 }] }];
    good.rows = good.rows.map((row, i) => ({ ...row, id: `bad-file-${i}` }));
    await writeFile(file, JSON.stringify(good));
    const result = cruxmap(['import-annotations', file, '--workspace', slug]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cruxmap: Annotation at index 2 is invalid: target\.0\.selector\.0\.end must be greater than start/);
    const meta = JSON.parse(cruxmap(['export', '--workspace', slug, '--format', 'jsonl']).stdout.split('\n')[0] as string) as { counts: { annotations: number } };
    expect(meta.counts.annotations).toBe(18);
  });

  it('takes --author as an email, and refuses one that names nobody with exit code 2', () => {
    // the imported annotations are the importing owner's: the owner's email, in another case, selects all 18
    const mine = cruxmap(['export', '--workspace', slug, '--format', 'jsonl', '--author', ownerEmail.toUpperCase()]);
    expect(mine.code).toBe(0);
    expect(JSON.parse(mine.stdout.split('\n')[0] as string)).toMatchObject({ counts: { annotations: 18 } });
    const nobody = cruxmap(['export', '--workspace', slug, '--format', 'jsonl', '--author', 'nobody@example.test']);
    expect(nobody.code).toBe(2);
    expect(nobody.stdout).toBe('');
    expect(nobody.stderr).toContain('--author takes an email or a user id; no user has "nobody@example.test"');
  });

  it('refuses unknown formats and workspaces with exit code 2', () => {
    const format = cruxmap(['export', '--workspace', slug, '--format', 'xlsx']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of jsonl, csv, w3c, credences');
    const workspace = cruxmap(['export', '--workspace', 'no-such-workspace', '--format', 'csv']);
    expect(workspace.code).toBe(2);
    expect(workspace.stderr).toContain('Workspace "no-such-workspace" not found.');
  });
});
