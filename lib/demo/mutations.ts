// The demo preset's own write: its generated reviewers' accounts (no password: nobody signs in as them).
import { db } from '../db';

/** The account with this email, created if missing. */
export async function ensureDemoUser({ email, name }: { email: string; name: string }): Promise<{ id: string }> {
  return db.user.upsert({ where: { email }, create: { email, name }, update: {}, select: { id: true } });
}
