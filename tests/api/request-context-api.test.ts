// The request context of a workspace route, built from the sign-in's own query (lib/api/handler.ts, buildContext):
// a member's session or token is read with their membership of the route's workspace, so their context costs no
// query of its own; everyone else's takes loadWorkspaceContext's whole rule. What a user sees must not change:
// roles apply from the next request, an archived workspace is gone, a token limited to one workspace finds no
// other, and a public workspace's readers still read it.
import { beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { onQuery, type LoggedQuery } from '@/lib/database/query-log';
import { db, embeddedInstance } from '@/lib/db';
import { env } from '@/lib/env';
import { addMemberByEmail, createApiToken, createWorkspace, importDocument, revokeApiToken, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
import { errorOf, expectOk, HttpClient, type ApiResponse } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();

type Fixture = { doc: string; owner: HttpClient; reviewer: HttpClient; reviewerAccount: TestAccount; reviewerToken: HttpClient; stranger: HttpClient; workspace: TestWorkspace };
let f: Fixture;

beforeAll(async () => {
  const anonymous = new HttpClient(app, { clientIp });
  const ownerAccount = await signUp(anonymous, 'ctx-owner');
  const reviewerAccount = await signUp(anonymous, 'ctx-reviewer');
  const strangerAccount = await signUp(anonymous, 'ctx-stranger');
  const owner = await signedInClient(app, ownerAccount, clientIp);
  const workspace = await createWorkspace(owner, 'ctx');
  const reviewer = await signedInClient(app, reviewerAccount, clientIp);
  await addMemberByEmail(owner, workspace.slug, reviewerAccount, 'reviewer', reviewer);
  const token = await createApiToken(reviewer, 'ctx token');
  const { slug: doc } = await importDocument(owner, workspace.slug, { text: `# Context\n\n${QUOTE} and more.` });
  f = {
    doc,
    owner,
    reviewer,
    reviewerAccount,
    reviewerToken: new HttpClient(app, { clientIp, bearer: token.token }),
    stranger: await signedInClient(app, strangerAccount, clientIp),
    workspace,
  };
  // the token's first use records it (at most once a minute): done here, so the counts below see no such write
  expectOk(await f.reviewerToken.get('/api/v1/me'), 'first use of the token');
});

/** The statements one request sends, and its answer. */
async function statementsOf(request: () => Promise<ApiResponse>): Promise<{ response: ApiResponse; sent: LoggedQuery[] }> {
  const sent: LoggedQuery[] = [];
  const stop = onQuery((q) => sent.push(q));
  try {
    return { response: await request(), sent };
  } finally {
    stop();
  }
}

const QUOTE = 'Roles apply from the next request';

const reads = (sql: string, table: string): boolean => sql.includes(`"${table}"`);

/** A claim annotation on the document's first sentence. */
function annotation() {
  const start = `Context\n\n`.length;
  return { document: f.doc, kind: 'claim', target: { exact: QUOTE, start, end: start + QUOTE.length }, claim: { statement: 'Roles apply at once.' } };
}

describe('the request context', () => {
  it("is read with a member's sign-in, by token or by session: GET /workspaces/:ws sends that one statement", async () => {
    for (const [via, client, signIn] of [
      ['token', f.reviewerToken, 'ApiToken'],
      ['session', f.reviewer, 'User'],
    ] as const) {
      const { response, sent } = await statementsOf(() => client.get(`/api/v1/workspaces/${f.workspace.slug}`));
      const { workspace } = expectOk<{ workspace: { id: string; slug: string; role: string | null } }>(response, `workspace by ${via}`);
      expect(workspace).toMatchObject({ id: f.workspace.id, slug: f.workspace.slug, role: 'reviewer' });
      expect(sent, `${via}: ${sent.map((q) => q.sql).join('\n')}`).toHaveLength(1);
      const [statement] = sent as [LoggedQuery];
      expect(reads(statement.sql, signIn) && reads(statement.sql, 'Membership') && reads(statement.sql, 'Workspace')).toBe(true);
      // the same answer by id as by slug
      const byId = expectOk<{ workspace: { slug: string; role: string } }>(await client.get(`/api/v1/workspaces/${f.workspace.id}`), `by id (${via})`);
      expect(byId.workspace).toMatchObject({ slug: f.workspace.slug, role: 'reviewer' });
    }
  });

  it('takes a changed role from the next request', async () => {
    const target = `/api/v1/workspaces/${f.workspace.slug}`;
    expectOk(await f.owner.patch(`${target}/members/${f.reviewerAccount.id}`, { role: 'observer' }), 'make the reviewer an observer');
    try {
      const { workspace } = expectOk<{ workspace: { role: string } }>(await f.reviewerToken.get(target), 'as observer');
      expect(workspace.role).toBe('observer');
      const refused = await f.reviewerToken.post(`${target}/annotations`, annotation());
      expect(refused.status).toBe(403);
      expect(errorOf(refused).message).toBe('Observers cannot annotate documents; an owner can make you a reviewer.');
    } finally {
      expectOk(await f.owner.patch(`${target}/members/${f.reviewerAccount.id}`, { role: 'reviewer' }), 'make them a reviewer again');
    }
    expect(expectOk<{ workspace: { role: string } }>(await f.reviewerToken.get(target), 'reviewer again').workspace.role).toBe('reviewer');
    expect(expectOk<{ kind: string }>(await f.reviewerToken.post(`${target}/annotations`, annotation()), 'annotate as a reviewer again').kind).toBe('claim');
  });

  it("finds an archived workspace no more, for its own members", async () => {
    const other = await createWorkspace(f.owner, 'ctx-archived');
    expectOk(await f.owner.get(`/api/v1/workspaces/${other.slug}`), 'live');
    await db.workspace.update({ where: { id: other.id }, data: { archivedAt: new Date() } });
    const gone = await f.owner.get(`/api/v1/workspaces/${other.slug}`);
    expect(gone.status).toBe(404);
    expect(errorOf(gone).message).toBe('Workspace not found.');
  });

  it("reads a public workspace for a signed-in non-member through the whole rule, and a private one is not found", async () => {
    const target = `/api/v1/workspaces/${f.workspace.slug}`;
    const hidden = await f.stranger.get(target);
    expect(hidden.status).toBe(404);
    expectOk(await f.owner.patch(target, { visibility: 'public' }), 'make it public');
    try {
      const { response, sent } = await statementsOf(() => f.stranger.get(target));
      const { workspace } = expectOk<{ workspace: { slug: string; role: string | null } }>(response, 'public, as a stranger');
      expect(workspace).toMatchObject({ slug: f.workspace.slug, role: null });
      // the sign-in found no membership; the workspace was read by the whole rule
      expect(sent).toHaveLength(2);
    } finally {
      expectOk(await f.owner.patch(target, { visibility: 'private' }), 'private again');
    }
  });
});

/** Runs `sql` on a connection of its own, past the app's database client: as another instance or process would. */
async function writeElsewhere(sql: string, params: unknown[]): Promise<void> {
  const pglite = await embeddedInstance();
  if (pglite) {
    await pglite.query(sql, params);
    return;
  }
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql, params);
  } finally {
    await client.end();
  }
}

