// The built app behind its own server (bin/server.ts, as `cruxmap start` serves it, here with TRUST_PROXY=1): the
// client address the route handlers count is the right-most X-Forwarded-For hop, stamped by the server and carried
// through Next — never a hop the client wrote to its left, nor an address header the client sent itself; and a
// chunked body past its limit is answered 413 through Next while the client is still sending it.
import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { LIMITS } from '../../lib/limits';
import { createWorkspace, signedInClient, signUp } from '../support/api-actors';
import { HttpClient, overHttp } from '../support/http-client';
import { uniqueClientIp, uniqueSuffix } from '../support/unique';

const app = overHttp(inject('baseUrl'));

describe('client addresses on the served app', () => {
  it('counts failed sign-ins at the right-most X-Forwarded-For hop, whatever the client wrote left of it or in the address header', async () => {
    const owner = await signUp(new HttpClient(app), 'e2e-addr');
    const attacker = uniqueClientIp();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const client = new HttpClient(app, { clientIp: `${uniqueClientIp()}, ${attacker}` });
      const answer = await client.request('GET', '/api/auth/csrf', { headers: { 'x-cruxmap-client-address': uniqueClientIp() } });
      const csrfToken = (answer.json as { csrfToken: string }).csrfToken;
      const signIn = await app.fetch(`${app.baseUrl}/api/auth/callback/credentials`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: client.jar.header() ?? '',
          'x-forwarded-for': `${uniqueClientIp()}, ${attacker}`,
          'x-cruxmap-client-address': uniqueClientIp(),
        },
        body: new URLSearchParams({ csrfToken, email: owner.email, password: `wrong-${attempt}`, json: 'true' }).toString(),
        redirect: 'manual',
      });
      expect(signIn.status).toBe(401);
    }
    const blocked = await new HttpClient(app, { clientIp: attacker }).signIn(owner.email, owner.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);

    const ownerClient = new HttpClient(app, { clientIp: `${attacker}, ${uniqueClientIp()}` });
    await ownerClient.signIn(owner.email, owner.password);
    expect(ownerClient.isSignedIn).toBe(true);
  });

  it('answers a chunked body past the JSON limit with 413 while it is still being sent', async () => {
    const account = await signUp(new HttpClient(app), 'e2e-body');
    const owner = await signedInClient(app, account);
    const workspace = await createWorkspace(owner, 'e2e-body');
    const answer = await new Promise<{ status: number; wasStillSending: boolean }>((resolve, reject) => {
      let isDone = false;
      const req = request(
        `${app.baseUrl}/api/v1/workspaces/${workspace.slug}/documents`,
        {
          method: 'POST',
          headers: { cookie: owner.jar.header() ?? '', origin: app.baseUrl, 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'x-forwarded-for': owner.clientIp ?? '' },
        },
        (res) => {
          isDone = true;
          const wasStillSending = !req.writableEnded;
          res.resume();
          res.on('end', () => {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, wasStillSending });
          });
        },
      );
      req.on('error', (error) => {
        if (!isDone) reject(error);
      });
      const filler = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const send = () => {
        if (isDone || req.destroyed) return;
        const piece = sent === 0 ? Buffer.concat([Buffer.from(`{"slug":"big-${uniqueSuffix()}","text":"`), filler]) : filler;
        sent += piece.length;
        const more = req.write(piece);
        if (sent > LIMITS.body.jsonBytes + 1024 * 1024) return; // past the limit and never ended
        if (more) setImmediate(send);
        else req.once('drain', send);
      };
      send();
    });
    expect(answer.status).toBe(413);
    expect(answer.wasStillSending).toBe(true);
    const documents = await owner.get(`/api/v1/workspaces/${workspace.slug}/documents`);
    expect((documents.json as { items: unknown[] }).items).toEqual([]);
  });
});
