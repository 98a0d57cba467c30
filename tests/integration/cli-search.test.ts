// `cruxmap search`, run in the test process (tests/support/cli.ts) on this file's database after `cruxmap setup`
// loaded the bundled corpus: a word only in the text found, as lines and as the API's JSON; bad input exits 2 with
// the field's message, in process and once through the real `node bin/cruxmap.js`.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchPage } from '../../lib/search/schemas';
import { cruxmap, spawnCruxmap } from '../support/cli';

const workspace = 'ai-alignment-reading-group';

beforeAll(async () => {
  // loading the five texts (and the demo data on the embedded database): slow on a busy machine
  expect((await cruxmap(['setup'])).code).toBe(0);
}, 180_000);

describe('cruxmap search', () => {
  it('finds a word that is only in the text, as JSON the API would answer', async () => {
    const result = await cruxmap(['search', '--workspace', workspace, '--type', 'passage', '--json', 'janus']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const page = JSON.parse(result.stdout) as SearchPage;
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items[0]).toMatchObject({ type: 'passage', document: { slug: 'deceptive-alignment-flimsy-arguments' } });
    expect(page.items[0]!.snippet.filter((s) => s.match).map((s) => s.text)).toContain('Janus');
    expect(Object.keys(page)).toEqual(expect.arrayContaining(['items', 'nextCursor', 'facets']));
  });

  it('refuses a bad type and a query over 200 characters with exit 2 and the field named', async () => {
    const badType = await cruxmap(['search', '--workspace', workspace, '--type', 'thing', 'janus']);
    expect(badType.code).toBe(2);
    expect(badType.stderr).toMatch(/type must be one of passage, claim, annotation, reply/);
    const long = await cruxmap(['search', '--workspace', workspace, 'x'.repeat(201)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/q is too long \(200 characters at most\)/);
  });

  it('refuses a bad type with exit 2 through the real bin/cruxmap.js', () => {
    const badType = spawnCruxmap(['search', '--workspace', workspace, '--type', 'thing', 'janus']);
    expect(badType.code).toBe(2);
    expect(badType.stdout).toBe('');
    expect(badType.stderr).toMatch(/^cruxmap: .*type must be one of passage, claim, annotation, reply/);
  });
});
