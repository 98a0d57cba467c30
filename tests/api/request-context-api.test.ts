// The request context of a workspace route, built from the sign-in's own query (lib/api/handler.ts, buildContext):
// a member's session or token is read with their membership of the route's workspace, so their context costs no
// query of its own; everyone else's takes loadWorkspaceContext's whole rule. What a user sees must not change:
// roles apply from the next request, an archived workspace is gone, a token limited to one workspace finds no
// other, and a public workspace's readers still read it.
import { beforeAll, describe, expect, it } from 'vitest';
import { onQuery, type LoggedQuery } from '@/lib/database/query-log';
import { db } from '@/lib/db';
import { addMemberByEmail, createApiToken, createWorkspace, importDocument, signedInClient, signUp, type TestAccount, type TestWorkspace } from '../support/api-actors';
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
