// Property-based fuzzing of the public API (issue 13, item 7): every route handler under app/api/v1 and every method
// it exports gets requests drawn from its own zod schemas (params, query, body — tests/support/schema-arbitrary.ts),
// mixed with ids that exist and with arbitrary JSON, strings and broken bodies, sent by a workspace owner signed in
// (a session cookie, as the pages send them). Whatever the input, the answer is 2xx, 400, 404, 409, 413, 422 or 429 — never a 500 — and a refused
// request leaves every table as it was (tests/support/data-fingerprint.ts). The document importer gets its own
// property over generated texts (Markdown, HTML and plain text made of the pieces its parsers look for), previewed
// and imported. Fixed seed, fixed number of runs per route: the same inputs every time, in bounded time.
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { routeInputSchemas } from '@/lib/api/handler';
import { sourceFormats } from '@/lib/corpus/schemas';
import { documentKinds } from '@/lib/documents/schemas';
import { createApiToken, createInviteLink, acceptInvite, createWorkspace, importDocument, signedInClient, signUp } from '../support/api-actors';
import { changedTables, dataFingerprint, type Fingerprint } from '../support/data-fingerprint';
import { expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { discoverRoutes, type Route } from '../support/route-dispatcher';
import { anyJson, inputArbitrary, nastyString, toSearchParams } from '../support/schema-arbitrary';
import { uniqueClientIp } from '../support/unique';

const SEED = 20261205;
/** requests per route handler (one method of one route file) */
const RUNS_PER_HANDLER = 12;
/** loading the bundled corpus into a workspace imports several long texts: a few runs of it are enough */
const runsFor = (label: string): number => (label.endsWith('/corpus') ? 3 : RUNS_PER_HANDLER);
const IMPORTER_RUNS = 25;

const app = inProcessApp();
let clientIp = uniqueClientIp();
const accepted = (status: number): boolean => (status >= 200 && status < 300) || [400, 404, 409, 413, 422, 429].includes(status);

const essay = ['Fuzzed essay', ...Array.from({ length: 12 }, (_, i) => `Paragraph ${i} argues point ${i * 3}, with marker${i} words.`)].join('\n\n');

type Fixture = { cookie: string; values: Record<string, string>; known: string[] };

/** A workspace with something of every kind a route's path can name, made through the API. */
async function makeFixture(): Promise<Fixture> {
  clientIp = uniqueClientIp(); // sign-ups are limited per address: each fixture signs up from an address of its own
  const anonymous = new HttpClient(app, { clientIp });
  const [ownerAccount, memberAccount] = await Promise.all([signUp(anonymous, 'fuzz-owner'), signUp(anonymous, 'fuzz-member')]);
  const session = await signedInClient(app, ownerAccount, clientIp);
  const token = await createApiToken(session, 'fuzz');
  const spare = await createApiToken(session, 'spare');
  const owner = new HttpClient(app, { clientIp, bearer: token.token });
  const workspace = await createWorkspace(session, 'fuzz');
  const api = (p: string) => `/api/v1/workspaces/${workspace.slug}${p}`;
  const doc = await importDocument(owner, workspace.slug, { slug: 'essay', text: essay });
  const text = expectOk<{ text: string }>(await owner.get(api('/documents/essay')), 'document').text;
  const target = (exact: string) => ({ exact, start: text.indexOf(exact), end: text.indexOf(exact) + exact.length });
  const claim = (exact: string) =>
    owner.post(api('/annotations'), { document: 'essay', kind: 'claim', target: target(exact) }).then((r) => expectOk<{ id: string; claimId: string }>(r, 'claim'));
  const [a, b] = [await claim('argues point 3'), await claim('argues point 6')];
  expectOk(await owner.post(api('/annotations'), { document: 'essay', kind: 'crux', target: target('argues point 9'), crux: { claimId: a.claimId, forClaimId: b.claimId, direction: 'more' } }), 'crux');
  const links = expectOk<{ items: Array<{ id: string }> }>(await owner.get(api('/crux-links')), 'crux links').items;
  const reply = expectOk<{ id: string }>(await owner.post(api(`/annotations/${a.id}/replies`), { body: 'A reply.' }), 'reply');
  const joining = await createInviteLink(session, workspace.slug, { role: 'reviewer', maxUses: 1 });
  await acceptInvite(await signedInClient(app, memberAccount, clientIp), joining.token);
  const open = await createInviteLink(session, workspace.slug, { role: 'observer', maxUses: 3 });
  const values: Record<string, string> = {
    ws: workspace.slug,
    doc: 'essay',
    annotationId: a.id,
    claimId: a.claimId,
    linkId: links[0]?.id ?? 'none',
    replyId: reply.id,
    inviteId: open.id,
    token: open.token,
    userId: memberAccount.id,
    tokenId: spare.id,
  };
  const known = [...Object.values(values), doc.documentId, b.claimId, ownerAccount.id, 'argues point 3', 'claim', 'crux', 'reviewer', 'observer', 'owner'];
  return { cookie: session.jar.header() ?? '', values, known };
}

type Handler = { route: Route; method: string; label: string };

async function handlers(): Promise<Handler[]> {
  const routes = discoverRoutes(path.resolve(import.meta.dirname, '../../app/api/v1'));
  const found: Handler[] = [];
  for (const route of routes) {
    const routeModule = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) {
      if (typeof routeModule[method] === 'function') found.push({ route, method, label: `${method} /api/v1${route.pattern}` });
    }
  }
  return found;
}

