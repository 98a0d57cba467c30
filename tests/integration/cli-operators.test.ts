// The operator commands, run in the test process (tests/support/cli.ts) on this file's database, read back
// directly; and once through the real `node bin/cruxmap.js`, reading a piped standard input.
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { authenticateToken } from '../../lib/auth/api-token-queries';
import { viewerFromRequest } from '../../lib/auth/viewer';
import { db } from '../../lib/db';
import { cruxmap, spawnCruxmap } from '../support/cli';
import { workspaceIdOf } from '../support/workspace-id';

describe('operator CLI', () => {
  const email = `ops-${Date.now()}@example.test`;
  const password = 'correct horse battery staple';

  it('creates a user with the password from stdin, stored only as a hash', async () => {
    const created = await cruxmap(['user', 'create', '--email', email.toUpperCase(), '--name', 'Operator', '--password-stdin'], `${password}\n`);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`created user ${email}`);
    expect(created.stdout).not.toContain(password);
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user.passwordHash).not.toContain(password);
    expect(await bcrypt.compare(password, user.passwordHash ?? '')).toBe(true);

    const again = await cruxmap(['user', 'create', '--email', email, '--name', 'Operator', '--password-stdin'], `${password}\n`);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('refuses a user without --password-stdin, or with a short password, naming the problem', async () => {
    const noFlag = await cruxmap(['user', 'create', '--email', 'x@example.test', '--name', 'X']);
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toMatch(/--password-stdin/);
    const short = await cruxmap(['user', 'create', '--email', 'x@example.test', '--name', 'X', '--password-stdin'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password must be at least 10 characters/);
  });

  it('refuses a common password or one over 72 bytes with exit 2, naming the problem, and creates no user', async () => {
    for (const [password, message] of [
      ['password123', /password is one of the most common passwords/],
      ['Iloveyou12', /password is one of the most common passwords/],
      ['ü'.repeat(40), /password must be at most 72 bytes \(this one is 80/],
    ] as const) {
      const refused = await cruxmap(['user', 'create', '--email', 'common@example.test', '--name', 'Common', '--password-stdin'], `${password}\n`);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(message);
      expect(refused.stderr).not.toContain(password);
      expect(await db.user.count({ where: { email: 'common@example.test' } })).toBe(0);
    }
  });

  it('reads the password from the real standard input of bin/cruxmap.js', () => {
    // a short password is refused before the database is opened: the process reads its piped stdin, and exits 2
    const short = spawnCruxmap(['user', 'create', '--email', 'x@example.test', '--name', 'X', '--password-stdin'], { input: 'short\n' });
    expect(short.code).toBe(2);
    expect(short.stdout).toBe('');
    expect(short.stderr).toMatch(/password must be at least 10 characters/);
  });

  it('creates a workspace owned by a user and adds members with roles, audited', async () => {
    const member = `member-${Date.now()}@example.test`;
    expect((await cruxmap(['user', 'create', '--email', member, '--name', 'Member', '--password-stdin'], 'another password\n')).code).toBe(0);
    const created = await cruxmap(['workspace', 'create', '--slug', 'ops-team', '--name', 'Ops team', '--owner', email]);
    expect(created.code).toBe(0);
    const added = await cruxmap(['workspace', 'add-member', '--workspace', 'ops-team', '--email', member, '--role', 'reviewer']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`${member} is now reviewer of ops-team`);

    const badRole = await cruxmap(['workspace', 'add-member', '--workspace', 'ops-team', '--email', member, '--role', 'admin']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be owner, reviewer or observer/);
    const noWorkspace = await cruxmap(['workspace', 'add-member', '--workspace', 'nope', '--email', member, '--role', 'observer']);
    expect(noWorkspace.code).toBe(2);
    expect(noWorkspace.stderr).toMatch(/workspace "nope" does not exist/);
    const noUser = await cruxmap(['workspace', 'create', '--slug', 'other', '--name', 'Other', '--owner', 'nobody@example.test']);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/no user with the email nobody@example.test/);
    const lastOwner = await cruxmap(['workspace', 'add-member', '--workspace', 'ops-team', '--email', email, '--role', 'observer']);
    expect(lastOwner.code).toBe(2);
    expect(lastOwner.stderr).toMatch(/at least one owner/);

    const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: 'ops-team' } });
    const members = await db.membership.findMany({ where: { workspaceId: workspace.id }, select: { role: true, user: { select: { email: true } } } });
    const audit = (await db.auditLog.findMany({ where: { workspaceId: workspace.id }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(members).toHaveLength(2);
    expect(members).toContainEqual({ role: 'owner', user: { email } });
    expect(members).toContainEqual({ role: 'reviewer', user: { email: member } });
    expect(audit).toEqual(['workspace.created', 'membership.added', 'membership.added']);
  });

  it('creates an API token printed once on stdout and stored only as a hash', async () => {
    const result = await cruxmap(['token', 'create', '--email', email, '--name', 'ci']);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(token).toMatch(/^cmx_[\w-]{40,}$/);
    expect(result.stderr).toMatch(/shown once/);
    const rows = await db.apiToken.findMany({ where: { user: { email } } });
    expect(rows.map((r) => r.name)).toEqual(['ci']);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('creates a read-only token limited to one workspace, and refuses a bad scope or a workspace the user cannot read', async () => {
    const result = await cruxmap(['token', 'create', '--email', email, '--name', 'reader', '--scope', 'read', '--workspace', 'ops-team']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/"reader" \(read scope, workspace ops-team only\)/);
    const token = result.stdout.trim();
    const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: 'ops-team' }, select: { id: true } });
    const user = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    expect(await authenticateToken(token)).toMatchObject({ userId: user.id, scope: 'read', workspaceId: workspace.id });
    expect(await viewerFromRequest(new Request('http://cli.test/api/v1/me', { headers: { authorization: `Bearer ${token}` } }))).toEqual({
      userId: user.id,
      via: 'token',
      grant: { scope: 'read', workspaceId: workspace.id },
    });

    const byDefault = await cruxmap(['token', 'create', '--email', email, '--name', 'writer']);
    expect(await authenticateToken(byDefault.stdout.trim())).toMatchObject({ scope: 'write', workspaceId: null });

    const before = await db.apiToken.count();
    const badScope = await cruxmap(['token', 'create', '--email', email, '--scope', 'admin']);
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toMatch(/--scope must be read or write \(got "admin"\)/);
    const foreign = await cruxmap(['workspace', 'create', '--slug', 'ops-foreign', '--name', 'Foreign', '--owner', email]);
    expect(foreign.code).toBe(0);
    const stranger = `stranger-${Date.now()}@example.test`;
    expect((await cruxmap(['user', 'create', '--email', stranger, '--name', 'Stranger', '--password-stdin'], `${password}\n`)).code).toBe(0);
    const notTheirs = await cruxmap(['token', 'create', '--email', stranger, '--workspace', 'ops-foreign']);
    expect(notTheirs.code).toBe(2);
    expect(notTheirs.stderr).toMatch(/--workspace: no workspace "ops-foreign" that .* can read/);
    expect(notTheirs.stdout).toBe('');
    expect(await db.apiToken.count()).toBe(before);
  });

  it('loads the demo data into a workspace once, for one of its owners only', async () => {
    expect((await cruxmap(['import', 'content/power-seeking-agents.txt', '--workspace', 'ops-team'])).code).toBe(0);
    const notOwner = await cruxmap(['demo', '--workspace', 'ops-team', '--owner', 'nobody@example.test']);
    expect(notOwner.code).toBe(2);
    expect(notOwner.stderr).toMatch(/--owner must be an owner of ops-team/);
    const noWorkspace = await cruxmap(['demo', '--workspace', 'nope', '--owner', email]);
    expect(noWorkspace.code).toBe(2);
    expect(noWorkspace.stderr).toMatch(/workspace "nope" does not exist/);

    const loaded = await cruxmap(['demo', '--workspace', 'ops-team', '--owner', email]);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/loaded the demo data into ops-team: 14 generated reviewers, 12 claims, \d+ annotations/);
    const count = async () => ({
      annotations: await db.annotation.count({ where: { workspaceId: await workspaceIdOf('ops-team') } }),
      rounds: await db.round.count({ where: { workspaceId: await workspaceIdOf('ops-team') } }),
    });
    const first = await count();
    expect(first.annotations).toBeGreaterThan(100);
    expect(first.rounds).toBe(1);

    const again = await cruxmap(['demo', '--workspace', 'ops-team', '--owner', email]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already has the demo data/);
    expect(await count()).toEqual(first);
  });
});
