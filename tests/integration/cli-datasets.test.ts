// `cruxmap import-annotations` and `cruxmap export`, run in the test process (tests/support/cli.ts) on this file's
// database; and once through the real `node bin/cruxmap.js`, whose export runs in a child with a capped heap.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cruxmap, spawnCruxmap } from '../support/cli';
import { w3cExportViolations } from '../support/w3c-schemas';

let tmp: string;
let ownerEmail: string;
const slug = 'cli-datasets';

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
  const email = `cli-owner-${path.basename(tmp)}@example.test`.toLowerCase();
  ownerEmail = email;
  expect((await cruxmap(['user', 'create', '--email', email, '--name', 'CLI Owner', '--password-stdin'], 'a-long-cli-password\n')).code).toBe(0);
  expect((await cruxmap(['workspace', 'create', '--slug', slug, '--name', 'CLI datasets', '--owner', email])).code).toBe(0);
  const essay = path.join(tmp, 'essay.txt');
  await writeFile(essay, ['Essay', ...paragraphs].join('\n\n'));
  expect((await cruxmap(['import', essay, '--workspace', slug, '--slug', 'essay'])).code).toBe(0);
});

describe('cruxmap import-annotations and export', () => {
  it('imports a Hypothesis file, lists the orphans, skips what is already there on a second run, and exports it', async () => {
    const file = path.join(tmp, 'hypothesis.json');
    await writeFile(file, hypothesisFile(20, [4, 13]));
    const first = await cruxmap(['import-annotations', file, '--workspace', slug]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('18 annotations imported (hypothesis), 0 already there, 2 orphans');
    expect(first.stdout).toMatch(/orphan #4 cli-4 \(quote-not-found\) "absent quote 4"/);
    expect(first.stdout).toMatch(/orphan #13 cli-13 \(quote-not-found\)/);
    const second = await cruxmap(['import-annotations', file, '--workspace', slug, '--format', 'hypothesis']);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 annotations imported (hypothesis), 18 already there, 2 orphans');

    const jsonl = await cruxmap(['export', '--workspace', slug, '--format', 'jsonl']);
    expect(jsonl.code).toBe(0);
    const lines = jsonl.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; counts?: { annotations: number }; rationale?: { text: string } });
    expect(lines[0]).toMatchObject({ type: 'meta', counts: { annotations: 18 } });
    expect(lines.slice(1)).toHaveLength(18);
    expect(lines[1]?.rationale?.text).toMatch(/^CLI note \d+$/);
    expect(jsonl.stderr).toMatch(/exported 18 annotations as jsonl in [\d.]+ s \(\d+\/s\)/);

    const out = path.join(tmp, 'annotations.jsonld');
    const w3c = await cruxmap(['export', '--workspace', slug, '--format', 'w3c', '--out', out]);
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
    const result = await cruxmap(['import-annotations', file, '--workspace', slug]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cruxmap: Annotation at index 2 is invalid: target\.0\.selector\.0\.end must be greater than start/);
    const meta = JSON.parse((await cruxmap(['export', '--workspace', slug, '--format', 'jsonl'])).stdout.split('\n')[0] as string) as { counts: { annotations: number } };
    expect(meta.counts.annotations).toBe(18);
  });

  it('takes --author as an email, and refuses one that names nobody with exit code 2', async () => {
    // the imported annotations are the importing owner's: the owner's email, in another case, selects all 18
    const mine = await cruxmap(['export', '--workspace', slug, '--format', 'jsonl', '--author', ownerEmail.toUpperCase()]);
    expect(mine.code).toBe(0);
    expect(JSON.parse(mine.stdout.split('\n')[0] as string)).toMatchObject({ counts: { annotations: 18 } });
    const nobody = await cruxmap(['export', '--workspace', slug, '--format', 'jsonl', '--author', 'nobody@example.test']);
    expect(nobody.code).toBe(2);
    expect(nobody.stdout).toBe('');
    expect(nobody.stderr).toContain('--author takes an email or a user id; no user has "nobody@example.test"');
  });

  it('takes --author as a user id too', async () => {
    const { db } = await import('../../lib/db');
    const { id } = await db.user.findFirstOrThrow({ where: { email: ownerEmail }, select: { id: true } });
    const byId = await cruxmap(['export', '--workspace', slug, '--format', 'jsonl', '--author', id]);
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.stdout.split('\n')[0] as string)).toMatchObject({ counts: { annotations: 18 } });
  });

  it('writes a Polis export as a folder of its three files, and refuses --identities with it', async () => {
    const out = path.join(tmp, 'polis');
    const result = await cruxmap(['export', '--workspace', slug, '--format', 'polis', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/exported \d+ rows as polis in/);
    expect((await readFile(path.join(out, 'comments.csv'), 'utf8')).split('\n')[0]).toBe('timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body');
    expect((await readFile(path.join(out, 'votes.csv'), 'utf8')).split('\n')[0]).toBe('timestamp,datetime,comment-id,voter-id,vote');
    expect((await readFile(path.join(out, 'participants-votes.csv'), 'utf8')).split('\n')[0]).toMatch(/^participant,group-id,n-comments,n-votes,n-agree,n-disagree(,\d+)*$/);
    const refused = await cruxmap(['export', '--workspace', slug, '--format', 'polis', '--identities']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--identities is for --format package');
  });

  it('writes the credence matrix with its claims file beside it (m.csv, m.claims.csv)', async () => {
    const out = path.join(tmp, 'm.csv');
    const result = await cruxmap(['export', '--workspace', slug, '--format', 'credences', '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`to ${path.join(tmp, 'm.claims.csv')}`);
    const header = (await readFile(out, 'utf8')).split('\r\n')[0] as string;
    const claims = (await readFile(path.join(tmp, 'm.claims.csv'), 'utf8')).split('\r\n').filter((l) => l !== '');
    expect(claims[0]).toBe('claim_id,statement,merged_from');
    expect(claims.slice(1).map((l) => l.split(',')[0])).toEqual(header.split(',').slice(2));
  });

  it('refuses unknown formats and workspaces with exit code 2', async () => {
    const format = await cruxmap(['export', '--workspace', slug, '--format', 'xlsx']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format must be one of jsonl, csv, w3c, credences');
    const workspace = await cruxmap(['export', '--workspace', 'no-such-workspace', '--format', 'csv']);
    expect(workspace.code).toBe(2);
    expect(workspace.stderr).toContain('Workspace "no-such-workspace" not found.');
  });

  it('exits 2 with the message through the real bin/cruxmap.js, whose export runs in a capped-heap child', () => {
    const format = spawnCruxmap(['export', '--workspace', slug, '--format', 'xlsx']);
    expect(format.code).toBe(2);
    expect(format.stdout).toBe('');
    expect(format.stderr).toBe('cruxmap: --format must be one of jsonl, csv, w3c, credences, credence-claims, package, polis (got "xlsx")\n');
  });
});
