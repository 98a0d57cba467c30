// Failed sign-in limits (lib/limits.ts: LIMITS.signIn), counted in the database so they hold across app instances:
// per address; per (email, address) with exponential back-off; and a looser per-email ceiling that does not apply
// at addresses where the account signed in recently — so an attacker elsewhere cannot lock the owner out of their
// own address. Past a limit: HTTP 429 with Retry-After. Here: the keys and the back-off; the counters are read in
// ./rate-limit-queries.ts and written in ./rate-limit-mutations.ts.
import { LIMITS } from '../limits';

/** The per-address limit (kept under its old name: 5 failures in 15 minutes). */
export const SIGN_IN_LIMIT = LIMITS.signIn.perAddress;

export type SignInKeys = {
  /** null when the client's address is unknown (the request did not come through the app's server) */
  address: string | null;
  emailAtAddress: string;
  email: string;
  /** the account signed in from this address lately: exempt from the per-email ceiling */
  knownAddress: string;
};

const normalize = (email: string): string => email.trim().toLowerCase();

export function signInKeys({ email, ip }: { email: string; ip: string | null }): SignInKeys {
  const e = normalize(email);
  const at = ip ?? 'unknown';
  return {
    address: ip ? `sign-in:ip:${ip}` : null,
    emailAtAddress: `sign-in:email-ip:${e} ${at}`,
    email: `sign-in:email:${e}`,
    knownAddress: `sign-in:known:${e} ${at}`,
  };
}

/** How long (seconds) one email at one address is locked after its `failures`-th failure: 0 before the 5th. */
export function backOffSeconds(failures: number): number {
  const { failures: free, firstLockSeconds, maxLockSeconds } = LIMITS.signIn.perEmailAtAddress;
  if (failures < free) return 0;
  return Math.min(maxLockSeconds, firstLockSeconds * 2 ** Math.min(failures - free, 20));
}
