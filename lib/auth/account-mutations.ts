// What a signed-in person does to their own account's security: sign out everywhere and change their password (both
// raise the session version, so every session cookie made before is refused: ./session-version.ts), and ask for
// a link that verifies their email address (mailed; opening it marks the address verified).
import bcrypt from 'bcryptjs';
import { db } from '../db';
import { isMailConfigured, publicUrl } from '../env';
import { AppError } from '../errors';
import { sendMail } from '../mail/mailer';
import { verificationMessage } from '../mail/messages';
import { hashPassword } from '../users/mutations';
import { newPasswordSchema } from '../users/password-policy';
import { changePasswordInputSchema, type ChangePasswordInput } from './account-schemas';
import { openLink, sealLink } from './sealed-links';

const VERIFY_LINK_SECONDS = 24 * 60 * 60;

/** The form's shape, with the server's rule for a new password (not a common one: the list stays on the server). */
const changePasswordSchema = changePasswordInputSchema.extend({ newPassword: newPasswordSchema });

/** Revokes every session of the user (this one too). Tokens are not sessions: they stay until revoked. */
export async function signOutEverywhere({ userId }: { userId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await tx.auditLog.create({ data: { actorId: userId, action: 'user.signed_out_everywhere', entityType: 'user', entityId: userId } });
  });
}

/** A new password, given the current one; every session is revoked (the caller signs in again with the new one). */
export async function changePassword({ userId, input }: { userId: string; input: ChangePasswordInput }): Promise<void> {
  const data = changePasswordSchema.parse(input);
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user?.passwordHash) {
    throw new AppError('UNPROCESSABLE', 'This account signs in with GitHub or Google and has no password.', {
      fields: { currentPassword: ['this account has no password'] },
    });
  }
  if (!(await bcrypt.compare(data.currentPassword, user.passwordHash))) {
    throw new AppError('UNPROCESSABLE', 'The current password is not right.', { fields: { currentPassword: ['is not your current password'] } });
  }
  const passwordHash = await hashPassword(data.newPassword);
  await db.$transaction(async (tx) => {
    // Only if the password is still the one checked: two changes at once do not both win.
    const changed = await tx.user.updateMany({
      where: { id: userId, passwordHash: user.passwordHash },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (changed.count === 0) throw new AppError('CONFLICT', 'The password was changed meanwhile. Sign in again.');
    await tx.auditLog.create({ data: { actorId: userId, action: 'user.password_changed', entityType: 'user', entityId: userId } });
  });
}

/** Mails the user a link that verifies their address (24 hours). */
export async function requestEmailVerification({ userId }: { userId: string }): Promise<{ emailSent: boolean }> {
  if (!isMailConfigured()) {
    throw new AppError('UNPROCESSABLE', 'This server sends no mail (SMTP_URL and MAIL_FROM are not set), so addresses cannot be verified.');
  }
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, name: true, emailVerified: true } });
  if (!user) throw new AppError('NOT_FOUND', 'User not found.');
  if (user.emailVerified) throw new AppError('CONFLICT', 'Your email address is already verified.');
  const token = sealLink('verify-email', { uid: userId, email: user.email }, VERIFY_LINK_SECONDS);
  const emailSent = await sendMail(verificationMessage({ to: user.email, name: user.name, url: publicUrl(`/verify-email?token=${token}`) }));
  return { emailSent };
}

/**
 * Opens a verification link: the address it was sent to is marked verified, if the account still uses it. Null for
 * a link that is altered, expired, or for an address the account no longer has.
 */
export async function confirmEmailVerification({ token }: { token: string }): Promise<{ email: string } | null> {
  const payload = openLink('verify-email', token);
  if (!payload || typeof payload.uid !== 'string' || typeof payload.email !== 'string') return null;
  const { uid, email } = payload;
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: uid }, select: { email: true, emailVerified: true } });
    if (!user || user.email !== email) return null;
    if (!user.emailVerified) {
      await tx.user.update({ where: { id: uid }, data: { emailVerified: new Date() } });
      await tx.auditLog.create({ data: { actorId: uid, action: 'user.email_verified', entityType: 'user', entityId: uid } });
    }
    return { email };
  });
}
