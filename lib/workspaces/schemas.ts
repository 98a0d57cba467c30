// Input shapes for workspaces, members and invites (safe to import from the client).
import { z } from 'zod';
import { slugSchema } from '../slugs';
import { emailSchema } from '../users/schemas';

export const roleSchema = z.enum(['owner', 'reviewer', 'observer'], { message: 'must be owner, reviewer or observer' });
/** A member's role; the same union as the database's Role enum, for code that may not import generated types. */
export type Role = z.infer<typeof roleSchema>;

/** Addresses the app uses itself under /w/. */
const reservedWorkspaceSlugs = new Set(['new']);

export const createWorkspaceInputSchema = z.object({
  slug: slugSchema.refine((slug) => !reservedWorkspaceSlugs.has(slug), 'is reserved; choose another'),
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
});

export const updateWorkspaceInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional(),
    visibility: z.enum(['private', 'public']).optional(),
    /** the data's licence, named in data packages (an SPDX id such as CC-BY-4.0, or free text); null or '' clears it */
    licence: z
      .string()
      .trim()
      .max(200, 'must be at most 200 characters')
      .nullable()
      .optional()
      .transform((v) => (v === '' ? null : v)),
  })
  .refine((v) => v.name !== undefined || v.visibility !== undefined || v.licence !== undefined, { message: 'nothing to change' });

export const changeRoleInputSchema = z.object({ role: roleSchema });

export const createInviteInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('link'),
    role: roleSchema,
    /** null: any number of uses until it expires or is revoked */
    maxUses: z.number().int().min(1).max(1000).nullable().default(1),
    expiresInDays: z.number().int().min(1, 'must be at least 1 day').max(30, 'must be at most 30 days').default(7),
  }),
  z.object({ kind: z.literal('email'), role: roleSchema, email: emailSchema }),
]);
export type CreateInviteInput = z.input<typeof createInviteInputSchema>;
