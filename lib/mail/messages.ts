// The mail the app sends, as plain text: pure functions from what the message is about to its subject and body.
// Names people chose (a workspace's, a person's) are put on one line, without control characters, so they cannot
// add headers or fake lines of the message.

export type MailKind = 'invitation' | 'verify-email' | 'sign-up' | 'account-exists' | 'notification' | 'digest';

export type MailMessage = {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  /** set by the notification outbox: the Message-ID it stored before sending, and List-Unsubscribe headers */
  messageId?: string;
  headers?: Record<string, string>;
};

/** One line of text a person chose, at most `max` characters. */
export const oneLine = (value: string, max = 120): string => {
  // eslint-disable-next-line no-control-regex -- the point is to remove control characters
  const flat = value.replace(/[\u0000-\u001f\u007f]+/gu, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

const roleWords = { owner: 'an owner', reviewer: 'a reviewer', observer: 'an observer' } as const;

export function invitationMessage({
  to,
  workspaceName,
  inviterName,
  role,
  url,
  expiresAt,
}: {
  to: string;
  workspaceName: string;
  inviterName: string;
  role: keyof typeof roleWords;
  url: string;
  expiresAt: Date;
}): MailMessage {
  const workspace = oneLine(workspaceName, 100);
  return {
    kind: 'invitation',
    to,
    subject: `Invitation to join "${workspace}" on Cruxmap`,
    text: [
      `${oneLine(inviterName, 100)} invites you to join the workspace "${workspace}" on Cruxmap as ${roleWords[role]}.`,
      '',
      'Accept or decline the invitation here:',
      url,
      '',
      `It is valid until ${expiresAt.toISOString().slice(0, 10)}. Nothing changes until you accept; if you do not know`,
      'this person or do not want to join, decline it or ignore this message.',
    ].join('\n'),
  };
}

export function verificationMessage({ to, name, url }: { to: string; name: string; url: string }): MailMessage {
  return {
    kind: 'verify-email',
    to,
    subject: 'Confirm your email address for Cruxmap',
    text: [
      `Hello ${oneLine(name, 100)},`,
      '',
      'Open this link to confirm that this address is yours:',
      url,
      '',
      'The link works for 24 hours. If you did not ask for this, ignore this message.',
    ].join('\n'),
  };
}

/** Sign-up with mail configured: the account is created when this link is opened. */
export function signUpMessage({ to, name, url }: { to: string; name: string; url: string }): MailMessage {
  return {
    kind: 'sign-up',
    to,
    subject: 'Finish creating your Cruxmap account',
    text: [
      `Hello ${oneLine(name, 100)},`,
      '',
      'Open this link to confirm your address and create your Cruxmap account:',
      url,
      '',
      'The link works for 24 hours. If you did not sign up, ignore this message: no account is created.',
    ].join('\n'),
  };
}

/** Someone signed up with an address that already has an account: its owner is told, nobody else learns it. */
export function accountExistsMessage({ to, url }: { to: string; url: string }): MailMessage {
  return {
    kind: 'account-exists',
    to,
    subject: 'You already have a Cruxmap account',
    text: [
      'Someone (perhaps you) tried to create a Cruxmap account with this address, which already has one.',
      '',
      'Sign in here instead:',
      url,
      '',
      'If it was not you, you can ignore this message: nothing was changed.',
    ].join('\n'),
  };
}
