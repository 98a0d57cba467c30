import { describe, expect, it } from 'vitest';
import { openLink, sealLink } from './sealed-links';

const secret = 'a-secret-for-this-test';
const other = 'another-secret';

describe('sealed links', () => {
  it('opens what it sealed, for the same purpose, until it expires', () => {
    const now = Date.UTC(2026, 0, 1);
    const token = sealLink('verify-email', { uid: 'u1', email: 'a@example.test' }, 60, { now, secret });
    expect(openLink('verify-email', token, { now: now + 59_000, secret })).toMatchObject({ uid: 'u1', email: 'a@example.test' });
    expect(openLink('verify-email', token, { now: now + 60_000, secret })).toBeNull();
  });

  it('never opens a link of another purpose or secret, an altered link or garbage', () => {
    const token = sealLink('sign-up', { email: 'a@example.test' }, 60, { secret });
    expect(openLink('sign-up', token, { secret })).toMatchObject({ email: 'a@example.test' });
    expect(openLink('verify-email', token, { secret })).toBeNull();
    expect(openLink('sign-up', token, { secret: other })).toBeNull();
    const raw = Buffer.from(token, 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(openLink('sign-up', raw.toString('base64url'), { secret })).toBeNull();
    expect(openLink('sign-up', `${token}x`, { secret })).toBeNull();
    expect(openLink('sign-up', `${token}!`, { secret })).toBeNull();
    expect(openLink('sign-up', 'not-a-token', { secret })).toBeNull();
    expect(openLink('sign-up', 'x'.repeat(5000), { secret })).toBeNull();
  });

  it('does not show the payload in the link', () => {
    const token = sealLink('sign-up', { email: 'someone@example.test', passwordHash: '$2b$12$secretsecret' }, 60, { secret });
    expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain('someone');
    expect(token).not.toContain('someone');
  });
});
