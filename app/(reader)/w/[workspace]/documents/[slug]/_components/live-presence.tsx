'use client';
// The reading page's live layer: the passage this reader is looking at (the first one whose bottom is below the
// top of the window), the other readers' avatars in the page header (portalled into its slot) and a marker
// beside the passage each of them is looking at.
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { LiveStatusNotice, PresenceAvatars, ReaderAvatar } from '@/app/_components/live/live-notices';
import type { LiveStatus } from '@/app/_components/live/use-live-events';
import type { PresenceDto } from '@/lib/realtime/schemas';
import { LIVE_SLOT_ID } from './live-slot';


/** The passage in view, followed as the reader scrolls (at most a few times a second). */
export function usePassageInView(bodyRef: RefObject<HTMLElement | null>): string | null {
  const [passageId, setPassageId] = useState<string | null>(null);
  useEffect(() => {
    let timer = 0;
    const measure = () => {
      timer = 0;
      const root = bodyRef.current;
      if (!root) return;
      for (const element of root.querySelectorAll<HTMLElement>('[data-passage-index]')) {
        if (element.getBoundingClientRect().bottom > 96) {
          setPassageId(element.id.replace(/^p-/, ''));
          return;
        }
      }
    };
    const onScroll = () => {
      if (!timer) timer = window.setTimeout(measure, 250);
    };
    measure();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      window.clearTimeout(timer);
    };
  }, [bodyRef]);
  return passageId;
}

/** The avatars and the connection notice, in the header's slot. */
export function LiveHeader({
  readers,
  status,
  passageLabel,
  documentChange,
}: {
  readers: PresenceDto[];
  status: LiveStatus;
  passageLabel: (id: string | null) => string;
  /** what changed about the document itself, offered with a reload */
  documentChange: string | null;
}) {
  const [slot, setSlot] = useState<HTMLElement | null>(null);
  useEffect(() => setSlot(document.getElementById(LIVE_SLOT_ID)), []);
  if (!slot) return null;
  return createPortal(
    <div className="flex min-h-7 flex-wrap items-center justify-between gap-x-2">
      <PresenceAvatars readers={readers} passageLabel={passageLabel} />
      <LiveStatusNotice status={status} />
      {documentChange && (
        <p role="status" className="w-full text-sm text-stone-700" data-testid="document-changed">
          {documentChange}{' '}
          <button type="button" className="font-medium text-blue-700 underline-offset-2 hover:underline" onClick={() => window.location.reload()}>
            Reload
          </button>
        </p>
      )}
    </div>,
    slot,
  );
}

/** A reader's avatar in the left margin of the passage they are looking at. */
export function PresenceMarkers({ readers, containerRef, layoutKey }: { readers: PresenceDto[]; containerRef: RefObject<HTMLElement | null>; layoutKey: unknown }) {
  const [positions, setPositions] = useState<{ reader: PresenceDto; top: number; offset: number }[]>([]);
  useLayoutEffect(() => {
    const place = () => {
      const container = containerRef.current;
      if (!container) return;
      const box = container.getBoundingClientRect();
      const perPassage = new Map<string, number>();
      setPositions(
        readers.flatMap((reader) => {
          const element = reader.passageId ? document.getElementById(`p-${reader.passageId}`) : null;
          if (!element || !reader.passageId) return [];
          const offset = perPassage.get(reader.passageId) ?? 0;
          perPassage.set(reader.passageId, offset + 1);
          return [{ reader, top: element.getBoundingClientRect().top - box.top, offset }];
        }),
      );
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [readers, containerRef, layoutKey]);
  return (
    <>
      {positions.map(({ reader, top, offset }) => (
        <span
          key={reader.userId}
          className="pointer-events-none absolute -left-4 sm:-left-7 transition-[top] duration-500 ease-out motion-reduce:transition-none"
          style={{ top: top + 2 + offset * 22 }}
          title={`${reader.name} is reading here`}
          data-testid="presence-marker"
          data-reader={reader.userId}
          data-passage={reader.passageId ?? ''}
        >
          <ReaderAvatar reader={reader} size="sm" />
          <span className="sr-only">{reader.name} is reading here</span>
        </span>
      ))}
    </>
  );
}
