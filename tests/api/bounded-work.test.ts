// Requests that once stalled the server (issue 13, finding 1) or fed it unbounded text (item 1) over HTTP, the
// route handlers in process: each answers within a bound far looser than its normal time while a concurrent health
// check is served (bounds against a stall, not benchmarks), and a document over the size cap is refused with 413
// on preview and import, writing nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient, type ApiResponse } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();

let owner: HttpClient;
let workspace: TestWorkspace;

const timed = async (request: Promise<ApiResponse>): Promise<{ response: ApiResponse; ms: number }> => {
  const started = performance.now();
  const response = await request;
  return { response, ms: performance.now() - started };
};

beforeAll(async () => {
  const account = await signUp(new HttpClient(app, { clientIp }), 'bounded');
  owner = await signedInClient(app, account, clientIp);
  workspace = await createWorkspace(owner, 'bounded');
});

describe('bounded work over HTTP', () => {
  it('answers a claim on "e" with 1 000-character prefix and suffix in "e "×300 at once, and health meanwhile', async () => {
    const doc = await importDocument(owner, workspace.slug, { text: `Letters\n\n${'e '.repeat(300)}` });
    const context = 'x'.repeat(1000);
    // 7..8 is the line break after "Letters", not the quote: it is searched for, and with no context like it, not found
    const body = { document: doc.slug, kind: 'claim', target: { exact: 'e', prefix: context, suffix: context, start: 7, end: 8 } };
    const annotations = `/api/v1/workspaces/${workspace.slug}/annotations`;
    // a first request loads the route's modules, so the timed one measures the anchoring
    expect((await owner.post(annotations, {})).status).toBe(400);
    const annotation = timed(owner.post(annotations, body));
    const health = timed(new HttpClient(app).get('/api/v1/health'));
    const [created, checked] = await Promise.all([annotation, health]);
    expect(created.response.status).toBe(422);
    expect(errorOf(created.response).message).toMatch(/not found elsewhere/);
    expect(checked.response.status).toBe(200);
    // normally tens of milliseconds each; the stall took 12.8 s, with health waiting 12.3 s behind it
    expect(created.ms).toBeLessThan(2000);
    expect(checked.ms).toBeLessThan(1000);
  });

  it('refuses a document text over 2 MB with 413 and a message, on preview and import, writing nothing', async () => {
    const documents = `/api/v1/workspaces/${workspace.slug}/documents`;
    const before = expectOk<{ items: unknown[] }>(await owner.get(documents), 'list documents').items.length;
    const text = `Too long\n\n${'word '.repeat(420_000)}`;
    for (const preview of [true, false]) {
      const response = await owner.post(documents, { slug: 'too-long', text, preview });
      expect(response.status).toBe(413);
      const error = errorOf(response);
      expect(error.code).toBe('PAYLOAD_TOO_LARGE');
      expect(error.message).toMatch(/too large: \d+ bytes \(2 MB\) of UTF-8, and a document's text may be at most 2097152 bytes \(2 MB\)/);
    }
    const after = expectOk<{ items: Array<{ slug: string }> }>(await owner.get(documents), 'list documents').items;
    expect(after.length).toBe(before);
    expect(after.map((d) => d.slug)).not.toContain('too-long');
  });
});
