// GET /api/v1/workspaces/:ws/search over HTTP (the route handler in process): the JSON shape, 400 with field
// messages on every bad parameter, 404 for a workspace or document the viewer may not read, and a public
// workspace searched signed out.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchPage } from '@/lib/search/schemas';
import { createWorkspace, importDocument, signedInClient, signUp, shortText, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();

let owner: HttpClient;
let outsider: HttpClient;
let anonymous: HttpClient;
let workspace: TestWorkspace;
let other: TestWorkspace;

const search = (client: HttpClient, query: string, ws = workspace.slug) => client.get(`/api/v1/workspaces/${ws}/search?${query}`);

beforeAll(async () => {
  anonymous = new HttpClient(app, { clientIp });
  const [ownerAccount, outsiderAccount] = await Promise.all([signUp(anonymous, 'search-owner'), signUp(anonymous, 'search-outsider')]);
  owner = await signedInClient(app, ownerAccount, clientIp);
  outsider = await signedInClient(app, outsiderAccount, clientIp);
  workspace = await createWorkspace(owner, 'search');
  other = await createWorkspace(outsider, 'search-elsewhere');
  await importDocument(owner, workspace.slug, { slug: 'doors', text: shortText('Doors', 'Janus watches both doors of the house.', 'A second paragraph about windows.') });
  await importDocument(outsider, other.slug, { slug: 'theirs', text: shortText('Theirs', 'Janus lives here too, in another workspace.') });
});

describe('GET …/search', () => {
  it('answers items with exactly the documented fields, snippets as segments and facets on the first page', async () => {
    const page = expectOk<SearchPage>(await search(owner, 'q=janus'), 'search');
    expect(page.nextCursor).toBeNull();
    expect(page.items).toHaveLength(1);
    const [item] = page.items;
    expect(typeof item!.id).toBe('string');
    expect(typeof item!.documentId).toBe('string');
    expect(item!.score).toBeGreaterThan(0);
    expect(item).toEqual({
      type: 'passage',
      id: item!.id,
      documentId: item!.documentId,
      passageId: item!.id,
      claimId: null,
      snippet: [
        { text: 'Janus', match: true },
        { text: ' watches both doors of the house.', match: false },
      ],
      score: item!.score,
      kind: null,
      document: { id: item!.documentId, slug: 'doors', title: 'Doors' },
    });
    expect(page.facets).toMatchObject({ total: 1, capped: false, type: [{ value: 'passage', label: 'Passages', count: 1 }], document: [{ label: 'Doors', count: 1 }], kind: [] });
  });

  it('refuses bad parameters with 400 and the field named, never cutting or clamping', async () => {
    const cases: [string, string, RegExp][] = [
      ['', 'q', /is required/],
      ['q=%20%20', 'q', /is required/],
      [`q=${'a'.repeat(201)}`, 'q', /too long \(200 characters at most\)/],
      ['q=-janus', 'q', /needs a word to look for/],
      [`q=${Array.from({ length: 33 }, (_, i) => `w${i}`).join('+')}`, 'q', /too many words/],
      ['q=janus&limit=0', 'limit', /at least 1/],
      ['q=janus&limit=51', 'limit', /at most 50/],
      ['q=janus&limit=ten', 'limit', /number/],
      ['q=janus&type=things', 'type', /must be one of passage, claim, annotation, reply/],
      ['q=janus&kind=opinion', 'kind', /must be one of claim, evidence, crux, probability/],
      ['q=janus&cursor=%24%24', 'cursor', /not a valid cursor/],
      ['q=janus&cursor=WzEsMl0', 'cursor', /not a valid cursor/],
    ];
    for (const [query, field, message] of cases) {
      const response = await search(owner, query);
      expect(response.status, query).toBe(400);
      expect(errorOf(response).fields?.[field]?.join(' '), query).toMatch(message);
    }
    expect(expectOk<SearchPage>(await search(owner, `q=${'a'.repeat(194)}+janus`), '200 characters').items).toEqual([]);
  });

  it('answers 404 for a workspace the viewer may not read (401 signed out) and for another workspace\'s document', async () => {
    expect((await search(outsider, 'q=janus')).status).toBe(404);
    // signed out: the same 401 as for a workspace that does not exist
    expect((await search(anonymous, 'q=janus')).status).toBe(401);
    expect((await search(anonymous, 'q=janus', 'no-such-workspace')).status).toBe(401);
    expect((await search(owner, 'q=janus', 'no-such-workspace')).status).toBe(404);
    expect((await search(owner, 'q=janus&document=theirs')).status).toBe(404);
    const theirs = expectOk<SearchPage>(await search(outsider, 'q=janus', other.slug), 'their search');
    expect(theirs.items.map((i) => i.document?.slug)).toEqual(['theirs']);
  });

  it('lets anyone search a public workspace, signed out', async () => {
    expectOk(await owner.patch(`/api/v1/workspaces/${workspace.slug}`, { visibility: 'public' }), 'make public');
    const page = expectOk<SearchPage>(await search(anonymous, 'q=doors&type=passage'), 'anonymous search');
    // the title and the paragraph
    expect(page.items.map((i) => i.document?.slug)).toEqual(['doors', 'doors']);
  });
});
