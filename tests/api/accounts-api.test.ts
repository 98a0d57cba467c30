// Accounts over HTTP, the route handlers called in process, on a server that sends no mail: invitations by email
// need the person's consent and answer owners the same whether or not the address has an account (finding 4); API
// tokens carry a scope and optionally one workspace (item 8); "sign out everywhere" and a password change revoke
// every session cookie made before (item 8); sign-up no longer says "already registered".
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  createWorkspace,
  importDocument,
  myInvitations,
  shortText,
  signedInClient,
  signUp,
  type TestAccount,
  type TestWorkspace,
} from '../support/api-actors';
import { errorOf, expectOk, HttpClient, SESSION_COOKIE } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp, uniqueSuffix } from '../support/unique';

const app = inProcessApp();
const clientIp = uniqueClientIp();
const anonymous = new HttpClient(app, { clientIp });

type Member = { userId: string; role: string };
type Invite = { id: string; email: string | null; role: string; status: string };

const membersOf = async (owner: HttpClient, ws: string): Promise<Member[]> =>
  expectOk<{ items: Member[] }>(await owner.get(`/api/v1/workspaces/${ws}/members`), 'members').items;
const invitesOf = async (owner: HttpClient, ws: string): Promise<Invite[]> =>
  expectOk<{ items: Invite[] }>(await owner.get(`/api/v1/workspaces/${ws}/invites`), 'invites').items;

let owner: TestAccount;
let ownerClient: HttpClient;
let workspace: TestWorkspace;

beforeAll(async () => {
  owner = await signUp(anonymous, 'acc-owner');
  ownerClient = await signedInClient(app, owner, clientIp);
  workspace = await createWorkspace(ownerClient, 'acc');
});

