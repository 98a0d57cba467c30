// Failed sign-ins over HTTP (next-auth's route in process): after five failures for one email, next-auth's
// credentials callback answers 429 with Retry-After, even for the right password; failures look the same whether
// or not the email exists.
import { describe, expect, it } from 'vitest';
import { signUp } from '../support/api-actors';
import { errorOf, HttpClient, SESSION_COOKIE } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { uniqueClientIp, uniqueSuffix } from '../support/unique';

const app = inProcessApp();

describe('sign-in limit over HTTP', () => {
  it('answers the sixth failed sign-in for one email with 429 and a Retry-After of at most 900 seconds', async () => {
    // Each attempt from its own address, so only the email's counter can be what stops the sixth.
    const account = await signUp(new HttpClient(app, { clientIp: uniqueClientIp() }), 'limited');
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const client = new HttpClient(app, { clientIp: uniqueClientIp() });
      const answer = await client.signIn(account.email, `wrong-password-${attempt}`);
      statuses.push(answer.status);
      expect(client.jar.has(SESSION_COOKIE)).toBe(false);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);

    const sixth = await new HttpClient(app, { clientIp: uniqueClientIp() }).signIn(account.email, 'wrong-password-6');
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(errorOf(sixth).code).toBe('TOO_MANY_REQUESTS');
    expect(errorOf(sixth).message).toMatch(/too many failed sign-ins/i);

    const rightPassword = new HttpClient(app, { clientIp: uniqueClientIp() });
    const seventh = await rightPassword.signIn(account.email, account.password);
    expect(seventh.status).toBe(429);
    expect(rightPassword.jar.has(SESSION_COOKIE)).toBe(false);
  });

  it('limits one address that fails for five different emails, whatever email it tries next', async () => {
    const clientIp = uniqueClientIp();
    const account = await signUp(new HttpClient(app, { clientIp: uniqueClientIp() }), 'bystander');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = await new HttpClient(app, { clientIp }).signIn(`guess-${uniqueSuffix()}@example.test`, 'some-password');
      expect(answer.status).toBe(401);
    }
    const blocked = new HttpClient(app, { clientIp });
    const answer = await blocked.signIn(account.email, account.password);
    expect(answer.status).toBe(429);
    expect(blocked.jar.has(SESSION_COOKIE)).toBe(false);

    const elsewhere = new HttpClient(app, { clientIp: uniqueClientIp() });
    await elsewhere.signIn(account.email, account.password);
    expect(elsewhere.jar.has(SESSION_COOKIE)).toBe(true);
  });

  it('answers an unknown email and a wrong password identically', async () => {
    const account = await signUp(new HttpClient(app, { clientIp: uniqueClientIp() }), 'identical');
    const wrongPassword = await new HttpClient(app, { clientIp: uniqueClientIp() }).signIn(account.email, 'not-the-password');
    const unknownEmail = await new HttpClient(app, { clientIp: uniqueClientIp() }).signIn(`nobody-${uniqueSuffix()}@example.test`, 'not-the-password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.json).toEqual(wrongPassword.json);
  });
});
