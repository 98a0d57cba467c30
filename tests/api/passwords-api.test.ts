// POST /api/v1/users through its route handler (in process): a new password is at least 10 characters, at most
// 72 bytes of UTF-8 (what bcrypt reads), and not one of the common passwords; a refused sign-up writes nothing and
// says what is wrong with the password field.
import { describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { HttpClient, type ErrorBody } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueSuffix } from '../support/unique';

const app = inProcessApp();

async function signUpWith(password: string) {
  const email = `pw-${uniqueSuffix()}@example.test`;
  const response = await new HttpClient(app).post('/api/v1/users', { email, name: 'Password Tester', password });
  return { response, email, created: (await db.user.count({ where: { email } })) === 1 };
}

describe('a new password', () => {
  it.each([
    ['password', /at least 10 characters/],
    ['12345678', /at least 10 characters/],
    ['123456789', /at least 10 characters/],
    ['password123', /most common passwords/],
    ['Password123', /most common passwords/],
    ['1234567890', /most common passwords/],
    ['qwertyuiop', /most common passwords/],
  ])('refuses %s with 400 naming the problem on the password field, and creates no account', async (password, message) => {
    const { response, created } = await signUpWith(password);
    expect(response.status).toBe(400);
    const body = response.json as ErrorBody;
    expect(body.error.fields?.password?.join(' ')).toMatch(message);
    expect(body.error.message).not.toContain(password);
    expect(created).toBe(false);
  });

  it('refuses more than 72 bytes of UTF-8 (bcrypt would ignore the rest), saying how many bytes it was', async () => {
    const accented = 'é'.repeat(37); // 37 characters, 74 bytes
    const { response, created } = await signUpWith(accented);
    expect(response.status).toBe(400);
    expect((response.json as ErrorBody).error.fields?.password?.join(' ')).toMatch(/at most 72 bytes \(this one is 74/);
    expect(created).toBe(false);
    expect((await signUpWith(`${'a'.repeat(72)}b`)).response.status).toBe(400);
  });

  it('accepts an uncommon password of 10 characters and one of exactly 72 bytes, and both sign in', async () => {
    for (const password of ['otter-lamp', `${'é'.repeat(30)}${'z'.repeat(12)}`]) {
      const { response, email, created } = await signUpWith(password);
      expect(response.status).toBe(201);
      expect(created).toBe(true);
      const client = new HttpClient(app);
      expect((await client.signIn(email, password)).status).toBeLessThan(400);
      expect(client.isSignedIn).toBe(true);
    }
  });
});

describe('a changed password', () => {
  it('follows the same rule: a common one is refused on newPassword and the old password still signs in', async () => {
    const email = `pw-${uniqueSuffix()}@example.test`;
    const password = 'otter-lamp-42';
    expect((await new HttpClient(app).post('/api/v1/users', { email, name: 'Password Changer', password })).status).toBe(201);
    const session = new HttpClient(app);
    expect((await session.signIn(email, password)).status).toBeLessThan(400);
    for (const [newPassword, message] of [
      ['qwertyuiop', /most common passwords/],
      ['short', /at least 10 characters/],
    ] as const) {
      const response = await session.put('/api/v1/me/password', { currentPassword: password, newPassword });
      expect(response.status).toBe(400);
      expect((response.json as ErrorBody).error.fields?.newPassword?.join(' ')).toMatch(message);
    }
    const again = new HttpClient(app);
    await again.signIn(email, password);
    expect(again.isSignedIn).toBe(true);
  });
});
