// Signing in with GitHub or Google: the provider's account, linked to a Cruxmap user. An OAuth identity joins an
// existing account by email only when that account's email is verified: otherwise someone who registered your email
// with a password first would own the account you later reach with GitHub (a verified address proves the mailbox;
// an unverified account links a provider from its settings, signed in, instead).
import { db } from '../db';
import { Prisma } from '../generated/prisma/client';

export type OAuthIdentity = { provider: string; providerAccountId: string; type: string };

export type OAuthOutcome =
  | { ok: true; userId: string }
  /** `unverified`: an account has this email but it is not verified; `taken`: the identity belongs to another user */
  | { ok: false; reason: 'unverified' | 'taken' | 'no_email' };

/**
 * The Cruxmap user an OAuth sign-in stands for, linking or creating as needed:
 * - an identity already linked signs in as its user (when someone is signed in, only as that same user);
 * - signed in (`signedInUserId`, linking from settings): the identity is linked to that user, whatever its email;
 * - else by the provider's verified email: an existing account only if its email is verified; else a new account.
 */
export async function userForOAuth({
  identity,
  email,
  name,
  signedInUserId = null,
  isRetry = false,
}: {
  identity: OAuthIdentity;
  /** the provider's email, null when it gives none or says it is not verified */
  email: string | null;
  name: string;
  signedInUserId?: string | null;
  isRetry?: boolean;
}): Promise<OAuthOutcome> {
  const key = { provider: identity.provider, providerAccountId: identity.providerAccountId };
  try {
    return await db.$transaction(async (tx) => {
      const linked = await tx.account.findUnique({ where: { provider_providerAccountId: key }, select: { userId: true } });
      if (linked) {
        if (signedInUserId && linked.userId !== signedInUserId) return { ok: false, reason: 'taken' } as const;
        return { ok: true, userId: linked.userId } as const;
      }
      const link = async (userId: string): Promise<OAuthOutcome> => {
        await tx.account.create({ data: { userId, ...key, type: identity.type } });
        await tx.auditLog.create({
          data: { actorId: userId, action: 'account.linked', entityType: 'user', entityId: userId, data: { provider: identity.provider } },
        });
        return { ok: true, userId };
      };
      if (signedInUserId) return link(signedInUserId);
      if (!email) return { ok: false, reason: 'no_email' } as const;
      const normalized = email.trim().toLowerCase();
      const existing = await tx.user.findUnique({ where: { email: normalized }, select: { id: true, emailVerified: true } });
      if (existing) return existing.emailVerified ? link(existing.id) : ({ ok: false, reason: 'unverified' } as const);
      const created = await tx.user.create({ data: { email: normalized, name, emailVerified: new Date() }, select: { id: true } });
      return link(created.id);
    });
  } catch (error) {
    // Two first sign-ins at once: the other one linked or created; its answer stands.
    if (!isRetry && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return userForOAuth({ identity, email, name, signedInUserId, isRetry: true });
    }
    throw error;
  }
}
