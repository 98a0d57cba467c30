'use client';
// The header's inbox link with my unread count, kept live by my notification stream (GET /api/v1/notifications/stream:
// only my own count travels on it). The inbox page announces changes itself; here the count is a quiet badge.
import Link from 'next/link';
import { useEffect, useState } from 'react';

export const UNREAD_EVENT = 'cruxmap:unread';

export function InboxLink({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);
  useEffect(() => {
    const source = new EventSource('/api/v1/notifications/stream');
    const onUnread = (event: MessageEvent<string>) => {
      try {
        const data = JSON.parse(event.data) as { unread?: unknown };
        if (typeof data.unread === 'number') setUnread(data.unread);
      } catch {
        // a malformed frame changes nothing
      }
    };
    source.addEventListener('unread', onUnread);
    // the inbox page marks things read without a notification: it tells the header directly
    const onLocal = (event: Event) => setUnread((event as CustomEvent<number>).detail);
    window.addEventListener(UNREAD_EVENT, onLocal);
    return () => {
      source.close();
      window.removeEventListener(UNREAD_EVENT, onLocal);
    };
  }, []);
  const label = unread === 0 ? 'Inbox' : `Inbox, ${unread} unread`;
  return (
    <Link
      href="/inbox"
      aria-label={label}
      data-testid="inbox-link"
      data-unread={unread}
      className="inline-flex min-h-11 min-w-11 shrink-0 items-center gap-1 rounded px-2 py-1 text-sm text-stone-700 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600"
    >
      <span aria-hidden="true">Inbox</span>
      {unread > 0 ? (
        <span aria-hidden="true" className="min-w-5 rounded-full bg-blue-700 px-1.5 text-center text-xs font-semibold text-white">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  );
}
