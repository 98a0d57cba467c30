// The access matrix over HTTP, the route handlers called in process: every /api/v1 route and method, asked by each
// kind of actor — owner (by session, by API token, by a read-only token and by a token limited to another of their
// workspaces), reviewer, observer, a signed-in non-member, a signed-out visitor and a revoked token — answers the status the contract promises, with a clear message, and never leaks
// another workspace's content, ids or other people's emails. Actors are set up through the API only.
import { sealLink } from '@/lib/auth/sealed-links';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  acceptInvite,
  addMemberByEmail,
  createApiToken,
  createInviteLink,
  createWorkspace,
  importDocument,
  revokeApiToken,
  shortText,
  signedInClient,
  signUp,
  type TestAccount,
  type TestWorkspace,
} from '../support/api-actors';
import { errorOf, expectOk, HttpClient, type ApiResponse, type Method } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp, uniqueSuffix } from '../support/unique';

const app = inProcessApp();
// Sign-ins from this file count against their own address, whatever other e2e files do to loopback's counter.
const clientIp = uniqueClientIp();

const baseActors = ['owner', 'ownerToken', 'reviewer', 'observer', 'nonMember', 'signedOut', 'revokedToken'] as const;
/** the actors each route declares its answer for; the owner's scoped tokens follow from them (expectedFor) */
type BaseActor = (typeof baseActors)[number];
const actors = [...baseActors, 'readToken', 'elsewhereToken'] as const;
type Actor = (typeof actors)[number];

const actorLabels: Record<Actor, string> = {
  owner: 'the owner (session)',
  ownerToken: "the owner's API token",
  readToken: "the owner's read-only API token",
  elsewhereToken: "the owner's API token limited to another workspace",
  reviewer: 'a reviewer',
  observer: 'an observer',
  nonMember: 'a signed-in non-member',
  signedOut: 'a signed-out visitor',
  revokedToken: 'a revoked API token',
};

const outsiders: readonly Actor[] = ['nonMember', 'signedOut', 'revokedToken', 'elsewhereToken'];

type Fixture = {
  clients: Record<Actor, HttpClient>;
  accounts: Record<'owner' | 'reviewer' | 'observer' | 'nonMember', TestAccount>;
  /** the private workspace the matrix is about */
  workspace: TestWorkspace;
  document: { id: string; slug: string };
  /** the non-member's own private workspace */
  otherWorkspace: TestWorkspace;
  otherDocumentId: string;
  markers: { main: string; other: string };
  /** an invite link to the main workspace that stays valid (its preview is public) */
  previewToken: string;
  /** every account's email made here, with whether the owner may see it (a member of the main workspace) */
  emails: Map<string, { ownerMaySee: boolean }>;
  ownEmail: Partial<Record<Actor, string>>;
  anonymous: HttpClient;
};

let fx: Fixture;

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp });
  const [owner, reviewer, observer, nonMember] = await Promise.all([
    signUp(anonymous, 'owner'),
    signUp(anonymous, 'reviewer'),
    signUp(anonymous, 'observer'),
    signUp(anonymous, 'outsider'),
  ]);
  const [ownerClient, reviewerClient, observerClient, nonMemberClient] = await Promise.all([
    signedInClient(app, owner, clientIp),
    signedInClient(app, reviewer, clientIp),
    signedInClient(app, observer, clientIp),
    signedInClient(app, nonMember, clientIp),
  ]);

  const markers = { main: `MAINMARKER${uniqueSuffix()}`, other: `OTHERMARKER${uniqueSuffix()}` };
  const workspace = await createWorkspace(ownerClient, 'matrix');
  const imported = await importDocument(ownerClient, workspace.slug, {
    slug: 'marked-essay',
    text: shortText('A marked essay', `The first paragraph carries ${markers.main} for the leak checks.`, 'A second paragraph.'),
  });
  const reviewerInvite = await createInviteLink(ownerClient, workspace.slug, { role: 'reviewer' });
  await acceptInvite(reviewerClient, reviewerInvite.token);
  await addMemberByEmail(ownerClient, workspace.slug, observer, 'observer');
  const previewToken = (await createInviteLink(ownerClient, workspace.slug, { role: 'observer', maxUses: 1 })).token;

  const otherWorkspace = await createWorkspace(nonMemberClient, 'outsider');
  const otherDocument = await importDocument(nonMemberClient, otherWorkspace.slug, {
    slug: 'outsider-notes',
    text: shortText('Outsider notes', `Private notes holding ${markers.other}.`),
  });

  const valid = await createApiToken(ownerClient, 'matrix token');
  const readOnly = expectOk<{ token: string }>(await ownerClient.post('/api/v1/tokens', { name: 'read-only', scope: 'read' }), 'read token').token;
  const elsewhere = await createWorkspace(ownerClient, 'elsewhere');
  const elsewhereToken = expectOk<{ token: string }>(
    await ownerClient.post('/api/v1/tokens', { name: 'elsewhere', workspace: elsewhere.slug }),
    'workspace token',
  ).token;
  const revoked = await createApiToken(ownerClient, 'revoked token');
  await revokeApiToken(ownerClient, revoked.id);

  const emails = new Map<string, { ownerMaySee: boolean }>([
    [owner.email, { ownerMaySee: true }],
    [reviewer.email, { ownerMaySee: true }],
    [observer.email, { ownerMaySee: true }],
    [nonMember.email, { ownerMaySee: false }],
  ]);
  fx = {
    clients: {
      owner: ownerClient,
      ownerToken: new HttpClient(app, { bearer: valid.token }),
      readToken: new HttpClient(app, { bearer: readOnly }),
      elsewhereToken: new HttpClient(app, { bearer: elsewhereToken }),
      reviewer: reviewerClient,
      observer: observerClient,
      nonMember: nonMemberClient,
      signedOut: new HttpClient(app),
      revokedToken: new HttpClient(app, { bearer: revoked.token }),
    },
    accounts: { owner, reviewer, observer, nonMember },
    workspace,
    document: { id: imported.documentId, slug: imported.slug },
    otherWorkspace,
    otherDocumentId: otherDocument.documentId,
    markers,
    previewToken,
    emails,
    ownEmail: { owner: owner.email, ownerToken: owner.email, readToken: owner.email, elsewhereToken: owner.email, reviewer: reviewer.email, observer: observer.email, nonMember: nonMember.email },
    anonymous,
  };
});

