// Setting up people, workspaces, documents, invites and tokens through the public HTTP API only (never the
// app's database directly), with unique emails and slugs on every call.
import { expectOk, HttpClient, type AppTarget } from './http-client';
import { uniqueClientIp, uniqueSuffix } from './unique';

export type TestAccount = { id: string; email: string; name: string; password: string };

/**
 * Signs up a new account with POST /api/v1/users, as someone at an address of their own: sign-ups are limited per
 * address (LIMITS.signUp, tested in tests/api/limits.test.ts), and a fixture signs up more people than that.
 */
export async function signUp(anonymous: HttpClient, label: string): Promise<TestAccount> {
  const suffix = uniqueSuffix();
  const account = { email: `${label}-${suffix}@example.test`, name: `${label} ${suffix}`, password: `pw-${label}-${suffix}-long` };
  const newcomer = new HttpClient(anonymous.app, { clientIp: uniqueClientIp() });
  const { user } = expectOk<{ user: { id: string } }>(await newcomer.post('/api/v1/users', account), `sign up ${label}`);
  return { ...account, id: user.id };
}

/** A new client with its own cookie jar, signed in as the account. */
export async function signedInClient(app: AppTarget, account: TestAccount, clientIp?: string): Promise<HttpClient> {
  const client = new HttpClient(app, { clientIp });
  await client.signInOrThrow(account.email, account.password);
  return client;
}

export type TestWorkspace = { id: string; slug: string; name: string };

export async function createWorkspace(owner: HttpClient, label: string): Promise<TestWorkspace> {
  const suffix = uniqueSuffix();
  const { workspace } = expectOk<{ workspace: TestWorkspace }>(
    await owner.post('/api/v1/workspaces', { slug: `${label}-${suffix}`, name: `${label} ${suffix}` }),
    `create workspace ${label}`,
  );
  return workspace;
}

export type ImportedDocument = { documentId: string; slug: string };

export async function importDocument(owner: HttpClient, workspace: string, input: { slug?: string; text: string; title?: string }): Promise<ImportedDocument> {
  const slug = input.slug ?? `doc-${uniqueSuffix()}`;
  const body = expectOk<{ import: ImportedDocument }>(
    await owner.post(`/api/v1/workspaces/${workspace}/documents`, { ...input, slug }),
    `import ${slug} into ${workspace}`,
  );
  return body.import;
}

/** A short text in the shape the importer reads: a title line, then paragraphs. */
export const shortText = (title: string, ...paragraphs: string[]): string => [title, ...paragraphs].join('\n\n');

export type CreatedInviteLink = { id: string; token: string };

export async function createInviteLink(
  owner: HttpClient,
  workspace: string,
  options: { role: 'owner' | 'reviewer' | 'observer'; maxUses?: number | null },
): Promise<CreatedInviteLink> {
  const body = expectOk<{ token: string; invite: { id: string } }>(
    await owner.post(`/api/v1/workspaces/${workspace}/invites`, { kind: 'link', role: options.role, maxUses: options.maxUses ?? 1 }),
    `invite link to ${workspace}`,
  );
  return { id: body.invite.id, token: body.token };
}

export async function acceptInvite(joiner: HttpClient, token: string): Promise<void> {
  expectOk(await joiner.post(`/api/v1/invites/${token}`), 'accept invite');
}

export type PendingInvitation = { id: string; workspace: { slug: string; name: string }; role: string };

/** The invitations waiting for the signed-in person (GET /api/v1/invitations). */
export async function myInvitations(person: HttpClient): Promise<PendingInvitation[]> {
  return expectOk<{ items: PendingInvitation[] }>(await person.get('/api/v1/invitations'), 'my invitations').items;
}

/**
 * Makes the account a member with the role the way people join by email: the owner invites the address, and the
 * person (signed in on a client of their own, or `asClient`) accepts the invitation from their list.
 */
export async function addMemberByEmail(
  owner: HttpClient,
  workspace: string,
  invitee: TestAccount,
  role: 'owner' | 'reviewer' | 'observer',
  asClient?: HttpClient,
): Promise<void> {
  expectOk(await owner.post(`/api/v1/workspaces/${workspace}/invites`, { kind: 'email', role, email: invitee.email }), `invite ${invitee.email} to ${workspace}`);
  const person = asClient ?? (await signedInClient(owner.app, invitee, owner.clientIp ?? undefined));
  const invitation = (await myInvitations(person)).find((i) => i.workspace.slug === workspace);
  if (!invitation) throw new Error(`no invitation to ${workspace} for ${invitee.email}`);
  expectOk(await person.post(`/api/v1/invitations/${invitation.id}/accept`), `accept the invitation to ${workspace}`);
}

export type CreatedToken = { id: string; token: string };

/** POST /api/v1/tokens needs a signed-in session. */
export async function createApiToken(session: HttpClient, name: string): Promise<CreatedToken> {
  const body = expectOk<{ token: string; apiToken: { id: string } }>(await session.post('/api/v1/tokens', { name }), `create token ${name}`);
  return { id: body.apiToken.id, token: body.token };
}

export async function revokeApiToken(session: HttpClient, tokenId: string): Promise<void> {
  expectOk(await session.delete(`/api/v1/tokens/${tokenId}`), 'revoke token');
}
