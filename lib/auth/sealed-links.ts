// Links the app mails that carry what they are about (email verification, finishing a sign-up): the payload is
// encrypted and authenticated with AES-256-GCM under a key derived from the session secret and the link's purpose,
// with an expiry inside. Nobody can make or alter one without the secret, a link of one purpose never opens as
// another, and the mailed link reveals nothing of its contents (a sign-up's password hash stays unreadable).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { authSecret } from './secret';

export type LinkPurpose = 'verify-email' | 'sign-up' | 'unsubscribe';

/** `now` and `secret` default to the clock and the session secret (lib/auth/secret.ts). */
type Options = { now?: number; secret?: string };

const keyFor = (purpose: LinkPurpose, secret: string): Buffer => Buffer.from(hkdfSync('sha256', secret, 'cruxmap-sealed-link', purpose, 32));

/** A URL-safe token holding `payload` until `ttlSeconds` from now. */
export function sealLink(purpose: LinkPurpose, payload: Record<string, unknown>, ttlSeconds: number, { now = Date.now(), secret = authSecret() }: Options = {}): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose, secret), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify({ ...payload, exp: now + ttlSeconds * 1000 }), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The payload of a token made by `sealLink` for this purpose and not expired; null otherwise. */
export function openLink(purpose: LinkPurpose, token: string, { now = Date.now(), secret = authSecret() }: Options = {}): Record<string, unknown> | null {
  if (token.length > 4096) return null;
  const raw = Buffer.from(token, 'base64url');
  // Node's decoder skips what is not base64url: only the exact encoding of what was sealed opens.
  if (raw.length < 29 || raw.toString('base64url') !== token) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(purpose, secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const payload = JSON.parse(text) as Record<string, unknown>;
    return typeof payload.exp === 'number' && payload.exp > now ? payload : null;
  } catch {
    return null;
  }
}
