// Sign-up without telling anyone whether an email already has an account.
// - With mail configured (SMTP_URL, MAIL_FROM) every sign-up answers the same "check your email": a new address gets
//   a link that creates the account when opened (the name and the password's bcrypt hash travel sealed in the link,
//   ./sealed-links.ts, so nothing is stored for addresses nobody confirms, and nobody can hold an address they do
//   not receive mail at); an address that has an account gets a note saying so, sent to its owner only.
// - Without mail no address can be proved, and a new account must work at once: a sign-up with an existing address
//   and that account's password is a sign-in (the same 201 with the account); with another password the answer is
//   a 409 that only says to sign in if the address is yours. It cannot be made indistinguishable without mail:
//   sign-ups are limited per address, and the README says so.
import bcrypt from 'bcryptjs';
import { db } from '../db';
import { isMailConfigured, publicUrl } from '../env';
import { AppError } from '../errors';
import { Prisma } from '../generated/prisma/client';
import { sendMail } from '../mail/mailer';
import { accountExistsMessage, signUpMessage } from '../mail/messages';
import { createUser, hashPassword } from '../users/mutations';
import { findUserForSignIn } from '../users/queries';
import { createUserInputSchema, type CreateUserInput } from '../users/schemas';
import { openLink, sealLink } from './sealed-links';

const SIGN_UP_LINK_SECONDS = 24 * 60 * 60;

export type SignUpOutcome =
  | { kind: 'account'; user: { id: string; email: string; name: string } }
  | { kind: 'check_email'; message: string };

export const CHECK_EMAIL_MESSAGE = 'Check your email: we sent a link to finish signing up (or to sign in, if you already have an account).';

const notAvailable = () =>
  new AppError('CONFLICT', 'Could not sign up with this email and password. If the address is yours, sign in instead.', {
    fields: { email: ['cannot sign up with this address: sign in if it is yours'] },
  });

export async function registerAccount({ input }: { input: CreateUserInput }): Promise<SignUpOutcome> {
  const data = createUserInputSchema.parse(input);
  const existing = await findUserForSignIn({ email: data.email });
  if (isMailConfigured()) {
    // The same work in both cases (a bcrypt hash, one message), so the time taken does not tell either.
    const passwordHash = await hashPassword(data.password);
    if (existing) {
      await sendMail(accountExistsMessage({ to: data.email, url: publicUrl('/sign-in') }));
    } else {
      const token = sealLink('sign-up', { email: data.email, name: data.name, passwordHash }, SIGN_UP_LINK_SECONDS);
      await sendMail(signUpMessage({ to: data.email, name: data.name, url: publicUrl(`/sign-up/confirm?token=${token}`) }));
    }
    return { kind: 'check_email', message: CHECK_EMAIL_MESSAGE };
  }
  if (existing) {
    const isOwner = existing.passwordHash !== null && (await bcrypt.compare(data.password, existing.passwordHash));
    if (!isOwner) throw notAvailable();
    return { kind: 'account', user: { id: existing.id, email: existing.email, name: existing.name } };
  }
  try {
    return { kind: 'account', user: await createUser({ input: data }) };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw notAvailable();
    throw error;
  }
}

/** Opens a sign-up link: creates the account (its address verified) unless the address has one by now. */
export async function confirmSignUp({ token }: { token: string }): Promise<{ email: string; created: boolean } | null> {
  const payload = openLink('sign-up', token);
  if (!payload || typeof payload.email !== 'string' || typeof payload.name !== 'string' || typeof payload.passwordHash !== 'string') return null;
  const { email, name, passwordHash } = payload;
  try {
    await db.user.create({ data: { email, name, passwordHash, emailVerified: new Date() }, select: { id: true } });
    return { email, created: true };
  } catch (error) {
    // Opened twice, or the address got an account meanwhile: that account stands, untouched.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { email, created: false };
    throw error;
  }
}
