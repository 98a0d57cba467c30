// A claim whose every claim annotation an owner hid: its statement is hidden from everyone who may not see hidden
// content (owners and the claim's creator may), wherever a statement appears — the annotations that name it, the
// claims list and its text filter, one claim, similar claims, the claim page's links, search — and comes back
// when the annotation is shown again. Route handlers called in process (tests/support/route-dispatcher.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationDto } from '@/lib/annotations/types';
import { addMemberByEmail, createWorkspace, importDocument, signedInClient, signUp, type TestWorkspace } from '../support/api-actors';
import { expectOk, HttpClient } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();
const STATEMENT = 'Moonbeams secretly power the zeppelin fleet';
const text = ['# Airships', 'Some say moonlight drives the airships across the night sky.', 'Others say it is only hydrogen.'].join('\n\n');

let owner: HttpClient;
let author: HttpClient;
let reader: HttpClient;
let workspace: TestWorkspace;
let claimId: string;
let claimAnnotation: AnnotationDto;
const api = (path: string) => `/api/v1/workspaces/${workspace.slug}${path}`;

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp });
  const [ownerAccount, authorAccount, readerAccount] = await Promise.all(['hidowner', 'hidauthor', 'hidreader'].map((label) => signUp(anonymous, label)));
  [owner, author, reader] = await Promise.all([ownerAccount, authorAccount, readerAccount].map((a) => signedInClient(app, a!, clientIp))) as [HttpClient, HttpClient, HttpClient];
  workspace = await createWorkspace(owner, 'hidden-claims');
  await addMemberByEmail(owner, workspace.slug, authorAccount!, 'reviewer', author);
  await addMemberByEmail(owner, workspace.slug, readerAccount!, 'reviewer', reader);
  const doc = await importDocument(owner, workspace.slug, { slug: 'airships', text });
  const quote = 'moonlight drives the airships';
  const start = text.indexOf(quote);
  const target = { exact: quote, start, end: start + quote.length };
  claimAnnotation = expectOk(await author.post(api('/annotations'), { document: doc.slug, kind: 'claim', target, claim: { statement: STATEMENT } }), 'claim');
  claimId = claimAnnotation.claimId as string;
  // the reader rates it and marks it as a crux of a claim of their own: two more places its statement appears; the
  // author rates it too, so the maps find disagreement on it
  expectOk(await reader.post(api('/annotations'), { document: doc.slug, kind: 'probability', probability: { claimId, value: 0.2 } }), 'rate');
  expectOk(await author.post(api('/annotations'), { document: doc.slug, kind: 'probability', probability: { claimId, value: 0.9 } }), 'rate');
  const hydrogen = 'it is only hydrogen';
  const h = text.indexOf(hydrogen);
  expectOk(
    await reader.post(api('/annotations'), {
      document: doc.slug,
      kind: 'crux',
      target: { exact: hydrogen, start: h, end: h + hydrogen.length },
      crux: { claimId, forStatement: 'Airships float on hydrogen alone', direction: 'less' },
    }),
    'crux',
  );
});

/** The disagreement maps, the crux graphs and the exports: answers computed from cached maps or streamed. */
const mapPaths = () => ({
  documentMap: api('/documents/airships/disagreement'),
  documentMapWithCredences: api('/documents/airships/disagreement?credences=true'),
  workspaceMap: api('/disagreement'),
  documentCruxGraph: api('/documents/airships/crux-graph'),
  workspaceCruxGraph: api('/crux-graph'),
  exportJsonl: api('/export?format=jsonl'),
  exportCsv: api('/export?format=csv'),
  w3cPage: api('/w3c/annotations/?iris=0&page=0'),
});

async function mapAnswersFor(client: HttpClient): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  for (const [name, path] of Object.entries(mapPaths())) {
    const response = await client.get(path);
    expect(response.status, `${name}: ${response.text.slice(0, 200)}`).toBe(200);
    answers[name] = response.text;
  }
  return answers;
}

/** Every answer a reader gets that could carry the statement. */
async function answersFor(client: HttpClient): Promise<Record<string, string>> {
  const maps = await mapAnswersFor(client);
  const paths = {
    annotations: api('/annotations?document=airships&limit=100'),
    claims: api('/claims?document=airships'),
    claimsByText: api(`/claims?q=${encodeURIComponent('zeppelin')}`),
    claim: api(`/claims/${claimId}`),
    similar: api(`/claims?similar=${encodeURIComponent(STATEMENT)}`),
    search: api(`/search?q=zeppelin`),
  };
  const answers: Record<string, string> = { ...maps };
  for (const [name, path] of Object.entries(paths)) {
    const response = await client.get(path);
    expect(response.status, `${name}: ${response.text.slice(0, 200)}`).toBe(200);
    answers[name] = response.text;
  }
  return answers;
}

describe('a hidden claim', () => {
  it('shows its statement everywhere before it is hidden (the check below can fail)', async () => {
    for (const [name, body] of Object.entries(await answersFor(reader))) expect(body, name).toContain('zeppelin');
  });

  it('hides its statement from a reviewer everywhere once an owner hides its claim annotation', async () => {
    expectOk(await owner.patch(api(`/annotations/${claimAnnotation.id}`), { hidden: true }), 'hide');
    const answers = await answersFor(reader);
    for (const [name, body] of Object.entries(answers)) expect(body, name).not.toContain('zeppelin');
    expect(JSON.parse(answers.claim ?? '{}')).toMatchObject({ id: claimId, statement: '[Hidden by a moderator]' });
    const map = JSON.parse(answers.documentMap ?? '{}') as { claims: { claimId: string; statement: string }[] };
    expect(map.claims.find((c) => c.claimId === claimId)?.statement).toBe('[Hidden by a moderator]');
    const page = await reader.get(api(`/claims/${claimId}`));
    expect(page.text).toContain('[Hidden by a moderator]');
  });

  it('still shows it to the owner and to the claim’s creator', async () => {
    for (const client of [owner, author]) {
      const claim = await client.get(api(`/claims/${claimId}`));
      expect(claim.text).toContain(STATEMENT);
      const listed = await client.get(api('/annotations?document=airships&limit=100'));
      expect(listed.text).toContain(STATEMENT);
      for (const [name, body] of Object.entries(await mapAnswersFor(client))) expect(body, name).toContain('zeppelin');
    }
  });

  it('shows it again to everyone once the annotation is shown again', async () => {
    expectOk(await owner.patch(api(`/annotations/${claimAnnotation.id}`), { hidden: false }), 'show');
    for (const [name, body] of Object.entries(await answersFor(reader))) expect(body, name).toContain('zeppelin');
  });
});
