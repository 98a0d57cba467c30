// Annotation datasets over HTTP (route handlers in process): the streamed export (headers, formats, filters, bad
// input), the import of a W3C file into another workspace and of a Hypothesis file (orphans, idempotence, a bad
// row that writes nothing), the W3C Web Annotation Protocol container at its trailing-slash address (Prefer,
// paging, headers, ETag) and the Cruxmap JSON-LD context.
import { parse as parseCsv } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace, importDocument, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { essay, hypothesisRows, setUpDatasetWorkspace } from '../support/dataset-fixture';
import { errorOf, expectOk, HttpClient, type ApiResponse } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';
import { w3cExportViolations, w3cViolations } from '../support/w3c-schemas';

const app = inProcessApp();
const clientIp = uniqueClientIp();

type Collection = Record<string, unknown> & { total: number; first: Page | string; last?: string; type: string | string[] };
type Page = Record<string, unknown> & { id: string; items: (Record<string, unknown> | string)[]; next?: string; startIndex: number };
type ImportAnswer = { import: { created: number; skipped: number; total: number; orphans: { index: number; reason: string }[] } };

let owner: HttpClient;
let reviewer: HttpClient;
let observer: HttpClient;
let outsider: HttpClient;
let accounts: Record<'owner' | 'reviewer' | 'observer', TestAccount>;
let workspace: TestWorkspace;

const api = (path: string, ws = workspace.slug): string => `/api/v1/workspaces/${ws}${path}`;
const container = (ws = workspace.slug): string => `/api/v1/workspaces/${ws}/w3c/annotations/`;

async function exportOf(client: HttpClient, query: string, ws = workspace.slug): Promise<ApiResponse> {
  return client.get(api(`/export?${query}`, ws));
}

beforeAll(async () => {
  ({ owner, reviewer, observer, outsider, accounts, workspace } = await setUpDatasetWorkspace(app, clientIp));
  // 150 more through the Hypothesis importer, so the protocol container has two pages
  const imported = expectOk<ImportAnswer>(await owner.post(api('/import?format=hypothesis'), { rows: hypothesisRows(150, { prefix: 'seed' }) }), 'seed import');
  expect(imported.import.created).toBe(150);
});

describe('GET …/export', () => {
  it('streams JSONL to an observer with a download name, the total, and a meta line first', async () => {
    const response = await exportOf(observer, 'format=jsonl');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${workspace.slug}-annotations-.+\\.jsonl"$`));
    expect(response.headers.get('x-export-total')).toBe('153');
    const lines = response.text.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; counts?: { annotations: number }; author?: { email: string | null } });
    expect(lines[0]).toMatchObject({ type: 'meta', schemaVersion: '1.1', counts: { annotations: 153 } });
    expect(lines.slice(1)).toHaveLength(153);
    expect(lines.slice(1).every((l) => l.type === 'annotation' && l.author?.email === null)).toBe(true);
    expect(response.text).not.toContain(accounts.reviewer.email);
  });

  it('filters by document and kind, and pseudonymises', async () => {
    const evidence = await exportOf(reviewer, 'format=csv&kind=evidence&document=dataset-essay&pseudonymise=true');
    expect(evidence.status).toBe(200);
    const rows = parseCsv<Record<string, string>>(evidence.text, { columns: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.author_name).toMatch(/^reviewer-[0-9a-f]{12}$/);
    expect(rows[0]?.author_email).toBe('');
    expect(evidence.text).not.toContain(accounts.owner.name);
    const claims = parseCsv<Record<string, string>>((await exportOf(owner, 'format=csv&kind=claim')).text, { columns: true });
    expect(claims.find((r) => r.exact === 'argues point 3')?.rationale).toBe(`'=cmd|calc, "quoted"`);
  });

  it("serves the credence matrix's claims file: one row per matrix column, in the matrix's order", async () => {
    const matrix = await exportOf(observer, 'format=credences');
    expect(matrix.status).toBe(200);
    const columns = (matrix.text.split('\r\n')[0] as string).split(',').slice(2);
    expect(columns).toHaveLength(1);
    const response = await exportOf(observer, 'format=credence-claims');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(response.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${workspace.slug}-credences-.+\\.claims\\.csv"$`));
    expect(response.text.split('\r\n')[0]).toBe('claim_id,statement,merged_from');
    const rows = parseCsv<Record<string, string>>(response.text, { columns: true });
    expect(rows).toEqual([{ claim_id: columns[0], statement: 'argues point 3', merged_from: '' }]);
  });

  it('answers bad filters with 400 field messages and an unknown document with 422', async () => {
    const bad = await exportOf(owner, 'format=xlsx&kind=opinion&from=yesterday');
    expect(bad.status).toBe(400);
    expect(Object.keys(errorOf(bad).fields ?? {}).sort()).toEqual(['format', 'from', 'kind']);
    const missing = await exportOf(owner, 'format=jsonl&document=no-such-document');
    expect(missing.status).toBe(422);
    expect(errorOf(missing).fields).toHaveProperty('document');
  });

  it('hides a private workspace from non-members (404) and asks signed-out visitors to sign in (401)', async () => {
    expect((await exportOf(outsider, 'format=jsonl')).status).toBe(404);
    expect((await exportOf(new HttpClient(app), 'format=jsonl')).status).toBe(401);
  });
});