let fixture: Fixture;
let fingerprint: Fingerprint;
let allHandlers: Handler[];

beforeAll(async () => {
  fixture = await makeFixture();
  allHandlers = await handlers();
  fingerprint = await dataFingerprint();
}, 120_000);

type Sent = { status: number; text: string };

async function send(method: string, url: string, body: string | undefined): Promise<Sent> {
  // a signed-in browser's request: the session cookie, and our own origin on writes
  const headers: Record<string, string> = { cookie: fixture.cookie, origin: app.baseUrl, 'x-forwarded-for': clientIp };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await app.fetch(`${app.baseUrl}${url}`, { method, headers, body });
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, text: '' };
  }
  return { status: response.status, text: await response.text() };
}

/** Sends one request and checks the two properties; the fingerprint is carried from one request to the next. */
async function checkRequest(method: string, url: string, body: string | undefined): Promise<void> {
  const answer = await send(method, url, body);
  const after = await dataFingerprint();
  const where = `${method} ${url.slice(0, 300)} ${body === undefined ? '' : body.slice(0, 300)}`;
  expect(accepted(answer.status), `${where} answered ${answer.status}: ${answer.text.slice(0, 300)}`).toBe(true);
  if (answer.status >= 400) expect(changedTables(fingerprint, after), `${where} was refused (${answer.status}) but wrote`).toEqual([]);
  fingerprint = after;
}

/** Routes that end the session they are called with (sign out everywhere, a password change that went through). */
const endsSession = new Set(['DELETE /api/v1/me/sessions', 'PUT /api/v1/me/password']);

/** The fixture's workspace may have been renamed or its session ended by a fuzzed request: make a new one then. */
async function ensureFixture(): Promise<void> {
  const alive = await send('GET', `/api/v1/workspaces/${fixture.values.ws}`, undefined);
  if (alive.status !== 200) {
    fixture = await makeFixture();
    fingerprint = await dataFingerprint();
  }
}

