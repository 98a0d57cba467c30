// Personal API tokens: shown once, stored as a SHA-256 hash, revocable, with their last use recorded. Here: their
// shape; reads in ./api-token-queries.ts, writes in ./api-token-mutations.ts.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const TOKEN_PREFIX = 'cmx_';

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

export const tokenSelect = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;
