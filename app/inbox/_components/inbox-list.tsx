'use client';
// The inbox's list: each notification as a link (opening it marks it read), "Mark read" per item and "Mark all
// read"; the header's count follows at once (UNREAD_EVENT) and a polite live region says what changed.
import Link from 'next/link';
import { useState } from 'react';
import { useApiCall } from '@/app/_components/api-client';
import { FormError } from '@/app/_components/form-controls';
import { formatDateTime } from '@/app/_components/format';
import { UNREAD_EVENT } from '@/app/_components/inbox-link';

type Item = { id: string; href: string; sentence: string; workspace: string; createdAt: string; isRead: boolean };

const button = 'rounded border border-stone-300 bg-white px-2 py-1 text-sm text-stone-800 hover:bg-stone-50 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600';

export function InboxList({ items, unread: initialUnread }: { items: Item[]; unread: number }) {
  const api = useApiCall();
  const [read, setRead] = useState(() => new Set(items.filter((i) => i.isRead).map((i) => i.id)));
  const [unread, setUnread] = useState(initialUnread);
  const [status, setStatus] = useState('');

  async function mark(body: { ids: string[] } | { all: true }, said: string) {
    const result = await api.run<{ updated: number; unread: number }>('/api/v1/notifications/read', { method: 'POST', body });
    if (!result.ok) return;
    setRead((current) => new Set([...current, ...('ids' in body ? body.ids : items.map((i) => i.id))]));
    setUnread(result.data.unread);
    window.dispatchEvent(new CustomEvent(UNREAD_EVENT, { detail: result.data.unread }));
    setStatus(said);
  }

  if (items.length === 0) return <p className="mt-6 text-stone-600">Nothing here yet.</p>;
  return (
    <div className="mt-4">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-stone-600" data-testid="inbox-unread">
          {unread === 0 ? 'All read.' : `${unread} unread`}
        </p>
        <button type="button" className={button} disabled={api.pending || unread === 0} onClick={() => void mark({ all: true }, 'All notifications marked read.')}>
          Mark all read
        </button>
      </div>
      <FormError error={api.error} />
      <p role="status" className="sr-only">
        {status}
      </p>
      <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="inbox-list">
        {items.map((item) => {
          const isRead = read.has(item.id);
          return (
            <li key={item.id} className={`flex items-start gap-3 px-4 py-3 ${isRead ? '' : 'bg-blue-50/60'}`} data-read={isRead || undefined} data-testid="inbox-item">
              <div className="min-w-0 flex-1">
                <p className={isRead ? 'text-stone-700' : 'font-medium text-stone-900'}>
                  {!isRead && <span className="sr-only">Unread: </span>}
                  <Link href={item.href} className="hover:underline" onClick={() => (isRead ? undefined : void mark({ ids: [item.id] }, ''))}>
                    {item.sentence}
                  </Link>
                </p>
                <p className="mt-0.5 text-xs text-stone-500">
                  {item.workspace} · <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                </p>
              </div>
              {!isRead && (
                <button type="button" className={button} disabled={api.pending} onClick={() => void mark({ ids: [item.id] }, 'Marked read.')}>
                  Mark read<span className="sr-only">: {item.sentence}</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
