// Email-and-password sign-in. Every failure looks the same (and takes about as long) whether or not the
// email exists, and failures count against the client's address, the email at that address and the email
// (./rate-limit.ts). The address is the one the app's server stamped (lib/server/client-address.ts).
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { hashPassword } from '../users/mutations';
import { findUserForSignIn } from '../users/queries';
import { emailSchema } from '../users/schemas';
import { signInKeys } from './rate-limit';
import { releaseAttempt, reserveAttempt } from './rate-limit-mutations';

// A bcrypt hash of a random string at the cost new passwords get, compared against when the email is unknown (or
// has no password), so a failure takes as long whether or not the account exists. Made once, on first use.
let dummyHash: Promise<string> | undefined;
const dummy = (): Promise<string> => (dummyHash ??= hashPassword(randomBytes(18).toString('base64')));

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAfter: number };

export async function verifyCredentials({
  email,
  password,
  ip,
}: {
  email: unknown;
  password: unknown;
  ip: string | null;
}): Promise<SignInResult> {
  const parsedEmail = emailSchema.safeParse(email);
  const normalizedEmail = parsedEmail.success ? parsedEmail.data : (typeof email === 'string' ? email : '').trim().toLowerCase();
  const keys = signInKeys({ email: normalizedEmail, ip });
  const retryAfter = await reserveAttempt(keys);
  if (retryAfter > 0) return { ok: false, reason: 'rate_limited', retryAfter };

  const user = parsedEmail.success
    ? await findUserForSignIn({ email: normalizedEmail })
    : null;
  const candidate = typeof password === 'string' ? password : '';
  const matches = await bcrypt.compare(candidate, user?.passwordHash ?? (await dummy()));
  if (!user?.passwordHash || !matches) return { ok: false, reason: 'invalid' }; // the reserved attempt stands
  await releaseAttempt(keys);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
