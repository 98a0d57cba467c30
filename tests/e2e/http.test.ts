// The served app over real HTTP: the library, missing pages, security headers. These stay on the built app
// (`cruxmap start`) because no route handler produces them: pages are rendered by Next, the 404 is Next's
// not-found page, the security headers come from next.config.js's headers() and the Content-Security-Policy with
// its per-request nonce from proxy.ts. The API's own answers (health included) are tested in process, in tests/api.
import { request } from 'node:http';
import os from 'node:os';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { UNCOMPRESSED_JSON_MAX } from '../../lib/api/json';

const baseUrl = inject('baseUrl');

describe('HTTP', () => {
  it('serves the library with the five bundled texts at /', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('AI alignment reading group');
    for (const title of [
      'Power-seeking agents will likely be developed',
      'Deceptive alignment seems to only be supported by flimsy arguments',
      'Most very capable systems will maximize the reward signal during training',
      'Steven Byrnes: profile and comments',
      'Scheming AIs, Section 3',
    ]) {
      expect(html).toContain(title);
    }
  });

  it('answers 404 for a document or workspace that does not exist', async () => {
    expect((await fetch(`${baseUrl}/w/ai-alignment-reading-group/documents/no-such-text`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/w/no-such-workspace`)).status).toBe(404);
  });

  it('sends security headers', async () => {
    const response = await fetch(`${baseUrl}/`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-powered-by')).toBeNull();
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('gives every page a fresh nonce, carried by each of its scripts', async () => {
    const nonces: (string | undefined)[] = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${baseUrl}/`);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce).toBeDefined();
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });
});

/** GET `path` as a client that accepts gzip: the encoding, and the body's size once decoded. */
function getRaw(path: string): Promise<{ status: number; encoding: string | null; size: number }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        const encoding = res.headers['content-encoding'] ?? null;
        resolve({ status: res.statusCode ?? 0, encoding, size: (encoding === 'gzip' ? gunzipSync(raw) : raw).length });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('compression of JSON answers', () => {
  it('compresses an answer larger than 4 KiB (UNCOMPRESSED_JSON_MAX) for a client that accepts gzip, and sends a smaller one as is', async () => {
    const answers = await Promise.all(
      [1, 2, 50].map((limit) => getRaw(`/api/v1/workspaces/ai-alignment-reading-group/annotations?limit=${limit}`)),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.encoding === 'gzip').toBe(answer.size > UNCOMPRESSED_JSON_MAX);
    }
    expect(answers[2]?.encoding).toBe('gzip');
    const health = await getRaw('/api/v1/health');
    expect(health).toMatchObject({ status: 200, encoding: null });
  });
});

describe('the interface it listens on (HOST)', () => {
  // the machine's own addresses other than loopback: reachable from the network when the app listens on them
  const outward = Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => a !== undefined && !a.internal && a.family === 'IPv4')
    .map((a) => a.address);

  it('listens on loopback only on the embedded database (demo account), on every interface on PostgreSQL', async () => {
    const port = new URL(baseUrl).port;
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
    expect(outward.length).toBeGreaterThan(0);
    for (const address of outward) {
      const answer = await fetch(`http://${address}:${port}/api/v1/health`).then(
        (response) => response.status,
        (error: unknown) => ((error as { cause?: { code?: string } }).cause?.code ?? String(error)),
      );
      // the app's database is the run's: the embedded one unless DATABASE_URL names a server
      expect(answer).toBe(process.env.DATABASE_URL ? 200 : 'ECONNREFUSED');
    }
  });
});
