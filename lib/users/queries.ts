// Reads of accounts.
import { db } from '../db';
import { membershipIn, userWithMembershipSelect, type MembershipIn } from '../context/permissions';
import { AppError } from '../errors';

export type UserProfile = {
  id: string;
  email: string;
  name: string;
  createdAt: Date;
  /** whether the address is proved (an emailed link was opened, or it came from GitHub or Google) */
  emailVerified: boolean;
  /** the sign-in providers linked to the account (`github`, `google`) */
  linkedProviders: string[];
};

/** The id of the account with this (normalised) email, or null. */
export async function findUserIdByEmail({ email }: { email: string }): Promise<string | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  return user?.id ?? null;
}

/**
 * Each reference (an account id, or an email in any case) with the id of the account it names; references that name
 * no account are left out. For the operator's command line (`cruxmap export --author`).
 */
export async function resolveUserRefs({ refs }: { refs: readonly string[] }): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const emails = refs.filter((r) => r.includes('@')).map((r) => r.trim().toLowerCase());
  const users = await db.user.findMany({
    where: { OR: [{ id: { in: refs.filter((r) => !r.includes('@')) } }, { email: { in: emails } }] },
    select: { id: true, email: true },
  });
  const byId = new Map(users.map((u) => [u.id, u.id]));
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  const out = new Map<string, string>();
  for (const ref of refs) {
    const id = ref.includes('@') ? byEmail.get(ref.trim().toLowerCase()) : byId.get(ref);
    if (id) out.set(ref, id);
  }
  return out;
}

/** The account a sign-in names, with its password hash (for lib/auth/credentials.ts only); null when none. */
export async function findUserForSignIn({ email }: { email: string }): Promise<{ id: string; email: string; name: string; passwordHash: string | null } | null> {
  return db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true } });
}

type SessionUserRow = { id: string; name: string; email: string; sessionVersion: number };

/**
 * The user a session cookie names, with the session version its cookie must carry, or null (a deleted user's stale
 * cookie); with `workspace` (a route's workspace, slug or id), their membership of it, read in the same query.
 */
export async function findSessionUser(args: { userId: string }): Promise<SessionUserRow | null>;
export async function findSessionUser(args: { userId: string; workspace: string }): Promise<(SessionUserRow & { membership: MembershipIn }) | null>;
export async function findSessionUser({ userId, workspace }: { userId: string; workspace?: string }): Promise<(SessionUserRow & { membership?: MembershipIn }) | null> {
  const select = { id: true, name: true, email: true, sessionVersion: true } as const;
  if (workspace === undefined) return db.user.findUnique({ where: { id: userId }, select });
  const user = await db.user.findUnique({ where: { id: userId }, select: { ...select, ...userWithMembershipSelect(workspace) } });
  if (!user) return null;
  const { memberships, ...row } = user;
  return { ...row, membership: membershipIn(workspace, { name: user.name, memberships }) };
}

export async function getUserProfile({ userId }: { userId: string }): Promise<UserProfile> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, createdAt: true, emailVerified: true, accounts: { select: { provider: true }, orderBy: { provider: 'asc' } } },
  });
  if (!user) throw new AppError('NOT_FOUND', 'User not found.');
  const { accounts, emailVerified, ...profile } = user;
  return { ...profile, emailVerified: emailVerified !== null, linkedProviders: accounts.map((a) => a.provider) };
}