// ---------------------------------------------------------------- throwaway targets, one per row

async function throwawayMember(f: Fixture): Promise<{ id: string; email: string }> {
  const account = await signUp(f.anonymous, 'throwaway');
  f.emails.set(account.email, { ownerMaySee: true });
  await addMemberByEmail(f.clients.owner, f.workspace.slug, account, 'observer');
  return { id: account.id, email: account.email };
}

async function memberRole(f: Fixture, userId: string): Promise<string | null> {
  const { items } = expectOk<{ items: { userId: string; role: string }[] }>(
    await f.clients.owner.get(`/api/v1/workspaces/${f.workspace.slug}/members`),
    'members as owner',
  );
  return items.find((m) => m.userId === userId)?.role ?? null;
}

async function inviteStatusOf(f: Fixture, inviteId: string): Promise<string | undefined> {
  const { items } = expectOk<{ items: { id: string; status: string }[] }>(
    await f.clients.owner.get(`/api/v1/workspaces/${f.workspace.slug}/invites`),
    'invites as owner',
  );
  return items.find((i) => i.id === inviteId)?.status;
}

async function tokenRevokedAt(f: Fixture, tokenId: string): Promise<string | null | undefined> {
  const { items } = expectOk<{ items: { id: string; revokedAt: string | null }[] }>(await f.clients.owner.get('/api/v1/tokens'), 'tokens as owner');
  return items.find((t) => t.id === tokenId)?.revokedAt;
}

// ---------------------------------------------------------------- the matrix

type Call = { path: string; body?: unknown; target?: string };

type RouteSpec = {
  method: Method;
  route: string;
  expected: Record<BaseActor, number>;
  /** the request for this actor, after creating any throwaway target it needs */
  call: (f: Fixture, actor: Actor) => Promise<Call> | Call;
  /** an event stream: only its status and headers are read */
  stream?: boolean;
  /** after a refused write: what the owner sees shows nothing changed */
  unchanged?: (f: Fixture, call: Call) => Promise<void>;
  /** after the row, whatever it answered: put the actor back as the next rows need it (a revoked session signed in again) */
  restore?: (f: Fixture, actor: Actor) => Promise<void>;
};

const everyone = (status: number): Record<BaseActor, number> =>
  ({ owner: status, ownerToken: status, reviewer: status, observer: status, nonMember: status, signedOut: status, revokedToken: status });
const signedIn = (status: number): Record<BaseActor, number> => ({ ...everyone(status), signedOut: 401, revokedToken: 401 });
const membersRead: Record<BaseActor, number> = { ...signedIn(200), nonMember: 404 };
const ownersOnly = (status: number): Record<BaseActor, number> => ({ ...membersRead, owner: status, ownerToken: status, reviewer: 403, observer: 403 });

const ws = (f: Fixture): string => `/api/v1/workspaces/${f.workspace.slug}`;
const reviewersWrite = (status: number): Record<BaseActor, number> => ({ ...membersRead, owner: status, ownerToken: status, reviewer: status, observer: 403 });

/** An annotation by the reviewer on the matrix document's second paragraph, through the API. */
async function reviewerAnnotation(f: Fixture, options: { deleted?: boolean } = {}): Promise<string> {
  const annotation = expectOk<{ id: string }>(
    await f.clients.reviewer.post(`${ws(f)}/annotations`, { document: f.document.slug, kind: 'claim', target: await secondParagraph(f) }),
    'annotation by the reviewer',
  );
  if (options.deleted) expectOk(await f.clients.reviewer.delete(`${ws(f)}/annotations/${annotation.id}`), 'delete annotation');
  return annotation.id;
}

/** A new claim made by the reviewer (a claim annotation on the second paragraph), by id. */
async function reviewerClaim(f: Fixture): Promise<string> {
  const id = await reviewerAnnotation(f);
  return expectOk<{ claimId: string }>(await f.clients.owner.get(`${ws(f)}/annotations/${id}`), 'annotation').claimId;
}

/** A crux link between two new claims of the reviewer (K rated by them), marked by their crux annotation, by id. */
async function reviewerCruxLink(f: Fixture): Promise<string> {
  const [k, c] = [await reviewerClaim(f), await reviewerClaim(f)];
  const target = await secondParagraph(f);
  expectOk(await f.clients.reviewer.post(`${ws(f)}/annotations`, { document: f.document.slug, kind: 'probability', probability: { claimId: k, value: 0.5 } }), 'rate K');
  expectOk(
    await f.clients.reviewer.post(`${ws(f)}/annotations`, { document: f.document.slug, kind: 'crux', target, crux: { claimId: k, forClaimId: c, direction: 'more' } }),
    'crux by the reviewer',
  );
  const { items } = expectOk<{ items: { id: string; cruxClaimId: string; forClaimId: string }[] }>(await f.clients.owner.get(`${ws(f)}/crux-links`), 'crux links');
  return items.find((l) => l.cruxClaimId === k && l.forClaimId === c)?.id ?? '';
}

async function claimAsOwner(f: Fixture, id: string): Promise<{ statement: string; mergedInto: string | null }> {
  return expectOk<{ statement: string; mergedInto: string | null }>(await f.clients.owner.get(`${ws(f)}/claims/${id}`), 'claim');
}

async function secondParagraph(f: Fixture): Promise<{ exact: string; start: number; end: number }> {
  const { text } = expectOk<{ text: string }>(await f.clients.owner.get(`${ws(f)}/documents/${f.document.slug}`), 'document');
  const exact = 'A second paragraph.';
  const start = text.indexOf(exact);
  return { exact, start, end: start + exact.length };
}

async function reviewerReply(f: Fixture, options: { deleted?: boolean } = {}): Promise<string> {
  const annotationId = await reviewerAnnotation(f);
  const reply = expectOk<{ id: string }>(await f.clients.reviewer.post(`${ws(f)}/annotations/${annotationId}/replies`, { body: 'A reply.' }), 'reply');
  if (options.deleted) expectOk(await f.clients.reviewer.delete(`${ws(f)}/replies/${reply.id}`), 'delete reply');
  return reply.id;
}

async function annotationAsOwner(f: Fixture, id: string): Promise<{ resolved: boolean; deleted: boolean } | null> {
  const response = await f.clients.owner.get(`${ws(f)}/annotations/${id}`);
  return response.status === 200 ? (response.json as { resolved: boolean; deleted: boolean }) : null;
}

