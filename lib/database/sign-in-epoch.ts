// A counter of writes to the tables a sign-in reads (ApiToken, User, Membership, Workspace), advanced by the query
// log's adapter wrapper (./query-log.ts) when such a statement is sent and again once it has committed (or rolled
// back). A sign-in remembered under one value is not used under another (lib/auth/sign-in-cache.ts): whatever this
// process writes to those tables applies from its next request. Kept on globalThis, like the query listeners,
// because Next's route bundles each load their own copy of a module.

const globalForEpoch = globalThis as typeof globalThis & { cruxmapSignInEpoch?: { value: number } };
const epoch = (globalForEpoch.cruxmapSignInEpoch ??= { value: 0 });

// a quoted table name as SQL names it (Prisma writes "public"."Membership", hand-written SQL "Membership")
const SIGN_IN_TABLE = /"(?:ApiToken|User|Membership|Workspace)"/;
const WRITE = /\b(?:INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b/i;

/** Whether `sql` may write a table a sign-in reads: it names one and writes something (a SELECT … FOR UPDATE counts too). */
export function writesSignInTables(sql: string): boolean {
  return SIGN_IN_TABLE.test(sql) && WRITE.test(sql);
}

export function signInEpoch(): number {
  return epoch.value;
}

export function advanceSignInEpoch(): void {
  epoch.value += 1;
}
