// Reads of accounts.
import { db } from '../db';
import { AppError } from '../errors';

export type UserProfile = { id: string; email: string; name: string; createdAt: Date };

export async function getUserProfile({ userId }: { userId: string }): Promise<UserProfile> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, createdAt: true } });
  if (!user) throw new AppError('NOT_FOUND', 'User not found.');
  return user;
}
