'use client';
// What the live feed shows: readers as initials (the passage each is at on hover), and a quiet notice while the
// connection is down and briefly when it is back.
import { useEffect, useRef, useState } from 'react';
import type { PresenceDto } from '@/lib/realtime/schemas';
import type { LiveStatus } from './use-live-events';

export const initialsOf = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('') || '?';

const palette = ['bg-sky-700', 'bg-emerald-700', 'bg-violet-700', 'bg-amber-700', 'bg-rose-700', 'bg-teal-700', 'bg-indigo-700'];

/** A stable colour per reader. */
export function colourOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return palette[hash % palette.length] as string;
}

export function ReaderAvatar({ reader, size = 'md' }: { reader: Pick<PresenceDto, 'userId' | 'name'>; size?: 'sm' | 'md' }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-sans font-semibold text-white ring-2 ring-white ${colourOf(reader.userId)} ${
        size === 'sm' ? 'h-5 w-5 text-[0.6rem]' : 'h-7 w-7 text-xs'
      }`}
      aria-hidden="true"
    >
      {initialsOf(reader.name)}
    </span>
  );
}

export function PresenceAvatars({ readers, passageLabel }: { readers: PresenceDto[]; passageLabel: (passageId: string | null) => string }) {
  if (readers.length === 0) return null;
  const names = readers.map((r) => r.name).join(', ');
  return (
    <div className="flex items-center gap-2" data-testid="presence" aria-label={`Also reading: ${names}`} role="group">
      <div className="flex -space-x-1.5">
        {readers.slice(0, 6).map((reader) => (
          <span key={reader.userId} title={`${reader.name} — ${passageLabel(reader.passageId)}`} data-reader={reader.userId}>
            <ReaderAvatar reader={reader} />
          </span>
        ))}
      </div>
      <span className="text-xs text-stone-600">
        {readers.length === 1 ? `${readers[0]?.name} is reading` : `${readers.length} others reading`}
        {readers.length > 6 ? ` (+${readers.length - 6})` : ''}
      </span>
    </div>
  );
}

/** "Live updates paused" while reconnecting; "back" for a few seconds after. Nothing while all is well. */
export function LiveStatusNotice({ status }: { status: LiveStatus }) {
  const [isBack, setBack] = useState(false);
  const wasDown = useRef(false);
  useEffect(() => {
    if (status === 'reconnecting') wasDown.current = true;
    if (status !== 'open' || !wasDown.current) return;
    wasDown.current = false;
    setBack(true);
    const timer = window.setTimeout(() => setBack(false), 4_000);
    return () => window.clearTimeout(timer);
  }, [status]);
  const text =
    status === 'reconnecting'
      ? 'Live updates paused — reconnecting…'
      : status === 'closed'
        ? 'Live updates stopped.'
        : isBack
          ? 'Live updates are back.'
          : null;
  return (
    <p role="status" aria-live="polite" className="text-xs text-stone-500" data-testid="live-status" data-status={status}>
      {text}
    </p>
  );
}
