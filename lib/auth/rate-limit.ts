// Failed sign-in limits, counted in the database so they hold across app instances: 5 failures per email and
// per IP address in 15 minutes, then HTTP 429 with Retry-After until the window ends. Here: the limit and the keys;
// the counters are read in ./rate-limit-queries.ts and written in ./rate-limit-mutations.ts.

export const SIGN_IN_LIMIT = { failures: 5, windowSeconds: 15 * 60 } as const;

export const signInKeys = ({ email, ip }: { email: string; ip: string | null }): string[] =>
  [`sign-in:email:${email.trim().toLowerCase()}`, ip ? `sign-in:ip:${ip}` : null].filter((k): k is string => k !== null);
