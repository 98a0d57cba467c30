// Writes to users. Passwords are hashed with bcrypt (cost 12 unless CRUXMAP_PASSWORD_COST says otherwise) and
// never stored or logged in clear.
import bcrypt from 'bcryptjs';
import { db } from '../db';
import { env } from '../env';
import { AppError } from '../errors';
import { newUserSchema, type NewUserInput as CreateUserInput } from './password-policy';

export const PASSWORD_COST = env.CRUXMAP_PASSWORD_COST;

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, PASSWORD_COST);
}

export async function createUser({ input }: { input: CreateUserInput }): Promise<{ id: string; email: string; name: string }> {
  const data = newUserSchema.parse(input);
  return db.user.create({
    data: { email: data.email, name: data.name, passwordHash: await hashPassword(data.password) },
    select: { id: true, email: true, name: true },
  });
}

/** Creates the user unless the email is taken; returns the user either way. */
export async function ensureUser({ input }: { input: CreateUserInput }): Promise<{ id: string; email: string; created: boolean }> {
  const data = newUserSchema.parse(input);
  const existing = await db.user.findUnique({ where: { email: data.email }, select: { id: true, email: true } });
  if (existing) return { ...existing, created: false };
  const user = await createUser({ input: data });
  return { id: user.id, email: user.email, created: true };
}

/** Sign-up: a new account. An email already in use is a 409 on the email field. */
export async function signUp({ input }: { input: CreateUserInput }): Promise<{ id: string; email: string; name: string }> {
  const data = newUserSchema.parse(input);
  const taken = await db.user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (taken) throw new AppError('CONFLICT', 'An account with this email already exists. Sign in instead.', { fields: { email: ['is already registered'] } });
  return createUser({ input: data });
}