describe('POST …/import', () => {
  it('imports the w3c export into another workspace with the same document, once, and the result validates', async () => {
    const file = await exportOf(owner, 'format=w3c');
    expect(file.headers.get('content-type')).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    const collection = JSON.parse(file.text) as Collection;
    expect(w3cExportViolations(collection)).toEqual([]);
    const other = await createWorkspace(owner, 'datasets-copy');
    await importDocument(owner, other.slug, { slug: 'dataset-essay', text: essay, title: 'Dataset essay' });
    const first = expectOk<ImportAnswer>(await owner.post(api('/import', other.slug), collection), 'import');
    expect(first.import).toMatchObject({ total: 153, created: 153, skipped: 0, orphans: [] });
    const second = expectOk<ImportAnswer>(await owner.post(api('/import', other.slug), collection), 're-import');
    expect(second.import).toMatchObject({ created: 0, skipped: 153 });
    const again = JSON.parse((await exportOf(owner, 'format=w3c', other.slug)).text) as Collection;
    expect(again.total).toBe(153);
    expect(w3cExportViolations(again)).toEqual([]);
  });

  it('reports quotes that are not in the text as orphans and anchors the rest', async () => {
    const other = await createWorkspace(owner, 'datasets-hyp');
    await importDocument(owner, other.slug, { slug: 'dataset-essay', text: essay });
    const answer = expectOk<ImportAnswer>(await owner.post(api('/import', other.slug), hypothesisRows(40, { missingEvery: 10 })), 'import');
    expect(answer.import.created).toBe(36);
    expect(answer.import.orphans.map((o) => [o.index, o.reason])).toEqual([0, 10, 20, 30].map((i) => [i, 'quote-not-found']));
  });

  it('refuses a file with a bad row with 400 naming the row, and writes nothing', async () => {
    const other = await createWorkspace(owner, 'datasets-bad');
    await importDocument(owner, other.slug, { slug: 'dataset-essay', text: essay });
    const rows: unknown[] = hypothesisRows(5);
    rows[3] = { id: 'broken', uri: 'https://example.org/dataset-essay', target: 'not a list' };
    const answer = await owner.post(api('/import', other.slug), { rows });
    expect(answer.status).toBe(400);
    expect(errorOf(answer).message).toMatch(/index 3/);
    expect(Object.keys(errorOf(answer).fields ?? {})).toEqual(['items.3.target']);
    const after = JSON.parse((await exportOf(owner, 'format=jsonl', other.slug)).text.split('\n')[0] as string) as { counts: { annotations: number } };
    expect(after.counts.annotations).toBe(0);
  });

  it('lets only owners import', async () => {
    const answer = await reviewer.post(api('/import'), { rows: hypothesisRows(1, { prefix: 'reviewer' }) });
    expect(answer.status).toBe(403);
    expect(errorOf(answer).message).toBe('Only workspace owners can import annotations.');
  });
});

