// Signing in with GitHub or Google on a real database (lib/auth/oauth-mutations.ts, what next-auth's signIn callback
// calls with the provider's account and profile): an OAuth identity joins an existing account by email only when that
// account's address is verified (finding 5: someone who registered your email with a password first must not get the
// account you later reach with GitHub); a signed-in person links a provider to their own account from settings.
import { describe, expect, it } from 'vitest';
import { userForOAuth } from '../../lib/auth/oauth-mutations';
import { db } from '../../lib/db';
import { createTestUser } from '../factories';
import { uniqueSuffix } from '../support/unique';

const github = () => ({ provider: 'github', providerAccountId: `gh-${uniqueSuffix()}`, type: 'oauth' });
const linkedProviders = async (userId: string) =>
  (await db.account.findMany({ where: { userId }, select: { provider: true } })).map((a) => a.provider);

describe('OAuth sign-in by email', () => {
  it('does not give a password account registered first with your email the GitHub identity that has it', async () => {
    const victimEmail = `victim-${uniqueSuffix()}@example.test`;
    // The attacker signs up with the victim's address and a password of their own; nobody verifies it.
    const squatter = await createTestUser({ email: victimEmail, password: `attacker-${uniqueSuffix()}` });
    const identity = github();
    const outcome = await userForOAuth({ identity, email: victimEmail, name: 'The Victim' });
    expect(outcome).toEqual({ ok: false, reason: 'unverified' });
    expect(await linkedProviders(squatter.id)).toEqual([]);
    expect(await db.account.count({ where: { providerAccountId: identity.providerAccountId } })).toBe(0);
  });

  it('joins an account whose address is verified, and signs in as it next time', async () => {
    const user = await createTestUser();
    await db.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
    const identity = github();
    expect(await userForOAuth({ identity, email: user.email.toUpperCase(), name: 'Verified' })).toEqual({ ok: true, userId: user.id });
    expect(await linkedProviders(user.id)).toEqual(['github']);
    expect(await userForOAuth({ identity, email: user.email, name: 'Verified' })).toEqual({ ok: true, userId: user.id });
    expect(await db.account.count({ where: { providerAccountId: identity.providerAccountId } })).toBe(1);
  });

  it('creates a new account, its address verified by the provider, for an email nobody uses', async () => {
    const email = `new-${uniqueSuffix()}@example.test`;
    const outcome = await userForOAuth({ identity: github(), email, name: 'Newcomer' });
    if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
    const user = await db.user.findUniqueOrThrow({ where: { id: outcome.userId }, select: { email: true, name: true, emailVerified: true, passwordHash: true } });
    expect(user).toMatchObject({ email, name: 'Newcomer', passwordHash: null });
    expect(user.emailVerified).toBeInstanceOf(Date);
  });

  it('refuses a provider that confirms no email, creating nothing', async () => {
    const users = await db.user.count();
    expect(await userForOAuth({ identity: github(), email: null, name: 'Anonymous' })).toEqual({ ok: false, reason: 'no_email' });
    expect(await db.user.count()).toBe(users);
  });
});

describe('linking a provider while signed in', () => {
  it('links the provider to the signed-in account even when its address is not verified', async () => {
    const user = await createTestUser();
    const identity = github();
    expect(await userForOAuth({ identity, email: `other-${uniqueSuffix()}@example.test`, name: 'Me', signedInUserId: user.id })).toEqual({
      ok: true,
      userId: user.id,
    });
    expect(await linkedProviders(user.id)).toEqual(['github']);
    // and signing in with it later, signed out, reaches that account
    expect(await userForOAuth({ identity, email: null, name: 'Me' })).toEqual({ ok: true, userId: user.id });
  });

  it('refuses an identity already linked to someone else, leaving it where it was', async () => {
    const [owner, other] = await Promise.all([createTestUser(), createTestUser()]);
    const identity = github();
    await userForOAuth({ identity, email: null, name: 'Owner', signedInUserId: owner.id });
    expect(await userForOAuth({ identity, email: null, name: 'Other', signedInUserId: other.id })).toEqual({ ok: false, reason: 'taken' });
    expect(await linkedProviders(owner.id)).toEqual(['github']);
    expect(await linkedProviders(other.id)).toEqual([]);
  });
});