async function replyAsOwner(f: Fixture, id: string): Promise<{ hidden: boolean; deleted: boolean } | undefined> {
  const { items: annotations } = expectOk<{ items: { id: string }[] }>(await f.clients.owner.get(`${ws(f)}/annotations?limit=500`), 'annotations');
  for (const annotation of annotations) {
    const { items } = expectOk<{ items: { id: string; hidden: boolean; deleted: boolean }[] }>(
      await f.clients.owner.get(`${ws(f)}/annotations/${annotation.id}/replies`),
      'replies',
    );
    const found = items.find((r) => r.id === id);
    if (found) return found;
  }
  return undefined;
}

const routes: RouteSpec[] = [
  { method: 'GET', route: '/api/v1/health', expected: everyone(200), call: () => ({ path: '/api/v1/health' }) },
  { method: 'GET', route: '/api/v1/me', expected: signedIn(200), call: () => ({ path: '/api/v1/me' }) },
  {
    method: 'POST',
    route: '/api/v1/users',
    expected: everyone(201),
    call: () => {
      const suffix = uniqueSuffix();
      return { path: '/api/v1/users', body: { email: `signup-${suffix}@example.test`, name: `Signup ${suffix}`, password: `pw-signup-${suffix}` } };
    },
  },
  { method: 'GET', route: '/api/v1/workspaces', expected: signedIn(200), call: () => ({ path: '/api/v1/workspaces' }) },
  {
    method: 'POST',
    route: '/api/v1/workspaces',
    expected: signedIn(201),
    call: () => {
      const suffix = uniqueSuffix();
      return { path: '/api/v1/workspaces', body: { slug: `made-${suffix}`, name: `Made ${suffix}` } };
    },
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws', expected: membersRead, call: (f) => ({ path: ws(f) }) },
  {
    method: 'PATCH',
    route: '/api/v1/workspaces/:ws',
    expected: ownersOnly(200),
    call: (f, actor) => ({ path: ws(f), body: { name: `Renamed by ${actor} ${uniqueSuffix()}` } }),
    unchanged: async (f, call) => {
      const { workspace } = expectOk<{ workspace: { name: string; visibility: string } }>(await f.clients.owner.get(ws(f)), 'workspace as owner');
      expect(workspace.name).not.toBe((call.body as { name: string }).name);
    },
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/documents', expected: membersRead, call: (f) => ({ path: `${ws(f)}/documents` }) },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/documents (import)',
    expected: ownersOnly(201),
    call: (f) => ({ path: `${ws(f)}/documents`, body: { slug: `import-${uniqueSuffix()}`, text: shortText('Imported', 'One paragraph.') } }),
    unchanged: async (f, call) => {
      const slug = (call.body as { slug: string }).slug;
      expect((await f.clients.owner.get(`${ws(f)}/documents/${slug}`)).status).toBe(404);
    },
  },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/documents (preview)',
    expected: ownersOnly(200),
    call: (f) => ({ path: `${ws(f)}/documents`, body: { slug: `preview-${uniqueSuffix()}`, text: shortText('Preview', 'One paragraph.'), preview: true } }),
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/documents/:doc', expected: membersRead, call: (f) => ({ path: `${ws(f)}/documents/${f.document.slug}` }) },
  {
    method: 'PATCH',
    route: '/api/v1/workspaces/:ws/documents/:doc (archive)',
    expected: ownersOnly(200),
    call: async (f) => {
      const doc = await importDocument(f.clients.ownerToken, f.workspace.slug, { text: shortText('To archive', 'A paragraph to archive.') });
      return { path: `${ws(f)}/documents/${doc.slug}`, body: { archived: true }, target: doc.slug };
    },
    unchanged: async (f, call) => {
      expect((await f.clients.owner.get(`${ws(f)}/documents/${call.target}`)).status).toBe(200);
    },
  },
  {
    method: 'PATCH',
    route: '/api/v1/workspaces/:ws/documents/:doc (blind)',
    expected: ownersOnly(200),
    call: async (f) => {
      const doc = await importDocument(f.clients.ownerToken, f.workspace.slug, { text: shortText('To blind', 'A paragraph to review blind.') });
      return { path: `${ws(f)}/documents/${doc.slug}`, body: { blind: true }, target: doc.slug };
    },
    unchanged: async (f, call) => {
      const doc = expectOk<{ blind: boolean }>(await f.clients.owner.get(`${ws(f)}/documents/${call.target}`), 'document as owner');
      expect(doc.blind).toBe(false);
    },
  },
  {
    method: 'GET',
    route: '/api/v1/workspaces/:ws/documents/:doc/disagreement',
    expected: membersRead,
    call: (f) => ({ path: `${ws(f)}/documents/${f.document.slug}/disagreement` }),
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/disagreement', expected: membersRead, call: (f) => ({ path: `${ws(f)}/disagreement` }) },
  { method: 'GET', route: '/api/v1/workspaces/:ws/documents/:doc/rounds', expected: membersRead, call: (f) => ({ path: `${ws(f)}/documents/${f.document.slug}/rounds` }) },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/documents/:doc/rounds',
    expected: ownersOnly(201),
    call: async (f) => {
      const doc = await importDocument(f.clients.ownerToken, f.workspace.slug, { text: shortText('In rounds', 'A paragraph reviewed in rounds.') });
      return { path: `${ws(f)}/documents/${doc.slug}/rounds`, target: doc.slug };
    },
    unchanged: async (f, call) => {
      const { items } = expectOk<{ items: unknown[] }>(await f.clients.owner.get(`${ws(f)}/documents/${call.target}/rounds`), 'rounds as owner');
      expect(items).toHaveLength(1);
    },
  },
  { method: 'POST', route: '/api/v1/workspaces/:ws/corpus', expected: ownersOnly(200), call: (f) => ({ path: `${ws(f)}/corpus` }) },
  {
    method: 'GET',
    route: '/api/v1/workspaces/:ws/export',
    expected: membersRead,
    call: (f) => ({ path: `${ws(f)}/export?format=jsonl` }),
  },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/import',
    expected: ownersOnly(200),
    call: (f) => {
      const note = `Imported note ${uniqueSuffix()}`;
      const row = {
        id: `matrix-${uniqueSuffix()}`,
        user: 'acct:someone@hypothes.is',
        uri: 'https://example.org/marked-essay',
        text: note,
        target: [{ source: 'https://example.org/marked-essay', selector: [{ type: 'TextQuoteSelector', exact: 'A second paragraph.' }] }],
      };
      return { path: `${ws(f)}/import?format=hypothesis&document=${f.document.slug}`, body: { rows: [row] }, target: note };
    },
    unchanged: async (f, call) => {
      const { items } = expectOk<{ items: { bodyText: string }[] }>(await f.clients.owner.get(`${ws(f)}/annotations?limit=500`), 'annotations as owner');
      expect(items.map((a) => a.bodyText)).not.toContain(call.target);
    },
  },
  {
    method: 'GET',
    route: '/api/v1/workspaces/:ws/w3c/annotations',
    expected: membersRead,
    call: (f) => ({ path: `${ws(f)}/w3c/annotations/` }),
  },
  {
    method: 'GET',
    route: '/api/v1/workspaces/:ws/w3c/annotations/:annotationId',
    expected: membersRead,
    call: async (f) => ({ path: `${ws(f)}/w3c/annotations/${await reviewerAnnotation(f)}` }),
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/members', expected: membersRead, call: (f) => ({ path: `${ws(f)}/members` }) },
  {
    method: 'PATCH',
    route: '/api/v1/workspaces/:ws/members/:userId',
    expected: ownersOnly(200),
    call: async (f) => {
      const member = await throwawayMember(f);
      return { path: `${ws(f)}/members/${member.id}`, body: { role: 'reviewer' }, target: member.id };
    },
    unchanged: async (f, call) => {
      expect(await memberRole(f, call.target ?? '')).toBe('observer');
    },
  },
  {
    method: 'DELETE',
    route: '/api/v1/workspaces/:ws/members/:userId',
    expected: ownersOnly(204),
    call: async (f) => {
      const member = await throwawayMember(f);
      return { path: `${ws(f)}/members/${member.id}`, target: member.id };
    },
    unchanged: async (f, call) => {
      expect(await memberRole(f, call.target ?? '')).toBe('observer');
    },
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/invites', expected: ownersOnly(200), call: (f) => ({ path: `${ws(f)}/invites` }) },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/invites',
    expected: ownersOnly(201),
    call: (f) => ({ path: `${ws(f)}/invites`, body: { kind: 'link', role: 'observer' } }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/workspaces/:ws/invites/:inviteId',
    expected: ownersOnly(204),
    call: async (f) => {
      const invite = await createInviteLink(f.clients.owner, f.workspace.slug, { role: 'observer' });
      return { path: `${ws(f)}/invites/${invite.id}`, target: invite.id };
    },
    unchanged: async (f, call) => {
      expect(await inviteStatusOf(f, call.target ?? '')).toBe('active');
    },
  },
  {
    method: 'GET',
    route: '/api/v1/workspaces/:ws/events',
    expected: membersRead,
    stream: true,
    call: (f) => ({ path: `${ws(f)}/events?document=${f.document.slug}` }),
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/presence', expected: membersRead, call: (f) => ({ path: `${ws(f)}/presence?document=${f.document.slug}` }) },
  {
    method: 'PUT',
    route: '/api/v1/workspaces/:ws/presence',
    // observers read, so they are readers here too
    expected: membersRead,
    call: (f) => ({ path: `${ws(f)}/presence`, body: { document: f.document.slug } }),
  },
  { method: 'DELETE', route: '/api/v1/workspaces/:ws/presence', expected: { ...membersRead, owner: 204, ownerToken: 204, reviewer: 204, observer: 204 }, call: (f) => ({ path: `${ws(f)}/presence?document=${f.document.slug}` }) },
  { method: 'GET', route: '/api/v1/workspaces/:ws/audit', expected: ownersOnly(200), call: (f) => ({ path: `${ws(f)}/audit` }) },
  { method: 'GET', route: '/api/v1/workspaces/:ws/annotations', expected: membersRead, call: (f) => ({ path: `${ws(f)}/annotations?document=${f.document.slug}` }) },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/annotations',
    expected: reviewersWrite(201),
    call: async (f) => ({ path: `${ws(f)}/annotations`, body: { document: f.document.slug, kind: 'claim', target: await secondParagraph(f), claim: { statement: `Made ${uniqueSuffix()}` } } }),
    unchanged: async (f, call) => {
      const statement = (call.body as { claim: { statement: string } }).claim.statement;
      const { items } = expectOk<{ items: { claim: { statement: string } | null }[] }>(await f.clients.owner.get(`${ws(f)}/annotations?limit=500`), 'annotations');
      expect(items.some((a) => a.claim?.statement === statement)).toBe(false);
    },
  },
  {
    method: 'GET',
    route: '/api/v1/workspaces/:ws/annotations/:annotationId',
    expected: membersRead,
    call: async (f) => ({ path: `${ws(f)}/annotations/${await reviewerAnnotation(f)}` }),
  },
  {
    method: 'PATCH',
    route: '/api/v1/workspaces/:ws/annotations/:annotationId (resolve)',
    expected: reviewersWrite(200),
    call: async (f) => {
      const id = await reviewerAnnotation(f);
      return { path: `${ws(f)}/annotations/${id}`, body: { resolved: true }, target: id };
    },
    unchanged: async (f, call) => {
      expect((await annotationAsOwner(f, call.target ?? ''))?.resolved).toBe(false);
    },
  },
  {
    method: 'PATCH',
    route: '/api/v1/workspaces/:ws/annotations/:annotationId (hide)',
    expected: ownersOnly(200),
    call: async (f) => ({ path: `${ws(f)}/annotations/${await reviewerAnnotation(f)}`, body: { hidden: true } }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/workspaces/:ws/annotations/:annotationId',
    // the reviewer is the author; owners moderate
    expected: reviewersWrite(200),
    call: async (f) => {
      const id = await reviewerAnnotation(f);
      return { path: `${ws(f)}/annotations/${id}`, target: id };
    },
    unchanged: async (f, call) => {
      expect((await annotationAsOwner(f, call.target ?? ''))?.deleted).toBe(false);
    },
  },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/annotations/:annotationId/restore',
    expected: reviewersWrite(200),
    call: async (f) => {
      const id = await reviewerAnnotation(f, { deleted: true });
      return { path: `${ws(f)}/annotations/${id}/restore`, target: id };
    },
    unchanged: async (f, call) => {
      expect((await annotationAsOwner(f, call.target ?? ''))?.deleted).toBe(true);
    },
  },
  {
    method: 'GET',
    route: '/api/v1/workspaces/:ws/annotations/:annotationId/replies',
    expected: membersRead,
    call: async (f) => ({ path: `${ws(f)}/annotations/${await reviewerAnnotation(f)}/replies` }),
  },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/annotations/:annotationId/replies',
    expected: reviewersWrite(201),
    call: async (f) => {
      const id = await reviewerAnnotation(f);
      return { path: `${ws(f)}/annotations/${id}/replies`, body: { body: 'A reply from the matrix.' }, target: id };
    },
    unchanged: async (f, call) => {
      const { items } = expectOk<{ items: unknown[] }>(await f.clients.owner.get(`${ws(f)}/annotations/${call.target}/replies`), 'replies');
      expect(items).toHaveLength(0);
    },
  },
  {
    method: 'PATCH',
    route: '/api/v1/workspaces/:ws/replies/:replyId',
    expected: ownersOnly(200),
    call: async (f) => {
      const id = await reviewerReply(f);
      return { path: `${ws(f)}/replies/${id}`, body: { hidden: true }, target: id };
    },
    unchanged: async (f, call) => {
      expect((await replyAsOwner(f, call.target ?? ''))?.hidden).toBe(false);
    },
  },
  {
    method: 'DELETE',
    route: '/api/v1/workspaces/:ws/replies/:replyId',
    expected: reviewersWrite(200),
    call: async (f) => {
      const id = await reviewerReply(f);
      return { path: `${ws(f)}/replies/${id}`, target: id };
    },
    unchanged: async (f, call) => {
      expect((await replyAsOwner(f, call.target ?? ''))?.deleted).toBe(false);
    },
  },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/replies/:replyId/restore',
    expected: reviewersWrite(200),
    call: async (f) => {
      const id = await reviewerReply(f, { deleted: true });
      return { path: `${ws(f)}/replies/${id}/restore`, target: id };
    },
    unchanged: async (f, call) => {
      expect((await replyAsOwner(f, call.target ?? ''))?.deleted).toBe(true);
    },
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/claims', expected: membersRead, call: (f) => ({ path: `${ws(f)}/claims?document=${f.document.slug}` }) },
  {
    method: 'GET',
    route: '/api/v1/workspaces/:ws/claims/:claimId',
    expected: membersRead,
    call: async (f) => {
      const id = await reviewerAnnotation(f);
      const annotation = expectOk<{ claimId: string }>(await f.clients.owner.get(`${ws(f)}/annotations/${id}`), 'annotation');
      return { path: `${ws(f)}/claims/${annotation.claimId}` };
    },
  },
  {
    method: 'PATCH',
    route: '/api/v1/workspaces/:ws/claims/:claimId',
    // the reviewer made the claim: its creator and owners may reword it
    expected: reviewersWrite(200),
    call: async (f) => {
      const id = await reviewerClaim(f);
      return { path: `${ws(f)}/claims/${id}`, body: { statement: 'Reworded by the matrix.' }, target: id };
    },
    unchanged: async (f, call) => {
      expect((await claimAsOwner(f, call.target ?? '')).statement).toBe('A second paragraph.');
    },
  },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/claims/:claimId/merge',
    // the reviewer's claim nobody else used: its creator and owners may merge it
    expected: reviewersWrite(200),
    call: async (f) => {
      const [id, into] = [await reviewerClaim(f), await reviewerClaim(f)];
      return { path: `${ws(f)}/claims/${id}/merge`, body: { into }, target: id };
    },
    unchanged: async (f, call) => {
      expect((await claimAsOwner(f, call.target ?? '')).mergedInto).toBeNull();
    },
  },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/claims/:claimId/unmerge',
    // merged by the owner: only owners (or whoever merged it) may undo it
    expected: ownersOnly(200),
    call: async (f) => {
      const [id, into] = [await reviewerClaim(f), await reviewerClaim(f)];
      expectOk(await f.clients.owner.post(`${ws(f)}/claims/${id}/merge`, { into }), 'merge');
      return { path: `${ws(f)}/claims/${id}/unmerge`, target: id };
    },
    unchanged: async (f, call) => {
      expect((await claimAsOwner(f, call.target ?? '')).mergedInto).not.toBeNull();
    },
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/crux-links', expected: membersRead, call: (f) => ({ path: `${ws(f)}/crux-links?document=${f.document.slug}` }) },
  {
    method: 'PUT',
    route: '/api/v1/workspaces/:ws/crux-links/:linkId/conditionals',
    expected: reviewersWrite(200),
    call: async (f) => {
      const id = await reviewerCruxLink(f);
      return { path: `${ws(f)}/crux-links/${id}/conditionals`, body: { ifTrue: 0.8, ifFalse: 0.2 }, target: id };
    },
    unchanged: async (f, call) => {
      const { items } = expectOk<{ items: { id: string; n: number }[] }>(await f.clients.owner.get(`${ws(f)}/crux-links`), 'crux links as owner');
      expect(items.find((l) => l.id === call.target)?.n).toBe(0);
    },
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/crux-graph', expected: membersRead, call: (f) => ({ path: `${ws(f)}/crux-graph` }) },
  {
    method: 'GET',
    route: '/api/v1/workspaces/:ws/documents/:doc/crux-graph',
    expected: membersRead,
    call: (f) => ({ path: `${ws(f)}/documents/${f.document.slug}/crux-graph` }),
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/search', expected: membersRead, call: (f) => ({ path: `${ws(f)}/search?q=paragraph` }) },
  { method: 'GET', route: '/api/v1/invites/:token', expected: everyone(200), call: (f) => ({ path: `/api/v1/invites/${f.previewToken}` }) },
  {
    method: 'POST',
    route: '/api/v1/invites/:token',
    expected: signedIn(200),
    // a workspace of its own per row, so a non-member joining it leaves the main workspace's membership alone
    call: async (f) => {
      const workspace = await createWorkspace(f.clients.owner, 'joinable');
      const invite = await createInviteLink(f.clients.owner, workspace.slug, { role: 'observer' });
      return { path: `/api/v1/invites/${invite.token}` };
    },
  },
  { method: 'GET', route: '/api/v1/tokens', expected: signedIn(200), call: () => ({ path: '/api/v1/tokens' }) },
  {
    method: 'POST',
    route: '/api/v1/tokens',
    // a leaked token must not mint more: creating one needs a session
    expected: { ...signedIn(201), ownerToken: 403 },
    call: () => ({ path: '/api/v1/tokens', body: { name: `made ${uniqueSuffix()}` } }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/tokens/:tokenId',
    // someone else's token is "not found"
    expected: { ...signedIn(404), owner: 204, ownerToken: 204 },
    call: async (f) => {
      const token = await createApiToken(f.clients.owner, `throwaway ${uniqueSuffix()}`);
      return { path: `/api/v1/tokens/${token.id}`, target: token.id };
    },
    unchanged: async (f, call) => {
      expect(await tokenRevokedAt(f, call.target ?? '')).toBeNull();
    },
  },
  { method: 'GET', route: '/api/v1/invitations', expected: signedIn(200), call: () => ({ path: '/api/v1/invitations' }) },
  {
    method: 'POST',
    route: '/api/v1/invitations/:invitationId/accept',
    expected: signedIn(200),
    call: async (f, actor) => ({ path: `/api/v1/invitations/${await invitationFor(f, actor)}/accept` }),
  },
  {
    method: 'POST',
    route: '/api/v1/invitations/:invitationId/decline',
    expected: signedIn(204),
    call: async (f, actor) => ({ path: `/api/v1/invitations/${await invitationFor(f, actor)}/decline` }),
  },
  {
    method: 'DELETE',
    route: '/api/v1/me/sessions',
    // signing out everywhere needs the session itself, not a token
    expected: { ...signedIn(204), ownerToken: 403 },
    call: () => ({ path: '/api/v1/me/sessions' }),
    restore: signInAgain,
  },
  {
    method: 'PUT',
    route: '/api/v1/me/password',
    expected: { ...signedIn(204), ownerToken: 403 },
    call: (f, actor) => {
      const password = accountOf(f, actor)?.password ?? 'not-a-password';
      return { path: '/api/v1/me/password', body: { currentPassword: password, newPassword: password } };
    },
    restore: signInAgain,
  },
  // no mail on this server: 422 for everyone signed in
  { method: 'POST', route: '/api/v1/me/verification', expected: signedIn(422), call: () => ({ path: '/api/v1/me/verification' }) },
  // notifications are the caller's own, whoever they are
  { method: 'GET', route: '/api/v1/notifications', expected: signedIn(200), call: () => ({ path: '/api/v1/notifications' }) },
  { method: 'POST', route: '/api/v1/notifications/read', expected: signedIn(200), call: () => ({ path: '/api/v1/notifications/read', body: { all: true } }) },
  { method: 'GET', route: '/api/v1/notifications/stream', expected: signedIn(200), stream: true, call: () => ({ path: '/api/v1/notifications/stream' }) },
  // the mailed link is the credential, not the session: the same answer for anyone (a forged one: notifications-api.test.ts)
  { method: 'GET', route: '/api/v1/notifications/unsubscribe', expected: everyone(200), call: () => ({ path: `/api/v1/notifications/unsubscribe?token=${sealLink('unsubscribe', { u: 'no-such-user' }, 60)}` }) },
  { method: 'POST', route: '/api/v1/notifications/unsubscribe', expected: everyone(200), call: () => ({ path: `/api/v1/notifications/unsubscribe?token=${sealLink('unsubscribe', { u: 'no-such-user' }, 60)}` }) },
  { method: 'GET', route: '/api/v1/me/notification-settings', expected: signedIn(200), call: () => ({ path: '/api/v1/me/notification-settings' }) },
  { method: 'PATCH', route: '/api/v1/me/notification-settings', expected: signedIn(200), call: () => ({ path: '/api/v1/me/notification-settings', body: { types: { round: true } } }) },
  { method: 'GET', route: '/api/v1/workspaces/:ws/assignments', expected: membersRead, call: (f) => ({ path: `${ws(f)}/assignments` }) },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/assignments',
    expected: ownersOnly(201),
    call: async (f) => {
      const doc = await importDocument(f.clients.ownerToken, f.workspace.slug, { text: shortText('Assigned', 'A paragraph to review.') });
      return { path: `${ws(f)}/assignments`, body: { document: doc.slug, userId: f.accounts.reviewer.id }, target: doc.slug };
    },
    unchanged: async (f, call) => {
      const { items } = expectOk<{ items: unknown[] }>(await f.clients.owner.get(`${ws(f)}/assignments?document=${call.target}`), 'assignments as owner');
      expect(items).toEqual([]);
    },
  },
  {
    method: 'DELETE',
    route: '/api/v1/workspaces/:ws/assignments',
    expected: ownersOnly(204),
    call: async (f) => {
      const doc = await importDocument(f.clients.ownerToken, f.workspace.slug, { text: shortText('Unassigned', 'A paragraph no longer assigned.') });
      expectOk(await f.clients.owner.post(`${ws(f)}/assignments`, { document: doc.slug, userId: f.accounts.reviewer.id }), 'assign');
      return { path: `${ws(f)}/assignments`, body: { document: doc.slug, userId: f.accounts.reviewer.id }, target: doc.slug };
    },
    unchanged: async (f, call) => {
      const { items } = expectOk<{ items: unknown[] }>(await f.clients.owner.get(`${ws(f)}/assignments?document=${call.target}`), 'assignments as owner');
      expect(items).toHaveLength(1);
    },
  },
  { method: 'GET', route: '/api/v1/workspaces/:ws/documents/:doc/progress', expected: ownersOnly(200), call: (f) => ({ path: `${ws(f)}/documents/${f.document.slug}/progress` }) },
  // a visit is the reader's own state: any member who may read records theirs
  { method: 'POST', route: '/api/v1/workspaces/:ws/documents/:doc/visit', expected: membersRead, call: (f) => ({ path: `${ws(f)}/documents/${f.document.slug}/visit` }) },
  // the rating queue is for those who rate
  { method: 'GET', route: '/api/v1/workspaces/:ws/queue', expected: reviewersWrite(200), call: (f) => ({ path: `${ws(f)}/queue` }) },
  {
    method: 'POST',
    route: '/api/v1/workspaces/:ws/queue/skip',
    expected: reviewersWrite(200),
    call: async (f) => ({ path: `${ws(f)}/queue/skip`, body: { claimId: await reviewerClaim(f) } }),
  },
];

function accountOf(f: Fixture, actor: Actor): TestAccount | undefined {
  if (actor === 'owner' || actor === 'reviewer' || actor === 'observer' || actor === 'nonMember') return f.accounts[actor];
  return undefined;
}

/** A session the row revoked, signed in again for the rows after it. */
async function signInAgain(f: Fixture, actor: Actor): Promise<void> {
  const account = accountOf(f, actor);
  if (account && !(await f.clients[actor].get('/api/v1/me')).status.toString().startsWith('2')) {
    await f.clients[actor].signInOrThrow(account.email, account.password);
  }
}

/** An open invitation to a throwaway workspace, addressed to the actor's own email (any address for signed-out actors). */
async function invitationFor(f: Fixture, actor: Actor): Promise<string> {
  const inviter = await signUp(f.anonymous, 'inviter');
  const inviterClient = await signedInClient(app, inviter, clientIp);
  const workspace = await createWorkspace(inviterClient, 'inviting');
  const email = f.ownEmail[actor] ?? `nobody-${uniqueSuffix()}@example.test`;
  const created = expectOk<{ invitation: { id: string } }>(
    await inviterClient.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'observer', email }),
    'invitation',
  );
  return created.invitation.id;
}