describe('W3C Web Annotation Protocol container', () => {
  it('answers at its trailing-slash address with the protocol headers and embedded descriptions by default', async () => {
    const response = await observer.get(container());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    expect(response.headers.get('link')).toContain('<http://www.w3.org/ns/ldp#BasicContainer>; rel="type"');
    expect(response.headers.get('link')).toContain('<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"');
    expect(response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(response.headers.get('vary')).toMatch(/Accept, Prefer/);
    const etag = response.headers.get('etag') as string;
    expect(etag).toMatch(/^W\/".+"$/);
    const body = response.json as Collection;
    expect(body.type).toEqual(['BasicContainer', 'AnnotationCollection']);
    expect(body.total).toBe(153);
    const first = body.first as Page;
    expect(first.items).toHaveLength(100);
    expect(typeof first.items[0]).toBe('object');
    expect(first.next).toBe(`${String(body.id).split('?')[0]}?iris=0&page=1`);
    expect(w3cViolations('collection', body)).toEqual([]);
    for (const item of first.items.slice(0, 5)) expect(w3cViolations('annotation', { '@context': body['@context'], ...(item as object) })).toEqual([]);

    const cached = await observer.get(container(), { headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
  });

  it('honours Prefer: minimal container, contained IRIs', async () => {
    const minimal = await observer.get(container(), {
      headers: { prefer: 'return=representation; include="http://www.w3.org/ns/ldp#PreferMinimalContainer"' },
    });
    expect(minimal.status).toBe(200);
    expect(minimal.headers.get('preference-applied')).toBe('return=representation');
    const m = minimal.json as Collection;
    expect(typeof m.first).toBe('string');
    expect(m.last).toMatch(/\?iris=0&page=1$/);
    expect(minimal.text).not.toContain('TextQuoteSelector');

    const iris = await observer.get(container(), { headers: { prefer: 'return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"' } });
    const first = (iris.json as Collection).first as Page;
    expect(first.items.every((i) => typeof i === 'string')).toBe(true);
    expect(iris.headers.get('etag')).not.toBe(minimal.headers.get('etag'));

    // each IRI is where the annotation is served
    const one = await observer.get(new URL(first.items[0] as string).pathname);
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toBe('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"');
    expect(w3cViolations('annotation', one.json)).toEqual([]);
    expect((one.json as { id: string }).id).toBe(first.items[0]);
  });

  it('pages through every annotation once, each page a valid AnnotationPage', async () => {
    const seen = new Set<string>();
    let next: string | undefined = `${container()}?iris=0&page=0`;
    let pages = 0;
    while (next) {
      const response = await observer.get(next.startsWith('http') ? new URL(next).pathname + new URL(next).search : next);
      expect(response.status).toBe(200);
      const page = response.json as Page;
      expect(w3cViolations('page', page)).toEqual([]);
      expect(page.startIndex).toBe(pages * 100);
      for (const item of page.items) seen.add((item as { id: string }).id);
      next = page.next;
      pages += 1;
    }
    expect(pages).toBe(2);
    expect(seen.size).toBe(153);
    expect((await observer.get(`${container()}?page=2`)).status).toBe(404);
    expect((await observer.get(`${container()}?page=-1`)).status).toBe(400);
  });

  it('serves the Cruxmap JSON-LD context', async () => {
    const response = await new HttpClient(app).get('/ns/cruxmap.jsonld');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect((response.json as { '@context': Record<string, unknown> })['@context']).toHaveProperty('cruxmap:tiptap');
  });
});
