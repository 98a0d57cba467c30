// What the notification API accepts and answers: the eight types, the settings, the read request, the list
// query, and the item DTO. Client-safe.
import { z } from 'zod';

export const notificationTypes = ['reply', 'mention', 'round', 'claim_merged', 'claim_edited', 'invitation', 'assignment', 'assignment_due'] as const;
export type NotificationType = (typeof notificationTypes)[number];

export const emailFrequencies = ['off', 'instant', 'daily'] as const;
export type EmailFrequency = (typeof emailFrequencies)[number];

/** The most ids one read request may name, and the longest inbox page. */
export const READ_IDS_MAX = 200;
export const PAGE_SIZE = 30;

export type NotificationSettingsDto = { email: EmailFrequency; types: Record<NotificationType, boolean> };

/** One inbox item: ids and names only, never the text of what happened. */
export type NotificationDto = {
  id: string;
  type: NotificationType;
  workspace: { slug: string; name: string };
  /** the document it is about (null: workspace-wide, e.g. an invitation) */
  document: { slug: string; title: string } | null;
  annotationId: string | null;
  /** who did it (null: the operator, or an account since deleted) */
  actor: { id: string; name: string } | null;
  createdAt: string;
  readAt: string | null;
};

export type NotificationPage = { items: NotificationDto[]; nextCursor: string | null; unread: number };

const booleanText = z.enum(['true', 'false', '1', '0'], 'must be true or false').transform((v) => v === 'true' || v === '1');

export const listQuerySchema = z.strictObject({
  unread: booleanText.optional(),
  cursor: z.string().trim().max(200, 'is too long').optional(),
});

const id = z.string().trim().min(1, 'is required').max(100, 'is too long');

export const readInputSchema = z.union([
  z.strictObject({ ids: z.array(id).min(1, 'must name at least one notification').max(READ_IDS_MAX, `must name at most ${READ_IDS_MAX} notifications`) }),
  z.strictObject({ all: z.literal(true, 'must be true') }),
]);
export type ReadInput = z.infer<typeof readInputSchema>;

export const settingsInputSchema = z
  .strictObject({
    email: z.enum(emailFrequencies, 'must be "off", "instant" or "daily"').optional(),
    types: z.strictObject(Object.fromEntries(notificationTypes.map((t) => [t, z.boolean('must be true or false').optional()])) as Record<NotificationType, z.ZodOptional<z.ZodBoolean>>).optional(),
  })
  .refine((s) => s.email !== undefined || s.types !== undefined, { message: 'name "email" or "types"', path: ['email'] });
export type SettingsInput = z.infer<typeof settingsInputSchema>;