/** Auth-free routes answer a token as anyone; otherwise the owner's scoped tokens follow from the declared answers. */
const authFree = new Set(['POST /api/v1/users', 'GET /api/v1/health', 'GET /api/v1/invites/:token', 'GET /api/v1/notifications/unsubscribe', 'POST /api/v1/notifications/unsubscribe']);

function expectedFor(spec: RouteSpec, actor: Actor): number {
  if (actor !== 'readToken' && actor !== 'elsewhereToken') return spec.expected[actor];
  const isWrite = spec.method !== 'GET';
  if (authFree.has(`${spec.method} ${spec.route}`)) return spec.expected.ownerToken;
  // a read token: as the owner's token for reads, 403 naming its scope for any write
  if (actor === 'readToken') return isWrite ? 403 : spec.expected.ownerToken;
  // a token limited to another workspace: this one does not exist for it; outside workspaces it reads, never writes
  if (spec.route.startsWith('/api/v1/workspaces/:ws')) return spec.expected.nonMember;
  return isWrite ? 403 : spec.expected.ownerToken;
}

const errorCodeFor: Record<number, string> = { 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 422: 'UNPROCESSABLE' };

function expectClearError(response: ApiResponse, actor: Actor): void {
  const error = errorOf(response);
  expect(error.code).toBe(errorCodeFor[response.status]);
  if (response.status === 401) {
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(error.message).toMatch(actor === 'revokedToken' ? /revoked/i : /sign in/i);
  }
  if (response.status === 403) {
    const expected: Partial<Record<Actor, RegExp>> = {
      ownerToken: /token cannot create another|an API token cannot\.$/,
      readToken: /^This API token has the read scope: it can read but not write\./,
      elsewhereToken: /^This API token is limited to one workspace: it cannot act outside it\.$/,
    };
    expect(error.message).toMatch(expected[actor] ?? /^(Only workspace owners can \w.+\.|Observers cannot \w.+; an owner can make you a reviewer\.)$/);
  }
  if (response.status === 404) expect(error.message).toMatch(/not found/i);
}

