// The secret that signs session cookies: NEXTAUTH_SECRET, or one generated on first start and kept in the
// data folder (never committed, never logged). Several instances must share it: set NEXTAUTH_SECRET then.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env } from '../env';

let cached: string | undefined;

export function authSecret(): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (cached) return cached;
  const dir = env.CRUXMAP_DATA_DIR === 'memory://' ? path.join(process.cwd(), '.data') : path.resolve(env.CRUXMAP_DATA_DIR);
  const file = path.join(/*turbopackIgnore: true*/ dir, 'nextauth-secret');
  try {
    cached = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      cached = secret;
    } catch {
      cached = readFileSync(file, 'utf8').trim(); // another process wrote it first
    }
  }
  return cached;
}
