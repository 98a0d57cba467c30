// Creating and revoking API tokens, each audited in its transaction.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { db } from '../db';
import { AppError } from '../errors';
import { readableWorkspaces, workspaceBySlugOrId } from '../context/permissions';
import { createTokenInputSchema, hashToken, TOKEN_PREFIX, tokenSelect, type ApiTokenDto } from './api-tokens';

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
    // Only a workspace the user may read; any other is "not there" on the field, whether or not it exists.
    const workspace = data.workspace
      ? await tx.workspace.findFirst({ where: { AND: [workspaceBySlugOrId(data.workspace), readableWorkspaces(userId)] }, select: { id: true } })
      : null;
    if (data.workspace && !workspace) {
      throw new AppError('UNPROCESSABLE', 'No such workspace among yours.', { fields: { workspace: ['is not a workspace you can read'] } });
    }
    const created = await tx.apiToken.create({
      data: {
        userId,
        name: data.name,
        scope: data.scope,
        workspaceId: workspace?.id ?? null,
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        tokenHash: hashToken(token),
        expiresAt: data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null,
      },
      select: tokenSelect,
    });
    await tx.auditLog.create({
      data: { actorId: userId, action: 'token.created', entityType: 'api_token', entityId: created.id, data: { name: data.name, scope: data.scope, workspace: created.workspace?.slug ?? null } },
    });
    return created;
  });
  return { token, apiToken };
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