/** What each actor must never be shown: the other side's marker and ids, and emails that are not theirs to see. */
function forbiddenStrings(f: Fixture, actor: Actor): Map<string, string> {
  const forbidden = new Map<string, string>();
  const isOutsider = outsiders.includes(actor);
  if (isOutsider) {
    forbidden.set(f.markers.main, "the private workspace's marker");
    forbidden.set(f.workspace.id, "the private workspace's id");
    forbidden.set(f.document.id, "the private document's id");
  } else {
    forbidden.set(f.markers.other, "the non-member's marker");
    forbidden.set(f.otherWorkspace.id, "the non-member's workspace id");
    forbidden.set(f.otherDocumentId, "the non-member's document id");
  }
  const ownerSeesMembers = actor === 'owner' || actor === 'ownerToken' || actor === 'readToken';
  for (const [email, { ownerMaySee }] of f.emails) {
    if (email === f.ownEmail[actor] || (ownerSeesMembers && ownerMaySee)) continue;
    forbidden.set(email, `another user's email (${email})`);
  }
  return forbidden;
}

const rows = routes.flatMap((spec) =>
  actors.map((actor) => ({
    title: `${spec.method} ${spec.route} answers ${expectedFor(spec, actor)} to ${actorLabels[actor]}`,
    spec,
    actor,
    status: expectedFor(spec, actor),
  })),
);

