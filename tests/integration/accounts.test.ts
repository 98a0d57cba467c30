// Accounts on a real database: the sign-in rate limit, API tokens, and passwords and tokens never stored or
// printed in clear.
import { describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '../../lib/auth/api-token-mutations';
import { authenticateToken } from '../../lib/auth/api-token-queries';
import { hashToken } from '../../lib/auth/api-tokens';
import { verifyCredentials } from '../../lib/auth/credentials';
import { SIGN_IN_LIMIT, signInKeys, type SignInKeys } from '../../lib/auth/rate-limit';
import { reserveAttempt } from '../../lib/auth/rate-limit-mutations';
import { retryAfterSeconds } from '../../lib/auth/rate-limit-queries';
import { LIMITS } from '../../lib/limits';
import { db } from '../../lib/db';
import { signUp } from '../../lib/users/mutations';
import { createTestUser } from '../factories';
import { uniqueClientIp, uniqueSuffix } from '../support/unique';
import { rejection } from '../support/rejection';
import { captureOutput } from '../support/capture-output';

const WINDOW_SECONDS = 15 * 60;

async function userWithPassword() {
  const password = `pw-${uniqueSuffix()}-secret`;
  const user = await createTestUser({ password });
  return { ...user, password };
}

/** Ends every window and lock of these keys now, as their time passing would. */
async function endWindow(keys: SignInKeys): Promise<void> {
  const all = [keys.address, keys.emailAtAddress, keys.email].filter((k): k is string => k !== null);
  await db.rateLimitBucket.updateMany({ where: { key: { in: all } }, data: { resetAt: new Date(Date.now() - 1000), lockedUntil: null } });
}

const rateLimited = (result: Awaited<ReturnType<typeof verifyCredentials>>): number =>
  result.ok === false && result.reason === 'rate_limited' ? result.retryAfter : -1;

describe('sign-in rate limit', () => {
  it('refuses the sixth attempt for an email at one address after five failures, even with the right password, until the lock ends', async () => {
    const user = await userWithPassword();
    const ip = uniqueClientIp();
    for (let attempt = 1; attempt <= SIGN_IN_LIMIT.failures; attempt++) {
      expect(await verifyCredentials({ email: user.email, password: `wrong-${attempt}`, ip })).toEqual({ ok: false, reason: 'invalid' });
    }

    const retryAfter = rateLimited(await verifyCredentials({ email: user.email, password: user.password, ip }));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);

    await endWindow(signInKeys({ email: user.email, ip }));
    const afterWindow = await verifyCredentials({ email: user.email, password: user.password, ip });
    expect(afterWindow).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name } });
  });

  it("does not lock the owner out of another address: five failures elsewhere leave the owner's own address open", async () => {
    const user = await userWithPassword();
    for (let attempt = 1; attempt <= SIGN_IN_LIMIT.failures; attempt++) {
      expect(await verifyCredentials({ email: user.email, password: `wrong-${attempt}`, ip: uniqueClientIp() })).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await verifyCredentials({ email: user.email, password: user.password, ip: uniqueClientIp() })).toMatchObject({ ok: true });
  });

  it('doubles the lock of an email at one address with each failure after it ends: 15 minutes, then 30', async () => {
    const keys = signInKeys({ email: `backoff-${uniqueSuffix()}@example.test`, ip: uniqueClientIp() });
    const t0 = Date.now();
    const at = (seconds: number) => new Date(t0 + seconds * 1000);
    for (let attempt = 1; attempt <= 5; attempt++) expect(await reserveAttempt(keys, at(attempt))).toBe(0);
    expect(await reserveAttempt(keys, at(6))).toBe(900 - 1);
    // the first lock over (and the address's window too), one more failure locks the pair for twice as long
    await db.rateLimitBucket.updateMany({ where: { key: keys.address ?? '' }, data: { resetAt: at(0) } });
    expect(await reserveAttempt(keys, at(5 + 900 + 1))).toBe(0);
    expect(await reserveAttempt(keys, at(5 + 900 + 2))).toBe(1800 - 1);
    expect(await retryAfterSeconds(keys, at(5 + 900 + 2))).toBe(1800 - 1);
  });

  it('refuses an email guessed from many addresses once past its ceiling, except at an address its owner signed in from', async () => {
    const user = await userWithPassword();
    const home = uniqueClientIp();
    expect(await verifyCredentials({ email: user.email, password: user.password, ip: home })).toMatchObject({ ok: true });
    for (let attempt = 1; attempt <= LIMITS.signIn.perEmail.failures; attempt++) {
      expect(await verifyCredentials({ email: user.email, password: `wrong-${attempt}`, ip: uniqueClientIp() })).toEqual({ ok: false, reason: 'invalid' });
    }
    const elsewhere = rateLimited(await verifyCredentials({ email: user.email, password: user.password, ip: uniqueClientIp() }));
    expect(elsewhere).toBeGreaterThan(0);
    expect(elsewhere).toBeLessThanOrEqual(LIMITS.signIn.perEmail.windowSeconds);
    expect(await verifyCredentials({ email: user.email, password: user.password, ip: home })).toMatchObject({ ok: true });
  });

  it('lets a different email sign in from another address while one email is locked out', async () => {
    const locked = await userWithPassword();
    const other = await userWithPassword();
    const ip = uniqueClientIp();
    for (let attempt = 1; attempt <= SIGN_IN_LIMIT.failures; attempt++) {
      await verifyCredentials({ email: locked.email, password: 'wrong-password', ip });
    }
    expect(await verifyCredentials({ email: locked.email, password: locked.password, ip })).toMatchObject({ reason: 'rate_limited' });
    expect(await verifyCredentials({ email: other.email, password: other.password, ip: uniqueClientIp() })).toMatchObject({ ok: true });
  });

  it('limits an address that fails for five different emails, whatever email it tries next', async () => {
    const user = await userWithPassword();
    const ip = uniqueClientIp();
    for (let attempt = 1; attempt <= SIGN_IN_LIMIT.failures; attempt++) {
      const result = await verifyCredentials({ email: `guess-${uniqueSuffix()}@example.test`, password: 'guess', ip });
      expect(result).toEqual({ ok: false, reason: 'invalid' });
    }
    const blocked = await verifyCredentials({ email: user.email, password: user.password, ip });
    expect(blocked).toMatchObject({ ok: false, reason: 'rate_limited' });
    expect(await verifyCredentials({ email: user.email, password: user.password, ip: uniqueClientIp() })).toMatchObject({ ok: true });
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const user = await userWithPassword();
    const wrongPassword = await verifyCredentials({ email: user.email, password: 'not-the-password', ip: uniqueClientIp() });
    const unknownEmail = await verifyCredentials({ email: `nobody-${uniqueSuffix()}@example.test`, password: 'not-the-password', ip: uniqueClientIp() });
    expect(wrongPassword).toEqual({ ok: false, reason: 'invalid' });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it('checks at most five passwords for one email at one address when guesses arrive concurrently', async () => {
    const user = await userWithPassword();
    const ip = uniqueClientIp();
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => verifyCredentials({ email: user.email, password: `concurrent-guess-${i}`, ip })),
    );
    const checked = guesses.filter((g) => !g.ok && g.reason === 'invalid').length;
    const refused = guesses.filter((g) => !g.ok && g.reason === 'rate_limited').length;
    expect(checked + refused).toBe(12);
    expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMIT.failures);
  });
});

