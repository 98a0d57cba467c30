// The pure rules of notifications: who is told (never the actor, only current members, only those who left the
// type on), which members a rich text mentions (and which an edit newly mentions), when an assignment is due
// soon, how long the outbox waits before a retry, and a digest's grouping by workspace.
import { LIMITS } from '../limits';
import { notificationTypes, type EmailFrequency, type NotificationSettingsDto, type NotificationType } from './schemas';

/** The most members one text may mention (the rest are not told). */
export const MENTIONS_MAX = LIMITS.notifications.mentionsPerText;
/** An assignment is "due soon" this long before its due date. */
export const DUE_SOON_MS = 24 * 3600_000;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The member ids a Tiptap document mentions (`{type:"mention", attrs:{id}}`), in order, without repeats; bounded. */
export function mentionedUserIds(doc: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [doc];
  let visited = 0;
  while (stack.length > 0 && found.size < MENTIONS_MAX && visited < 20_000) {
    const node = stack.pop();
    visited += 1;
    if (!isObject(node)) continue;
    if (node.type === 'mention' && isObject(node.attrs) && typeof node.attrs.id === 'string' && node.attrs.id.length <= 100) found.add(node.attrs.id);
    if (Array.isArray(node.content)) for (let i = node.content.length - 1; i >= 0; i -= 1) stack.push(node.content[i]);
  }
  return [...found];
}

/** Who an edit mentions that the text before it did not. */
export function newlyMentioned(before: unknown, after: unknown): string[] {
  const old = new Set(mentionedUserIds(before));
  return mentionedUserIds(after).filter((id) => !old.has(id));
}

/**
 * The recipients of one event: the candidates, once each, less the actor, anyone who is not a member now, and
 * anyone who switched this type off.
 */
export function chooseRecipients({
  candidates,
  actorId,
  members,
  mutedTypes,
  type,
}: {
  candidates: Iterable<string>;
  actorId: string | null;
  members: ReadonlySet<string>;
  mutedTypes: ReadonlyMap<string, readonly NotificationType[]>;
  type: NotificationType;
}): string[] {
  const chosen = new Set<string>();
  for (const userId of candidates) {
    if (userId === actorId || !members.has(userId)) continue;
    if (mutedTypes.get(userId)?.includes(type)) continue;
    chosen.add(userId);
  }
  return [...chosen];
}

/** Settings as the API answers them; no stored row: every type on, no email. */
export function settingsDto(row: { email: EmailFrequency; mutedTypes: readonly NotificationType[] } | null): NotificationSettingsDto {
  const muted = new Set(row?.mutedTypes ?? []);
  return {
    email: row?.email ?? 'off',
    types: Object.fromEntries(notificationTypes.map((t) => [t, !muted.has(t)])) as Record<NotificationType, boolean>,
  };
}

/** The muted list after a change of some types' switches. */
export function mutedAfter(current: readonly NotificationType[], change: Partial<Record<NotificationType, boolean | undefined>>): NotificationType[] {
  const muted = new Set(current);
  for (const type of notificationTypes) {
    if (change[type] === true) muted.delete(type);
    if (change[type] === false) muted.add(type);
  }
  return notificationTypes.filter((t) => muted.has(t));
}

/** An assignment whose due date is within DUE_SOON_MS of `now` (and not long past). */
export const isDueSoon = (dueAt: Date | null, now: Date): boolean =>
  dueAt !== null && dueAt.getTime() - now.getTime() <= DUE_SOON_MS && dueAt.getTime() > now.getTime() - DUE_SOON_MS;

/** Outbox retries: 1 min, 2, 4, … capped at 1 h. */
export const retryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

/** The UTC day (YYYY-MM-DD) a moment falls on, and the start of the next one. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);
export const nextUtcDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00.000Z`) + 24 * 3600_000);

/** Items grouped by workspace name, workspaces in alphabetical order, items oldest first. */
export function groupByWorkspace<T extends { workspace: { name: string; slug: string }; createdAt: string }>(items: readonly T[]): { workspace: T['workspace']; items: T[] }[] {
  const groups = new Map<string, { workspace: T['workspace']; items: T[] }>();
  for (const item of items) {
    let group = groups.get(item.workspace.slug);
    if (!group) groups.set(item.workspace.slug, (group = { workspace: item.workspace, items: [] }));
    group.items.push(item);
  }
  return [...groups.values()]
    .sort((a, b) => a.workspace.name.localeCompare(b.workspace.name) || a.workspace.slug.localeCompare(b.workspace.slug))
    .map((g) => ({ ...g, items: [...g.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt)) }));
}