describe('access matrix of /api/v1', () => {
  it.each(rows)('$title', async ({ spec, actor, status }) => {
    const call = await spec.call(fx, actor);
    const response = await fx.clients[actor].request(spec.method, call.path, { body: call.body, stream: spec.stream });
    expect(response.status, response.text.slice(0, 300)).toBe(status);
    if (status >= 400) expectClearError(response, actor);
    for (const [value, what] of forbiddenStrings(fx, actor)) {
      expect(response.text.includes(value), `the answer shows ${actorLabels[actor]} ${what}`).toBe(false);
    }
    if (status >= 400 && spec.unchanged) await spec.unchanged(fx, call);
    await spec.restore?.(fx, actor);
  });

  it('covers every method of every route file under app/api/v1', async () => {
    const served = new Set<string>();
    for (const file of await readdir(path.join(process.cwd(), 'app', 'api', 'v1'), { recursive: true })) {
      if (path.basename(file) !== 'route.ts') continue;
      const source = await readFile(path.join(process.cwd(), 'app', 'api', 'v1', file), 'utf8');
      const route = `/api/v1/${path.dirname(file)}`.replace(/\[(\w+)\]/g, ':$1');
      const exported = /^export (?:const|(?:async )?function) (GET|POST|PUT|PATCH|DELETE)\b|\bas (GET|POST|PUT|PATCH|DELETE)\b/gm;
      for (const [, declared, renamed] of source.matchAll(exported)) served.add(`${declared ?? renamed} ${route}`);
    }
    const inMatrix = new Set(routes.map((spec) => `${spec.method} ${spec.route.replace(/ \(.*\)$/, '')}`));
    expect([...inMatrix].sort()).toEqual([...served].sort());
  });
});