/** A member of the fixture's workspace (the role given) with an API token of their own. */
async function memberWithToken(label: string, role: 'reviewer' | 'observer') {
  const anonymous = new HttpClient(app, { clientIp });
  const account = await signUp(anonymous, label);
  const session = await signedInClient(app, account, clientIp);
  await addMemberByEmail(f.owner, f.workspace.slug, account, role, session);
  const token = await createApiToken(session, `${label} token`);
  const client = new HttpClient(app, { clientIp, bearer: token.token });
  expectOk(await client.get('/api/v1/me'), 'first use of the token'); // records its use (a write) before the counts
  return { account, session, token, client };
}

const roleOf = async (client: HttpClient): Promise<{ status: number; role?: string }> => {
  const response = await client.get(`/api/v1/workspaces/${f.workspace.slug}`);
  return { status: response.status, role: response.status === 200 ? (response.json as { workspace: { role: string } }).workspace.role : undefined };
};

describe("a member's token sign-in, kept a moment (lib/auth/sign-in-cache.ts)", () => {
  it('serves the same token\'s next request to the workspace without reading the sign-in again', async () => {
    const { client } = await memberWithToken('ctx-kept', 'reviewer');
    // back to back, the second request is within the keeping time (1 s); a stalled machine gets two more tries
    let second: LoggedQuery[] | undefined;
    for (let attempt = 0; attempt < 3 && second?.length !== 0; attempt++) {
      const first = await statementsOf(() => client.get(`/api/v1/workspaces/${f.workspace.slug}`));
      expect(first.sent.some((q) => reads(q.sql, 'ApiToken'))).toBe(true);
      const again = await statementsOf(() => client.get(`/api/v1/workspaces/${f.workspace.slug}`));
      expect(expectOk<{ workspace: { role: string } }>(again.response, 'again').workspace.role).toBe('reviewer');
      second = again.sent;
    }
    expect(second, (second ?? []).map((q) => q.sql).join('\n')).toEqual([]);
  });

  it('refuses a revoked token from the next request', async () => {
    const { session, token, client } = await memberWithToken('ctx-revoked', 'reviewer');
    expect((await roleOf(client)).role).toBe('reviewer');
    await revokeApiToken(session, token.id);
    const refused = await client.get(`/api/v1/workspaces/${f.workspace.slug}`);
    expect(refused.status).toBe(401);
    expect(errorOf(refused).message).toBe('The API token has been revoked.');
  });

  it('finds the workspace no more for a member removed, from the next request', async () => {
    const { account, client } = await memberWithToken('ctx-removed', 'reviewer');
    expect((await roleOf(client)).role).toBe('reviewer');
    expectOk(await f.owner.delete(`/api/v1/workspaces/${f.workspace.slug}/members/${account.id}`), 'remove the member');
    expect((await roleOf(client)).status).toBe(404);
  });

  it('takes a role changed by a write of this process outside any route (a script, a test) from the next request', async () => {
    const { account, client } = await memberWithToken('ctx-scripted', 'reviewer');
    expect((await roleOf(client)).role).toBe('reviewer');
    await db.membership.update({ where: { workspaceId_userId: { workspaceId: f.workspace.id, userId: account.id } }, data: { role: 'observer' } });
    expect((await roleOf(client)).role).toBe('observer');
  });

  it('takes a role changed by another process once the kept sign-in is older than CRUXMAP_SIGN_IN_CACHE_MS', async () => {
    expect(env.CRUXMAP_SIGN_IN_CACHE_MS).toBe(1000);
    const { account, client } = await memberWithToken('ctx-elsewhere', 'reviewer');
    expect((await roleOf(client)).role).toBe('reviewer');
    const changedAt = Date.now();
    await writeElsewhere(`UPDATE "Membership" SET "role" = 'observer' WHERE "workspaceId" = $1 AND "userId" = $2`, [f.workspace.id, account.id]);
    let role = (await roleOf(client)).role;
    while (role !== 'observer' && Date.now() - changedAt < 10_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      role = (await roleOf(client)).role;
    }
    expect(role).toBe('observer');
  });
});
