// Failed sign-ins over HTTP (next-auth's route in process): five failures for one email at one address, or from one
// address for any emails, and the next attempt is answered 429 with Retry-After, even for the right password;
// failures look the same whether or not the email exists. Whose address counts is what a socket shows: the app's
// server (lib/server/app-server.ts) in front of the route handlers, with TRUST_PROXY=0 (X-Forwarded-For is whatever
// the client wrote, and ignored) and TRUST_PROXY=1 (its right-most hop is the one the proxy wrote).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '../support/api-actors';
import { fromLocalAddress, serveDispatcher, type DispatcherServer } from '../support/dispatcher-server';
import { errorOf, HttpClient, SESSION_COOKIE, type AppTarget } from '../support/http-client';
import { inProcessApp } from '../support/in-process-app';
import { createDispatcher } from '../support/route-dispatcher';
import { uniqueClientIp, uniqueSuffix } from '../support/unique';
import path from 'node:path';

const app = inProcessApp();
const appDir = path.resolve(import.meta.dirname, '../../app');

describe('sign-in limit over HTTP', () => {
  it('answers the sixth attempt for one email from one address with 429 and a Retry-After of at most 900 seconds', async () => {
    const account = await signUp(new HttpClient(app), 'limited');
    const clientIp = uniqueClientIp();
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const client = new HttpClient(app, { clientIp });
      const answer = await client.signIn(account.email, `wrong-password-${attempt}`);
      statuses.push(answer.status);
      expect(client.jar.has(SESSION_COOKIE)).toBe(false);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);

    const sixth = await new HttpClient(app, { clientIp }).signIn(account.email, 'wrong-password-6');
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(errorOf(sixth).code).toBe('TOO_MANY_REQUESTS');
    expect(errorOf(sixth).message).toMatch(/too many failed sign-ins/i);

    const rightPassword = new HttpClient(app, { clientIp });
    expect((await rightPassword.signIn(account.email, account.password)).status).toBe(429);
    expect(rightPassword.jar.has(SESSION_COOKIE)).toBe(false);

    // the owner, somewhere else, is not locked out
    const elsewhere = new HttpClient(app, { clientIp: uniqueClientIp() });
    await elsewhere.signIn(account.email, account.password);
    expect(elsewhere.jar.has(SESSION_COOKIE)).toBe(true);
  });

  it('limits one address that fails for five different emails, whatever email it tries next', async () => {
    const clientIp = uniqueClientIp();
    const account = await signUp(new HttpClient(app), 'bystander');
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
    const account = await signUp(new HttpClient(app), 'identical');
    const wrongPassword = await new HttpClient(app).signIn(account.email, 'not-the-password');
    const unknownEmail = await new HttpClient(app).signIn(`nobody-${uniqueSuffix()}@example.test`, 'not-the-password');
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.json).toEqual(wrongPassword.json);
  });
});

describe('whose address counts, through the app server', () => {
  let direct: DispatcherServer;
  let behindProxy: DispatcherServer;

  beforeAll(async () => {
    direct = await serveDispatcher(createDispatcher({ appDir }), { trustProxy: 0 });
    behindProxy = await serveDispatcher(createDispatcher({ appDir }), { trustProxy: 1 });
  });

  afterAll(async () => {
    await direct?.close();
    await behindProxy?.close();
  });

  /** A client connecting from the socket address `local`, sending `forwardedFor` as X-Forwarded-For (or none). */
  const clientAt = (server: AppTarget, local: string, forwardedFor: string | null) =>
    new HttpClient(fromLocalAddress(server.baseUrl, local), { clientIp: forwardedFor });

  // Finding 3 of issue 13: rotating X-Forwarded-For let one attacker pass for five addresses, and five wrong
  // passwords for someone else's email locked that person out everywhere for 15 minutes.
  it('with no proxy declared, counts five forged X-Forwarded-For values as one address, and the owner elsewhere still signs in', async () => {
    const owner = await signUp(new HttpClient(direct), 'victim');
    const attacker = '127.0.0.2';
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = await clientAt(direct, attacker, uniqueClientIp()).signIn(owner.email, `guess-${attempt}`);
      expect(answer.status).toBe(401);
    }
    const sixth = await clientAt(direct, attacker, uniqueClientIp()).signIn(`other-${uniqueSuffix()}@example.test`, 'guess-6');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);

    const ownerClient = clientAt(direct, '127.0.0.3', null);
    const answer = await ownerClient.signIn(owner.email, owner.password);
    expect(answer.status).toBe(200);
    expect(ownerClient.jar.has(SESSION_COOKIE)).toBe(true);
  });

  it("with one proxy declared, counts the right-most X-Forwarded-For hop, whatever the client wrote to its left", async () => {
    const owner = await signUp(new HttpClient(behindProxy), 'proxied');
    const attacker = uniqueClientIp();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const answer = await clientAt(behindProxy, '127.0.0.1', `${uniqueClientIp()}, ${attacker}`).signIn(owner.email, `guess-${attempt}`);
      expect(answer.status).toBe(401);
    }
    expect((await clientAt(behindProxy, '127.0.0.1', attacker).signIn(owner.email, owner.password)).status).toBe(429);

    // someone who writes the attacker's address to the left of their own is counted at their own
    const ownerClient = clientAt(behindProxy, '127.0.0.1', `${attacker}, ${uniqueClientIp()}`);
    expect((await ownerClient.signIn(owner.email, owner.password)).status).toBe(200);
    expect(ownerClient.jar.has(SESSION_COOKIE)).toBe(true);
  });
});
