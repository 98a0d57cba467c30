// What a notification says and where it leads, in words (the inbox, the mails): pure, client-safe. Names people
// chose are flattened to one line (lib/mail/messages.ts's rule), and nothing here carries a credence or any text
// someone wrote, so a mail or a line in the inbox shows no more than the recipient may see.
import type { NotificationType } from './schemas';

export type NotificationFacts = {
  type: NotificationType;
  workspace: { slug: string; name: string };
  document: { slug: string; title: string } | null;
  annotationId: string | null;
  actor: { name: string } | null;
  subjectId: string | null;
};

const flat = (value: string, max = 120): string => {
  // eslint-disable-next-line no-control-regex -- the point is to remove control characters
  const one = value.replace(/[\u0000-\u001f\u007f]+/gu, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

/** One sentence: who did what, where. */
export function notificationSentence(n: NotificationFacts): string {
  const who = n.actor ? flat(n.actor.name, 80) : 'Someone';
  const doc = n.document ? `“${flat(n.document.title, 100)}”` : 'a document';
  switch (n.type) {
    case 'reply':
      return `${who} replied in a discussion of yours on ${doc}.`;
    case 'mention':
      return `${who} mentioned you on ${doc}.`;
    case 'round':
      return `${who} opened a new round of review on ${doc}: you can revise your credences.`;
    case 'claim_merged':
      return `${who} merged a claim you rated into another; your credence now stands on it.`;
    case 'claim_edited':
      return `${who} reworded a claim you rated.`;
    case 'invitation':
      return `${who} invited you to join “${flat(n.workspace.name, 100)}”.`;
    case 'assignment':
      return `${who} asked you to review ${doc}.`;
    case 'assignment_due':
      return `Your review of ${doc} is due within a day.`;
  }
}

/** The page a notification leads to (a path; mails prefix the public address). */
export function notificationPath(n: NotificationFacts): string {
  const ws = `/w/${encodeURIComponent(n.workspace.slug)}`;
  if (n.type === 'invitation') return '/';
  if ((n.type === 'claim_merged' || n.type === 'claim_edited') && n.subjectId) return `${ws}/claims/${encodeURIComponent(n.subjectId)}`;
  if (!n.document) return ws;
  const doc = `${ws}/documents/${encodeURIComponent(n.document.slug)}`;
  return n.annotationId ? `${doc}#card-${encodeURIComponent(n.annotationId)}` : doc;
}