describe('invitations by email', () => {
  it('answers the owner the same for an address with an account and one without', async () => {
    const person = await signUp(anonymous, 'has-account');
    const strangerEmail = `nobody-${uniqueSuffix()}@example.test`;
    const withAccount = await ownerClient.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'reviewer', email: person.email });
    const without = await ownerClient.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'reviewer', email: strangerEmail });
    expect(withAccount.status).toBe(201);
    expect(without.status).toBe(201);
    // Everything but the ids, the times and the address itself is the same.
    const shape = (json: unknown) =>
      JSON.stringify(json, (key, value: unknown) => (['id', 'email', 'expiresAt', 'createdAt'].includes(key) ? '*' : value));
    expect(shape(withAccount.json)).toBe(shape(without.json));
    expect(withAccount.json).toMatchObject({ kind: 'email', invitation: { role: 'reviewer', status: 'active', email: person.email }, emailSent: false });
    expect(withAccount.text).not.toContain(person.id);
    expect(withAccount.text).not.toContain(person.name);
  });

  it('adds nobody until the person accepts, then gives them the role', async () => {
    const person = await signUp(anonymous, 'accepts');
    const personClient = await signedInClient(app, person, clientIp);
    expectOk(await ownerClient.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'observer', email: person.email }), 'invite');
    expect((await membersOf(ownerClient, workspace.slug)).map((m) => m.userId)).not.toContain(person.id);
    expect((await personClient.get(`/api/v1/workspaces/${workspace.slug}`)).status).toBe(404);

    const [invitation] = (await myInvitations(personClient)).filter((i) => i.workspace.slug === workspace.slug);
    expect(invitation).toMatchObject({ workspace: { slug: workspace.slug, name: workspace.name }, role: 'observer', invitedBy: { name: owner.name } });
    const accepted = await personClient.post(`/api/v1/invitations/${invitation!.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ membership: { workspace: { slug: workspace.slug }, role: 'observer' } });
    expect(await membersOf(ownerClient, workspace.slug)).toContainEqual(expect.objectContaining({ userId: person.id, role: 'observer' }));
    expect(await myInvitations(personClient)).toEqual([]);
    expect((await invitesOf(ownerClient, workspace.slug)).find((i) => i.email === person.email)?.status).toBe('used_up');
    // accepted once: a second answer finds nothing
    expect((await personClient.post(`/api/v1/invitations/${invitation!.id}/accept`)).status).toBe(404);
  });

  it('lets the person decline, which the owners see, and adds nobody', async () => {
    const person = await signUp(anonymous, 'declines');
    const personClient = await signedInClient(app, person, clientIp);
    expectOk(await ownerClient.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'reviewer', email: person.email }), 'invite');
    const [invitation] = await myInvitations(personClient);
    expect((await personClient.post(`/api/v1/invitations/${invitation!.id}/decline`)).status).toBe(204);
    expect((await invitesOf(ownerClient, workspace.slug)).find((i) => i.email === person.email)?.status).toBe('declined');
    expect((await membersOf(ownerClient, workspace.slug)).map((m) => m.userId)).not.toContain(person.id);
    expect(await myInvitations(personClient)).toEqual([]);
    expect((await personClient.post(`/api/v1/invitations/${invitation!.id}/accept`)).status).toBe(404);
  });

  it('never makes someone an owner they did not accept to be, so the last owner stays the last owner', async () => {
    const soloOwner = await signUp(anonymous, 'solo');
    const soloClient = await signedInClient(app, soloOwner, clientIp);
    const solo = await createWorkspace(soloClient, 'solo');
    const person = await signUp(anonymous, 'unwilling');
    const personClient = await signedInClient(app, person, clientIp);
    expectOk(await soloClient.post(`/api/v1/workspaces/${solo.slug}/invites`, { kind: 'email', role: 'owner', email: person.email }), 'invite as owner');
    // The owner cannot leave the workspace on the unwilling person: they are not an owner, not even a member.
    const leave = await soloClient.delete(`/api/v1/workspaces/${solo.slug}/members/${soloOwner.id}`);
    expect(leave.status).toBe(409);
    expect((await membersOf(soloClient, solo.slug)).map((m) => m.userId)).toEqual([soloOwner.id]);
    const [invitation] = (await myInvitations(personClient)).filter((i) => i.workspace.slug === solo.slug);
    expect((await personClient.post(`/api/v1/invitations/${invitation!.id}/decline`)).status).toBe(204);
    expect((await personClient.get('/api/v1/workspaces')).json).toMatchObject({ items: [] });
  });

  it("does not let anyone else see or answer a person's invitation", async () => {
    const person = await signUp(anonymous, 'invitee');
    const other = await signUp(anonymous, 'interloper');
    const personClient = await signedInClient(app, person, clientIp);
    const otherClient = await signedInClient(app, other, clientIp);
    expectOk(await ownerClient.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'reviewer', email: person.email }), 'invite');
    const [invitation] = await myInvitations(personClient);
    expect(await myInvitations(otherClient)).toEqual([]);
    const stolen = await otherClient.post(`/api/v1/invitations/${invitation!.id}/accept`);
    expect(stolen.status).toBe(404);
    expect((await membersOf(ownerClient, workspace.slug)).map((m) => m.userId)).not.toContain(other.id);
    expect((await anonymous.post(`/api/v1/invitations/${invitation!.id}/accept`)).status).toBe(401);
  });

  it('refuses an address that is already a member with 409, and bad input with 400, writing nothing', async () => {
    const before = await invitesOf(ownerClient, workspace.slug);
    const member = await ownerClient.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'reviewer', email: owner.email });
    expect(member.status).toBe(409);
    expect(errorOf(member).fields).toEqual({ email: ['is already a member'] });
    const bad = await ownerClient.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'boss', email: 'not-an-email' });
    expect(bad.status).toBe(400);
    expect(Object.keys(errorOf(bad).fields ?? {}).sort()).toEqual(['email', 'role']);
    expect(await invitesOf(ownerClient, workspace.slug)).toHaveLength(before.length);
  });

  it('lets a person who signs up later with the invited address find the invitation', async () => {
    const email = `later-${uniqueSuffix()}@example.test`;
    expectOk(await ownerClient.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'email', role: 'reviewer', email }), 'invite');
    const account = { email, name: 'Later', password: `pw-later-${uniqueSuffix()}-long` };
    expectOk(await anonymous.post('/api/v1/users', account), 'sign up');
    const client = new HttpClient(app, { clientIp });
    await client.signInOrThrow(email, account.password);
    expect((await myInvitations(client)).map((i) => i.workspace.slug)).toEqual([workspace.slug]);
  });
});

describe('API token scopes and workspaces', () => {
  let second: TestWorkspace;
  let documentSlug: string;

  beforeAll(async () => {
    second = await createWorkspace(ownerClient, 'acc-second');
    documentSlug = (await importDocument(ownerClient, workspace.slug, { text: shortText('Scoped', 'A paragraph to read.') })).slug;
  });

  const token = async (body: Record<string, unknown>): Promise<{ token: string; apiToken: { scope: string; workspace: { slug: string } | null } }> =>
    expectOk(await ownerClient.post('/api/v1/tokens', { name: `t-${uniqueSuffix()}`, ...body }), 'create token');

  it('creates write tokens by default, as before', async () => {
    const created = await token({});
    expect(created.apiToken).toMatchObject({ scope: 'write', workspace: null });
    const client = new HttpClient(app, { bearer: created.token });
    const name = `Renamed ${uniqueSuffix()}`;
    expect((await client.patch(`/api/v1/workspaces/${second.slug}`, { name })).status).toBe(200);
  });

  it('lets a read token read but answers every write 403 naming the scope, writing nothing', async () => {
    const created = await token({ scope: 'read' });
    expect(created.apiToken.scope).toBe('read');
    const reader = new HttpClient(app, { bearer: created.token });
    expect((await reader.get(`/api/v1/workspaces/${workspace.slug}/documents/${documentSlug}`)).status).toBe(200);
    const before = expectOk<{ workspace: { name: string } }>(await ownerClient.get(`/api/v1/workspaces/${workspace.slug}`), 'before').workspace.name;
    const writes = [
      await reader.patch(`/api/v1/workspaces/${workspace.slug}`, { name: 'Changed by a read token' }),
      await reader.post('/api/v1/workspaces', { slug: `read-${uniqueSuffix()}`, name: 'Nope' }),
      await reader.post(`/api/v1/workspaces/${workspace.slug}/invites`, { kind: 'link', role: 'observer' }),
      await reader.delete(`/api/v1/workspaces/${workspace.slug}/members/${owner.id}`),
    ];
    for (const write of writes) {
      expect(write.status).toBe(403);
      expect(errorOf(write).message).toMatch(/read scope/);
    }
    const after = expectOk<{ workspace: { name: string } }>(await ownerClient.get(`/api/v1/workspaces/${workspace.slug}`), 'after').workspace.name;
    expect(after).toBe(before);
    expect(expectOk<{ items: unknown[] }>(await ownerClient.get('/api/v1/workspaces'), 'mine').items).toHaveLength(2);
  });

  it('lets a workspace token see only its workspace: the others answer 404 as if they did not exist', async () => {
    const created = await token({ workspace: workspace.slug });
    expect(created.apiToken.workspace).toEqual({ slug: workspace.slug, name: workspace.name });
    const limited = new HttpClient(app, { bearer: created.token });
    expect((await limited.get(`/api/v1/workspaces/${workspace.slug}/documents`)).status).toBe(200);
    const other = await limited.get(`/api/v1/workspaces/${second.slug}`);
    const missing = await limited.get(`/api/v1/workspaces/no-such-${uniqueSuffix()}`);
    expect(other.status).toBe(404);
    expect(other.json).toEqual(missing.json);
    expect((await limited.patch(`/api/v1/workspaces/${second.slug}`, { name: 'Reached' })).status).toBe(404);
    const mine = expectOk<{ items: { slug: string }[] }>(await limited.get('/api/v1/workspaces'), 'list');
    expect(mine.items.map((w) => w.slug)).toEqual([workspace.slug]);
    const create = await limited.post('/api/v1/workspaces', { slug: `limited-${uniqueSuffix()}`, name: 'Elsewhere' });
    expect(create.status).toBe(403);
    expect(errorOf(create).message).toMatch(/limited to one workspace/);
  });

  it('refuses a workspace the user cannot read with 422 on the field, and a bad scope with 400', async () => {
    const stranger = await signUp(anonymous, 'stranger');
    const strangerClient = await signedInClient(app, stranger, clientIp);
    const theirs = await createWorkspace(strangerClient, 'theirs');
    const before = expectOk<{ items: unknown[] }>(await ownerClient.get('/api/v1/tokens'), 'tokens').items.length;
    const foreign = await ownerClient.post('/api/v1/tokens', { name: 'foreign', workspace: theirs.slug });
    const missing = await ownerClient.post('/api/v1/tokens', { name: 'missing', workspace: `none-${uniqueSuffix()}` });
    expect(foreign.status).toBe(422);
    expect(errorOf(foreign)).toEqual(errorOf(missing));
    expect(errorOf(foreign).fields).toHaveProperty('workspace');
    const badScope = await ownerClient.post('/api/v1/tokens', { name: 'bad', scope: 'admin' });
    expect(badScope.status).toBe(400);
    expect(errorOf(badScope).fields).toHaveProperty('scope');
    expect(expectOk<{ items: unknown[] }>(await ownerClient.get('/api/v1/tokens'), 'tokens').items).toHaveLength(before);
  });
});

describe('revocable sessions', () => {
  it('refuses a cookie taken before "sign out everywhere", on every device, and a new sign-in works', async () => {
    const person = await signUp(anonymous, 'everywhere');
    const laptop = await signedInClient(app, person, clientIp);
    const phone = await signedInClient(app, person, clientIp);
    const stolenCookie = laptop.jar.get(SESSION_COOKIE);
    expect(stolenCookie).toBeTruthy();
    expect((await phone.get('/api/v1/me')).status).toBe(200);

    expect((await laptop.delete('/api/v1/me/sessions')).status).toBe(204);

    expect((await laptop.get('/api/v1/me')).status).toBe(401);
    expect((await phone.get('/api/v1/me')).status).toBe(401);
    const replay = new HttpClient(app, { clientIp });
    replay.jar.set(SESSION_COOKIE, stolenCookie as string);
    expect((await replay.get('/api/v1/me')).status).toBe(401);
    // the page side (next-auth's session endpoint) no longer knows the user either
    const session = await replay.get('/api/auth/session');
    expect((session.json as { user?: { id?: string } } | null)?.user?.id).toBeUndefined();

    const again = await signedInClient(app, person, clientIp);
    expect(expectOk<{ user: { id: string } }>(await again.get('/api/v1/me'), 'me').user.id).toBe(person.id);
  });

  it('revokes every session when the password changes; the new password signs in, the old one does not', async () => {
    const person = await signUp(anonymous, 'rotates');
    const session = await signedInClient(app, person, clientIp);
    const other = await signedInClient(app, person, clientIp);
    const newPassword = `new-${uniqueSuffix()}-password`;

    const wrong = await session.put('/api/v1/me/password', { currentPassword: 'not-the-password', newPassword });
    expect(wrong.status).toBe(422);
    expect(errorOf(wrong).fields).toHaveProperty('currentPassword');
    expect((await other.get('/api/v1/me')).status).toBe(200);

    expect((await session.put('/api/v1/me/password', { currentPassword: person.password, newPassword })).status).toBe(204);
    expect((await session.get('/api/v1/me')).status).toBe(401);
    expect((await other.get('/api/v1/me')).status).toBe(401);
    const withOld = new HttpClient(app, { clientIp: uniqueClientIp() });
    await withOld.signIn(person.email, person.password);
    expect(withOld.isSignedIn).toBe(false);
    const withNew = new HttpClient(app, { clientIp });
    await withNew.signInOrThrow(person.email, newPassword);
    expect((await withNew.get('/api/v1/me')).status).toBe(200);
  });

  it('keeps API tokens working after "sign out everywhere", and does not let a token sign the user out', async () => {
    const person = await signUp(anonymous, 'token-keeper');
    const session = await signedInClient(app, person, clientIp);
    const created = await createApiToken(session, 'kept');
    const tokenClient = new HttpClient(app, { bearer: created.token });
    const refused = await tokenClient.delete('/api/v1/me/sessions');
    expect(refused.status).toBe(403);
    expect((await session.get('/api/v1/me')).status).toBe(200);
    expect((await session.delete('/api/v1/me/sessions')).status).toBe(204);
    expect((await tokenClient.get('/api/v1/me')).status).toBe(200);
  });
});

describe('sign-up without mail', () => {
  it('does not say that an address is registered, and signs the owner of the password in', async () => {
    const person = await signUp(anonymous, 'registered');
    const again = await anonymous.post('/api/v1/users', { email: person.email, name: 'Someone else', password: 'another-password-1' });
    expect(again.status).toBe(409);
    expect(again.text).not.toMatch(/already (registered|exists)/i);
    expect(errorOf(again).message).toMatch(/sign in/i);
    const same = await anonymous.post('/api/v1/users', { email: person.email, name: person.name, password: person.password });
    expect(same.status).toBe(201);
    expect(same.json).toEqual({ user: { id: person.id, email: person.email, name: person.name } });
  });
});
