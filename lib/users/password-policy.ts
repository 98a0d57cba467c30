// The server's whole rule for a new password: the length bounds of schemas.ts, and not one of the common
// passwords of @zxcvbn-ts/language-common (about 49 000, from leaked-password lists; compared case-insensitively,
// one Set lookup). The list stays on the server (and out of the browser's bundle): the browser checks only the
// length as it is typed.
import { dictionary } from '@zxcvbn-ts/language-common';
import type { z } from 'zod';
import { createUserInputSchema, passwordSchema } from './schemas';

let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  return common.has(password.toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE = 'is one of the most common passwords, which are guessed first: choose another';

/** A new password, the common-password list included. */
export const newPasswordSchema = passwordSchema.refine((password) => !isCommonPassword(password), COMMON_PASSWORD_MESSAGE);

/** Sign-up's and `user create`'s input as the server checks it. */
export const newUserSchema = createUserInputSchema.extend({ password: newPasswordSchema });
export type NewUserInput = z.input<typeof newUserSchema>;