describe('API tokens', () => {
  it('refuses a revoked token with 401 and a message saying it was revoked', async () => {
    const user = await createTestUser();
    const { token, apiToken } = await createApiToken({ userId: user.id, input: { name: 'to revoke' } });
    await revokeApiToken({ userId: user.id, tokenId: apiToken.id });
    const error = await rejection(authenticateToken(token));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/revoked/i);
  });

  it('refuses an expired token with 401 and a message saying it expired', async () => {
    const user = await createTestUser();
    const { token, apiToken } = await createApiToken({ userId: user.id, input: { name: 'to expire', expiresInDays: 1 } });
    await db.apiToken.update({ where: { id: apiToken.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const error = await rejection(authenticateToken(token));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/expired/i);
  });

  it('refuses a token that was never issued with 401', async () => {
    const error = await rejection(authenticateToken(`cmx_${uniqueSuffix()}${uniqueSuffix()}`));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/not valid/i);
  });

  it('does not let one user revoke another user’s token', async () => {
    const [owner, other] = await Promise.all([createTestUser(), createTestUser()]);
    const { token, apiToken } = await createApiToken({ userId: owner.id, input: { name: 'mine' } });
    const error = await rejection(revokeApiToken({ userId: other.id, tokenId: apiToken.id }));
    expect(error.code).toBe('NOT_FOUND');
    expect(await authenticateToken(token)).toEqual({ userId: owner.id, tokenId: apiToken.id, scope: 'write', workspaceId: null });
  });

  it('accepts a valid token as its user and records when it was last used', async () => {
    const user = await createTestUser();
    const { token, apiToken } = await createApiToken({ userId: user.id, input: { name: 'valid' } });
    expect(apiToken.lastUsedAt).toBeNull();
    expect(await authenticateToken(token)).toEqual({ userId: user.id, tokenId: apiToken.id, scope: 'write', workspaceId: null });
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id }, select: { lastUsedAt: true } });
    expect(stored.lastUsedAt).toBeInstanceOf(Date);
    expect(Math.abs((stored.lastUsedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
  });

  it('stores only a hash of the token: the token string appears nowhere in the ApiToken table', async () => {
    const user = await createTestUser();
    const { token, apiToken } = await createApiToken({ userId: user.id, input: { name: 'hashed' } });
    const rows = await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(t)::text AS row FROM "ApiToken" t`;
    const own = rows.find((r) => r.row.includes(apiToken.id));
    expect(own?.row).toContain(hashToken(token));
    for (const { row } of rows) expect(row).not.toContain(token);
  });
});

describe('passwords and tokens are never stored or printed in clear', () => {
  it('keeps a new password out of every User, AuditLog and ApiToken column and out of the output', async () => {
    const password = `Distinctive-Passphrase-${uniqueSuffix()}-Zebra`;
    const email = `clear-${uniqueSuffix()}@example.test`;
    const { output } = await captureOutput(async () => {
      console.log('capture check'); // proves the capture sees console output
      const user = await signUp({ input: { email, name: 'Clear Text', password } });
      expect(await verifyCredentials({ email, password: `${password}-wrong`, ip: uniqueClientIp() })).toEqual({ ok: false, reason: 'invalid' });
      expect(await verifyCredentials({ email, password, ip: uniqueClientIp() })).toMatchObject({ ok: true, user: { id: user.id } });
      await createApiToken({ userId: user.id, input: { name: 'after sign-up' } });
    });
    expect(output).toContain('capture check');
    expect(output).not.toContain(password);

    for (const table of ['User', 'AuditLog', 'ApiToken'] as const) {
      const rows = await db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${table}" t`);
      if (table === 'User') expect(rows.some((r) => r.row.includes(email))).toBe(true);
      for (const { row } of rows) expect(row, `a ${table} row holds the password`).not.toContain(password);
    }
  });

  it('never prints an API token while creating and using it', async () => {
    const user = await createTestUser();
    const { result, output } = await captureOutput(async () => {
      process.stdout.write('capture check\n'); // proves the capture sees direct writes
      const created = await createApiToken({ userId: user.id, input: { name: 'quiet' } });
      await authenticateToken(created.token);
      await revokeApiToken({ userId: user.id, tokenId: created.apiToken.id });
      await authenticateToken(created.token).catch(() => undefined);
      return created;
    });
    expect(output).toContain('capture check');
    expect(output).not.toContain(result.token);
  });
});
