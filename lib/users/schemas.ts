// Input shapes for accounts (safe to import from the client).
import { z } from 'zod';

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email('must be an email address')).pipe(z.string().max(254));
/** A new password's bounds: bcrypt reads only the first 72 bytes, so a longer one is refused rather than cut. */
export const PASSWORD_MIN_CHARACTERS = 10;
export const PASSWORD_MAX_BYTES = 72;

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** What is wrong with a new password's length, in the words the form shows under the field (none: []). */
export function passwordLengthProblems(password: string): string[] {
  if ([...password].length < PASSWORD_MIN_CHARACTERS) return [`must be at least ${PASSWORD_MIN_CHARACTERS} characters`];
  const bytes = utf8Bytes(password);
  if (bytes > PASSWORD_MAX_BYTES) {
    return [`must be at most ${PASSWORD_MAX_BYTES} bytes (this one is ${bytes}: letters with accents and emoji take 2–4 bytes each)`];
  }
  return [];
}

/** A new password (sign-up, `user create`): its length here; the common-password list is checked on the server. */
export const passwordSchema = z.string().superRefine((password, ctx) => {
  for (const message of passwordLengthProblems(password)) ctx.addIssue({ code: 'custom', message });
});

export const createUserInputSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, 'must not be empty').max(100),
  password: passwordSchema,
});
export type CreateUserInput = z.input<typeof createUserInputSchema>;
