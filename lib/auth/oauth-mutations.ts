// Signing in with GitHub or Google: the provider's account, linked to a Cruxmap user (created on first sign-in).
import { db } from '../db';

/** An OAuth sign-in becomes (or links to) the Cruxmap user with the same verified email. */
export async function userForOAuth(account: { provider: string; providerAccountId: string; type: string }, email: string, name: string) {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
    select: { userId: true },
  });
  if (linked) return linked.userId;
  const user = await db.user.upsert({
    where: { email: email.toLowerCase() },
    create: { email: email.toLowerCase(), name, emailVerified: new Date() },
    update: {},
    select: { id: true },
  });
  await db.account.create({
    data: { userId: user.id, provider: account.provider, providerAccountId: account.providerAccountId, type: account.type },
  });
  return user.id;
}