describe('members list', () => {
  it('shows reviewers and observers no email but their own, and owners every member email', async () => {
    const path = `${ws(fx)}/members`;
    type Members = { items: { userId: string; email: string | null; role: string }[] };
    for (const actor of ['reviewer', 'observer'] as const) {
      const { items } = expectOk<Members>(await fx.clients[actor].get(path), `members as ${actor}`);
      expect(items.length).toBeGreaterThanOrEqual(3);
      for (const member of items) {
        expect(member.email).toBe(member.userId === fx.accounts[actor].id ? fx.accounts[actor].email : null);
      }
    }
    const { items } = expectOk<Members>(await fx.clients.owner.get(path), 'members as owner');
    const byId = new Map(items.map((m) => [m.userId, m]));
    for (const who of ['owner', 'reviewer', 'observer'] as const) {
      expect(byId.get(fx.accounts[who].id)).toMatchObject({ email: fx.accounts[who].email, role: who });
    }
  });
});

describe('no existence oracle', () => {
  it('answers a non-member the same 404 for a private workspace (by slug or id) as for one that does not exist', async () => {
    const missing = await fx.clients.nonMember.get(`/api/v1/workspaces/no-such-${uniqueSuffix()}`);
    expect(missing.status).toBe(404);
    for (const key of [fx.workspace.slug, fx.workspace.id]) {
      const answer = await fx.clients.nonMember.get(`/api/v1/workspaces/${key}`);
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual(missing.json);
    }
    const missingDoc = await fx.clients.nonMember.get(`/api/v1/workspaces/no-such-${uniqueSuffix()}/documents/nothing`);
    const privateDoc = await fx.clients.nonMember.get(`${ws(fx)}/documents/${fx.document.slug}`);
    expect(privateDoc.status).toBe(404);
    expect(privateDoc.json).toEqual(missingDoc.json);
  });

  it('answers a signed-out visitor the same 401 for a private workspace as for one that does not exist', async () => {
    const missing = await fx.clients.signedOut.get(`/api/v1/workspaces/no-such-${uniqueSuffix()}`);
    const real = await fx.clients.signedOut.get(ws(fx));
    expect(real.status).toBe(401);
    expect(missing.status).toBe(401);
    expect(real.json).toEqual(missing.json);
  });

  it("does not let a member reach another workspace's document through their own workspace's address", async () => {
    const answer = await fx.clients.owner.get(`${ws(fx)}/documents/${fx.otherDocumentId}`);
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain(fx.markers.other);
    const patch = await fx.clients.owner.patch(`${ws(fx)}/documents/${fx.otherDocumentId}`, { archived: true });
    expect(patch.status).toBe(404);
    expect((await fx.clients.nonMember.get(`/api/v1/workspaces/${fx.otherWorkspace.slug}/documents/${fx.otherDocumentId}`)).status).toBe(200);
  });
});

