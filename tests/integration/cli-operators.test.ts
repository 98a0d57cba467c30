// The operator commands, run as an operator runs them, against a fresh embedded database folder (or the
// throwaway PostgreSQL database of this test file when DATABASE_URL is set).
import { spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../lib/db';

let dataDir: string;

function cruxmap(args: string[], input?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CRUXMAP_DATA_DIR: dataDir };
  if (!process.env.DATABASE_URL) delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['bin/cruxmap.js', ...args], { env, input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Reads the database the CLI wrote, after the CLI has exited (only one process may open an embedded folder). */
async function readBack<T>(read: (db: Db) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) {
    const { db } = await import('../../lib/db');
    return read(db);
  }
  const { createPGlite } = await import('../../lib/database/embedded');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const { PrismaClient } = await import('../../lib/generated/prisma/client');
  const pglite = await createPGlite(path.join(dataDir, 'pglite'));
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  try {
    return await read(client);
  } finally {
    await client.$disconnect();
    await pglite.close();
  }
}

beforeAll(async () => {
  dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'cruxmap-ops-')), 'data');
});

describe('operator CLI', () => {
  const email = `ops-${Date.now()}@example.test`;
  const password = 'correct horse battery staple';

  it('creates a user with the password from stdin, stored only as a hash', async () => {
    const created = cruxmap(['user', 'create', '--email', email.toUpperCase(), '--name', 'Operator', '--password-stdin'], `${password}\n`);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`created user ${email}`);
    expect(created.stdout).not.toContain(password);
    const user = await readBack((db) => db.user.findUniqueOrThrow({ where: { email } }));
    expect(user.passwordHash).not.toContain(password);
    expect(await bcrypt.compare(password, user.passwordHash ?? '')).toBe(true);

    const again = cruxmap(['user', 'create', '--email', email, '--name', 'Operator', '--password-stdin'], `${password}\n`);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('refuses a user without --password-stdin, or with a short password, naming the problem', () => {
    const noFlag = cruxmap(['user', 'create', '--email', 'x@example.test', '--name', 'X']);
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toMatch(/--password-stdin/);
    const short = cruxmap(['user', 'create', '--email', 'x@example.test', '--name', 'X', '--password-stdin'], 'short\n');
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/password must be at least 8 characters/);
  });

  it('creates a workspace owned by a user and adds members with roles, audited', async () => {
    const member = `member-${Date.now()}@example.test`;
    expect(cruxmap(['user', 'create', '--email', member, '--name', 'Member', '--password-stdin'], 'another password\n').code).toBe(0);
    const created = cruxmap(['workspace', 'create', '--slug', 'ops-team', '--name', 'Ops team', '--owner', email]);
    expect(created.code).toBe(0);
    const added = cruxmap(['workspace', 'add-member', '--workspace', 'ops-team', '--email', member, '--role', 'reviewer']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`${member} is now reviewer of ops-team`);

    const badRole = cruxmap(['workspace', 'add-member', '--workspace', 'ops-team', '--email', member, '--role', 'admin']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be owner, reviewer or observer/);
    const noWorkspace = cruxmap(['workspace', 'add-member', '--workspace', 'nope', '--email', member, '--role', 'observer']);
    expect(noWorkspace.code).toBe(2);
    expect(noWorkspace.stderr).toMatch(/workspace "nope" does not exist/);
    const noUser = cruxmap(['workspace', 'create', '--slug', 'other', '--name', 'Other', '--owner', 'nobody@example.test']);
    expect(noUser.code).toBe(2);
    expect(noUser.stderr).toMatch(/no user with the email nobody@example.test/);
    const lastOwner = cruxmap(['workspace', 'add-member', '--workspace', 'ops-team', '--email', email, '--role', 'observer']);
    expect(lastOwner.code).toBe(2);
    expect(lastOwner.stderr).toMatch(/at least one owner/);

    const state = await readBack(async (db) => {
      const workspace = await db.workspace.findUniqueOrThrow({ where: { slug: 'ops-team' } });
      return {
        members: await db.membership.findMany({ where: { workspaceId: workspace.id }, select: { role: true, user: { select: { email: true } } } }),
        audit: (await db.auditLog.findMany({ where: { workspaceId: workspace.id }, orderBy: { id: 'asc' } })).map((a) => a.action),
      };
    });
    expect(state.members).toHaveLength(2);
    expect(state.members).toContainEqual({ role: 'owner', user: { email } });
    expect(state.members).toContainEqual({ role: 'reviewer', user: { email: member } });
    expect(state.audit).toEqual(['workspace.created', 'membership.added', 'membership.added']);
  });

  it('creates an API token printed once on stdout and stored only as a hash', async () => {
    const result = cruxmap(['token', 'create', '--email', email, '--name', 'ci']);
    expect(result.code).toBe(0);
    const token = result.stdout.trim();
    expect(token).toMatch(/^cmx_[\w-]{40,}$/);
    expect(result.stderr).toMatch(/shown once/);
    const rows = await readBack((db) => db.apiToken.findMany({ where: { user: { email } } }));
    expect(rows.map((r) => r.name)).toEqual(['ci']);
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('loads the demo data into a workspace once, for one of its owners only', async () => {
    expect(cruxmap(['import', 'content/power-seeking-agents.txt', '--workspace', 'ops-team']).code).toBe(0);
    const notOwner = cruxmap(['demo', '--workspace', 'ops-team', '--owner', 'nobody@example.test']);
    expect(notOwner.code).toBe(2);
    expect(notOwner.stderr).toMatch(/--owner must be an owner of ops-team/);
    const noWorkspace = cruxmap(['demo', '--workspace', 'nope', '--owner', email]);
    expect(noWorkspace.code).toBe(2);
    expect(noWorkspace.stderr).toMatch(/workspace "nope" does not exist/);

    const loaded = cruxmap(['demo', '--workspace', 'ops-team', '--owner', email]);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/loaded the demo data into ops-team: 14 generated reviewers, 12 claims, \d+ annotations/);
    const count = () =>
      readBack(async (db) => ({
        annotations: await db.annotation.count({ where: { workspace: { slug: 'ops-team' } } }),
        rounds: await db.round.count({ where: { workspace: { slug: 'ops-team' } } }),
      }));
    const first = await count();
    expect(first.annotations).toBeGreaterThan(100);
    expect(first.rounds).toBe(1);

    const again = cruxmap(['demo', '--workspace', 'ops-team', '--owner', email]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already has the demo data/);
    expect(await count()).toEqual(first);
  });
});
