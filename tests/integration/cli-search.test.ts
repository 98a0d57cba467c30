// `cruxmap search`, run as a user runs it (`node bin/cruxmap.js …` in a child process) on a fresh embedded folder
// with the bundled corpus (or on this file's throwaway database when DATABASE_URL is set): a word only in the text
// found, as lines and as the API's JSON; bad input exits 2 with the field's message.
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchPage } from '../../lib/search/schemas';

let dataDir: string;
const workspace = 'ai-alignment-reading-group';

function cruxmap(args: string[], timeout = 90_000) {
  const env: NodeJS.ProcessEnv = { ...process.env, CRUXMAP_DATA_DIR: dataDir };
  if (!process.env.DATABASE_URL) delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['bin/cruxmap.js', ...args], { env, encoding: 'utf8', timeout });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(async () => {
  dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'cruxmap-cli-search-')), 'data');
  // migrating and loading the five texts: slow on a busy machine
  expect(cruxmap(['setup'], 170_000).code).toBe(0);
}, 180_000);

describe('cruxmap search', () => {
  it('finds a word that is only in the text, as JSON the API would answer', () => {
    const result = cruxmap(['search', '--workspace', workspace, '--type', 'passage', '--json', 'janus']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const page = JSON.parse(result.stdout) as SearchPage;
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items[0]).toMatchObject({ type: 'passage', document: { slug: 'deceptive-alignment-flimsy-arguments' } });
    expect(page.items[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toContain('Janus');
    expect(Object.keys(page)).toEqual(expect.arrayContaining(['items', 'nextCursor', 'facets']));
  });

  it('refuses a bad type and a query over 200 characters with exit 2 and the field named', () => {
    const badType = cruxmap(['search', '--workspace', workspace, '--type', 'thing', 'janus']);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/type must be one of passage, claim, annotation, reply/);
    const long = cruxmap(['search', '--workspace', workspace, 'x'.repeat(201)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/q is too long \(200 characters at most\)/);
  });
});
