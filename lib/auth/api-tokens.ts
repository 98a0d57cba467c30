// Personal API tokens: shown once, stored as a SHA-256 hash, revocable, with their last use recorded, and each with a
// scope (`read` never writes; `write`, the default, may do what its user may) and optionally one workspace, outside
// which it finds nothing. Here: their shape; reads in ./api-token-queries.ts, writes in ./api-token-mutations.ts.
import { createHash } from 'node:crypto';
import { z } from 'zod';

export const TOKEN_PREFIX = 'cmx_';

export const createTokenInputSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
  scope: z.enum(['read', 'write'], { message: 'must be read or write' }).default('write'),
  /** a workspace (slug or id) the token is limited to; one the user may read */
  workspace: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional(),
});

export type TokenScope = 'read' | 'write';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export type ApiTokenDto = {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  scope: TokenScope;
  /** the one workspace the token may reach, or null for all of its user's */
  workspace: { slug: string; name: string } | null;
};

export const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  scope: true,
  workspace: { select: { slug: true, name: true } },
} as const;