describe('every API route, fuzzed from its schemas', () => {
  it(`answers 2xx, 400, 404, 409, 413, 422 or 429 to any input and writes nothing when it refuses (${RUNS_PER_HANDLER} requests per handler, seed ${SEED})`, async () => {
    expect(allHandlers.length).toBeGreaterThan(50);
    for (const { route, method, label } of allHandlers) {
      await ensureFixture();
      const routeModule = (await import(/* @vite-ignore */ route.file)) as Record<string, unknown>;
      const schemas = routeInputSchemas(routeModule[method]);
      const { known, values } = fixture;
      const segments = route.segments.map((segment) =>
        segment.kind === 'static'
          ? fc.constant(segment.value)
          : fc.oneof({ weight: 4, arbitrary: fc.constant(values[segment.name] ?? 'unknown') }, { weight: 1, arbitrary: nastyString.filter((s) => s !== '') }),
      );
      const hasBody = method !== 'GET' && method !== 'DELETE';
      const body = fc.oneof(
        { weight: 5, arbitrary: inputArbitrary(schemas?.body, known, 'body').map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: nastyString },
        { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v).slice(0, -1)) },
      );
      await fc.assert(
        fc.asyncProperty(fc.tuple(...segments), inputArbitrary(schemas?.query, known, 'query'), hasBody ? body : fc.constant(undefined), async (parts, query, sent) => {
          if (endsSession.has(label)) await ensureFixture();
          const pathname = `/api/v1/${parts.map((p) => encodeURIComponent(p)).join('/')}`;
          await checkRequest(method, `${pathname}${toSearchParams(query)}`, sent);
        }),
        { seed: SEED, numRuns: runsFor(label), endOnFailure: true },
      ).catch((error: unknown) => {
        throw new Error(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      });
    }
  }, 600_000);
});

// The pieces the importers look for: headings, lists, footnotes, HTML tags and entities, fences, tables, odd spaces.
const textPiece = fc.oneof(
  fc.constantFrom('# ', '## ', '- ', '* ', '1. ', '> ', '[^1]', '[^1]: a note', '[^a b]: ', '<p>', '</p>', '<div>', '<h1>', '</h1>', '<br>', '<sup id="fn1">1</sup>'),
  fc.constantFrom('&amp;', '&#0;', '&#x110000;', '&nbsp;', '<!--', '-->', '<script>', '```', '| a | b |', '---', '***', '\\', '<', '>'),
  fc.constantFrom('\n', '\n\n', ' ', '   ', '\t', '\r\n', '\r', '\u00a0', '\u200b', '\ufeff', '\u2028', '\u0000'),
  fc.constantFrom('word', 'Title', 'é', '👍🏽', 'Ω', 'אבג', '1', '(', ')', '[', ']', '"', "'"),
  fc.string({ maxLength: 12, unit: 'grapheme' }),
);
const documentText = fc.oneof(
  { weight: 3, arbitrary: fc.array(textPiece, { maxLength: 300 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 2000, unit: 'grapheme' }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(' ', '\n', '\t', '*', '#', '<', '[^'), fc.integer({ min: 1, max: 20_000 })).map(([c, n]) => `a${c.repeat(n)}b`) },
);

describe('the document importer, fuzzed', () => {
  it(`previews and imports any text, format and slug with 2xx, 400, 409, 413 or 422, writing nothing when it refuses (${IMPORTER_RUNS} runs, seed ${SEED})`, async () => {
    await ensureFixture();
    const documents = `/api/v1/workspaces/${fixture.values.ws}/documents`;
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            slug: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), fc.constantFrom('essay', '', 'A B')),
            text: documentText,
            title: fc.string({ maxLength: 40 }),
            format: fc.constantFrom(...sourceFormats),
            kind: fc.constantFrom(...documentKinds),
            filename: fc.constantFrom('a.md', 'a.html', 'a.txt', 'noext'),
            preview: fc.boolean(),
          },
          { requiredKeys: ['slug', 'text', 'preview'] },
        ),
        async (input) => {
          const answer = await send('POST', documents, JSON.stringify(input));
          if (answer.status === 201) imported++;
          const after = await dataFingerprint();
          expect(accepted(answer.status), `import ${JSON.stringify(input).slice(0, 300)} answered ${answer.status}: ${answer.text.slice(0, 300)}`).toBe(true);
          if (answer.status >= 400 || input.preview) expect(changedTables(fingerprint, after), `import (preview ${input.preview}) answered ${answer.status} but wrote`).toEqual([]);
          fingerprint = after;
        },
      ),
      { seed: SEED, numRuns: IMPORTER_RUNS, endOnFailure: true },
    );
    // the generated texts are not all refused: some documents were made
    expect(imported).toBeGreaterThan(0);
  }, 300_000);
});
