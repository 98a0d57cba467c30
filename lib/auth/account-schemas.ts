// Input shapes for a person's own account settings (safe to import from the client).
import { z } from 'zod';
import { passwordSchema } from '../users/schemas';

export const changePasswordInputSchema = z.object({
  currentPassword: z.string().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters'),
  newPassword: passwordSchema,
});
export type ChangePasswordInput = z.input<typeof changePasswordInputSchema>;
