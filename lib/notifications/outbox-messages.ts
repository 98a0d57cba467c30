// The notification mails, pure: one notification ("instant") or a day's digest grouped by workspace. Each names
// what happened and links to it, and carries a one-click unsubscribe (RFC 8058: List-Unsubscribe with an https
// URL and List-Unsubscribe-Post). Addressed to the recipient alone; no other member's address appears anywhere.
import type { MailMessage } from '../mail/messages';
import { notificationPath, notificationSentence, type NotificationFacts } from './messages';
import { groupByWorkspace } from './rules';

export type MailItem = NotificationFacts & { createdAt: string };

type Envelope = { to: string; messageId: string; baseUrl: string; unsubscribeUrl: string };

const unsubscribeHeaders = (url: string): Record<string, string> => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});

const footer = (e: Envelope): string[] => [
  '',
  '--',
  `Your notifications: ${e.baseUrl}/inbox`,
  `Notification settings: ${e.baseUrl}/settings/notifications`,
  `Stop these mails (one click): ${e.unsubscribeUrl}`,
];

const subjectOf = (sentence: string): string => (sentence.length > 140 ? `${sentence.slice(0, 139)}…` : sentence).replace(/\.$/u, '');

export function instantMail(e: Envelope, item: MailItem): MailMessage {
  const sentence = notificationSentence(item);
  return {
    kind: 'notification',
    to: e.to,
    subject: `[${item.workspace.name.slice(0, 60).replace(/[\r\n]+/gu, ' ')}] ${subjectOf(sentence)}`,
    text: [sentence, '', 'Open it here:', `${e.baseUrl}${notificationPath(item)}`, ...footer(e)].join('\n'),
    messageId: e.messageId,
    headers: unsubscribeHeaders(e.unsubscribeUrl),
  };
}

export function digestMail(e: Envelope, day: string, items: readonly MailItem[]): MailMessage {
  const lines = [`What happened on ${day} (UTC) in your Cruxmap workspaces:`];
  for (const group of groupByWorkspace(items)) {
    lines.push('', `== ${group.workspace.name.replace(/[\r\n]+/gu, ' ')} ==`);
    for (const item of group.items) lines.push(`- ${notificationSentence(item)}`, `  ${e.baseUrl}${notificationPath(item)}`);
  }
  const count = items.length;
  return {
    kind: 'digest',
    to: e.to,
    subject: `Your Cruxmap digest for ${day}: ${count} notification${count === 1 ? '' : 's'}`,
    text: [...lines, ...footer(e)].join('\n'),
    messageId: e.messageId,
    headers: unsubscribeHeaders(e.unsubscribeUrl),
  };
}
