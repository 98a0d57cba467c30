'use client';
// The workspace's members for mentions, given once by a page that may show them (the reading page): the editors
// suggest them after "@", and rich text shows each mention as the member's current name.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { MentionNames } from '@/lib/richtext/mentions';

export type MentionMember = { id: string; name: string };

const MembersContext = createContext<readonly MentionMember[] | null>(null);

export function MentionMembersProvider({ members, children }: { members: readonly MentionMember[] | null; children: ReactNode }) {
  return <MembersContext.Provider value={members}>{children}</MembersContext.Provider>;
}

/** The members to suggest; null outside a provider (or when the viewer may not see them). */
export const useMentionMembers = (): readonly MentionMember[] | null => useContext(MembersContext);

/** Names by id for RichTextView's `mentionNames`. */
export function useMentionNames(): MentionNames {
  const members = useContext(MembersContext);
  return useMemo(() => (members ? new Map(members.map((m) => [m.id, m.name])) : null), [members]);
}
