// Input shapes for accounts (safe to import from the client).
import { z } from 'zod';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('must be an email address')).pipe(z.string().max(254));
export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters');

export const createUserInputSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'must not be empty').max(100),
  password: passwordSchema,
});
export type CreateUserInput = z.input<typeof createUserInputSchema>;