describe('archived documents', () => {
  it('hides an archived document from reviewers and observers, even when they ask for archived ones', async () => {
    const doc = await importDocument(fx.clients.owner, fx.workspace.slug, { text: shortText('Soon archived', `Archived paragraph ${uniqueSuffix()}.`) });
    expectOk(await fx.clients.owner.patch(`${ws(fx)}/documents/${doc.slug}`, { archived: true }), 'archive');
    for (const actor of ['reviewer', 'observer'] as const) {
      expect((await fx.clients[actor].get(`${ws(fx)}/documents/${doc.slug}`)).status).toBe(404);
      const { items } = expectOk<{ items: { slug: string }[] }>(await fx.clients[actor].get(`${ws(fx)}/documents?archived=include`), 'list');
      expect(items.map((d) => d.slug)).not.toContain(doc.slug);
    }
    const { items } = expectOk<{ items: { slug: string; archived: boolean }[] }>(
      await fx.clients.owner.get(`${ws(fx)}/documents?archived=include`),
      'list as owner',
    );
    expect(items.find((d) => d.slug === doc.slug)).toMatchObject({ archived: true });
  });
});

describe('cross-origin cookie writes', () => {
  const evil = 'http://evil.example';

  it('refuses a cookie-authenticated write from another origin with 403 and changes nothing', async () => {
    const before = expectOk<{ workspace: { name: string } }>(await fx.clients.owner.get(ws(fx)), 'workspace before');
    const rename = await fx.clients.owner.patch(ws(fx), { name: `Renamed from ${evil}` }, { origin: evil });
    expect(rename.status).toBe(403);
    expect(errorOf(rename).message).toMatch(/cross-origin/i);
    const after = expectOk<{ workspace: { name: string } }>(await fx.clients.owner.get(ws(fx)), 'workspace after');
    expect(after.workspace.name).toBe(before.workspace.name);

    const slug = `evil-${uniqueSuffix()}`;
    const create = await fx.clients.owner.post('/api/v1/workspaces', { slug, name: 'Evil' }, { origin: evil });
    expect(create.status).toBe(403);
    expect((await fx.clients.owner.get(`/api/v1/workspaces/${slug}`)).status).toBe(404);

    const token = await fx.clients.owner.post('/api/v1/tokens', { name: 'minted cross-origin' }, { origin: evil });
    expect(token.status).toBe(403);
    const { items } = expectOk<{ items: { name: string }[] }>(await fx.clients.owner.get('/api/v1/tokens'), 'tokens');
    expect(items.map((t) => t.name)).not.toContain('minted cross-origin');
  });

  it('refuses a cookie-authenticated write that names no origin at all', async () => {
    const slug = `no-origin-${uniqueSuffix()}`;
    const create = await fx.clients.owner.post('/api/v1/workspaces', { slug, name: 'No origin' }, { origin: null });
    expect(create.status).toBe(403);
    expect((await fx.clients.owner.get(`/api/v1/workspaces/${slug}`)).status).toBe(404);
  });

  it('accepts a bearer-token write without an Origin header, as the same user as the session', async () => {
    const name = `Renamed by token ${uniqueSuffix()}`;
    const rename = await fx.clients.ownerToken.patch(ws(fx), { name }, { origin: null });
    expect(rename.status).toBe(200);
    const after = expectOk<{ workspace: { name: string } }>(await fx.clients.owner.get(ws(fx)), 'workspace after');
    expect(after.workspace.name).toBe(name);
    const viaToken = expectOk<{ user: { id: string } }>(await fx.clients.ownerToken.get('/api/v1/me'), 'me via token');
    const viaSession = expectOk<{ user: { id: string } }>(await fx.clients.owner.get('/api/v1/me'), 'me via session');
    expect(viaToken.user.id).toBe(fx.accounts.owner.id);
    expect(viaSession.user.id).toBe(fx.accounts.owner.id);
  });
});
