// Personal API tokens: shown once, stored as a SHA-256 hash, revocable, with their last use recorded.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { db } from '../db';
import { AppError } from '../errors';

const TOKEN_PREFIX = 'cmx_';

export const createTokenInputSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export type ApiTokenDto = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

const tokenSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

export async function createApiToken({
  userId,
  input,
}: {
  userId: string;
  input: z.input<typeof createTokenInputSchema>;
}): Promise<{ token: string; apiToken: ApiTokenDto }> {
  const data = createTokenInputSchema.parse(input);
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const apiToken = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId,
        name: data.name,
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        tokenHash: hashToken(token),
        expiresAt: data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null,
      },
      select: tokenSelect,
    });
    await tx.auditLog.create({
      data: { actorId: userId, action: 'token.created', entityType: 'api_token', entityId: created.id, data: { name: data.name } },
    });
    return created;
  });
  return { token, apiToken };
}

export async function listApiTokens({ userId }: { userId: string }): Promise<ApiTokenDto[]> {
  return db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' }, select: tokenSelect });
}

export async function revokeApiToken({ userId, tokenId }: { userId: string; tokenId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const result = await tx.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
    if (result.count === 0) {
      const exists = await tx.apiToken.findFirst({ where: { id: tokenId, userId }, select: { id: true } });
      if (!exists) throw new AppError('NOT_FOUND', 'Token not found.');
      return; // already revoked
    }
    await tx.auditLog.create({ data: { actorId: userId, action: 'token.revoked', entityType: 'api_token', entityId: tokenId } });
  });
}

/** The user a bearer token stands for; a clear 401 for an unknown, revoked or expired token. */
export async function authenticateToken(token: string): Promise<{ userId: string; tokenId: string }> {
  const found = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, revokedAt: true, expiresAt: true, lastUsedAt: true },
  });
  if (!found) throw new AppError('UNAUTHORIZED', 'The API token is not valid.');
  if (found.revokedAt) throw new AppError('UNAUTHORIZED', 'The API token has been revoked.');
  if (found.expiresAt && found.expiresAt <= new Date()) throw new AppError('UNAUTHORIZED', 'The API token has expired.');
  // Record use at most once a minute, so a busy client does not write on every request.
  if (!found.lastUsedAt || Date.now() - found.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } });
  }
  return { userId: found.userId, tokenId: found.id };
}
