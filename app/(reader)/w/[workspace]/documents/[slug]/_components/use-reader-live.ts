'use client';
// The reading page live: others' changes arrive through the change feed (ids only) and are read by id like the
// margin's cards, new highlights fade in, and who else is reading (and where) comes from presence.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { AnnotationDto, ClaimSummary } from '@/lib/annotations/types';
import type { ReaderPassage } from '@/lib/documents/queries';
import { useLiveEvents } from '@/app/_components/live/use-live-events';
import { usePresence } from '@/app/_components/live/use-presence';
import type { LiveEvent } from '@/lib/realtime/schemas';
import type { Piece } from './highlight-layout';
import { usePassageInView } from './live-presence';
import { IDS_PER_REQUEST, loadAnnotationsById, loadClaimSummaries, type ReaderPaths } from './reader-api';
import { claimsTouchedBy, type LatestLayer } from './use-annotation-layer';
import { marksOf } from './use-highlight-focus';

/** A reply arriving live re-reads the loaded cards, up to this many (a few requests). */
const MAX_CARDS_REREAD = 300;

export function useReaderLive({
  workspaceSlug,
  documentSlug,
  documentId,
  versionNumber,
  passages,
  liveCursor,
  isMember,
  viewerId,
  paths,
  bodyRef,
  latest,
  indexOf,
  layout,
  applyAnnotation,
  applyClaims,
  removeAnnotation,
}: {
  workspaceSlug: string;
  documentSlug: string;
  documentId: string;
  versionNumber: number;
  passages: ReaderPassage[];
  liveCursor: string | null;
  isMember: boolean;
  viewerId: string | null;
  paths: ReaderPaths;
  bodyRef: RefObject<HTMLDivElement | null>;
  latest: LatestLayer;
  indexOf: ReadonlyMap<string, number>;
  /** the highlights as drawn: new ones fade in once they are in it */
  layout: ReadonlyMap<string, readonly Piece[]>;
  applyAnnotation: (a: AnnotationDto) => void;
  applyClaims: (fresh: readonly ClaimSummary[]) => void;
  removeAnnotation: (id: string) => void;
}) {
  /** annotations that arrived through the feed and are new here: their highlights fade in */
  const fresh = useRef(new Set<string>());

  /** set when the document itself changed (a new version, blind review, a round): the page offers a reload */
  const [documentChange, setDocumentChange] = useState<string | null>(null);

  const onLiveEvents = useCallback(
    async (events: LiveEvent[]) => {
      const changed = new Set<string>();
      const deleted = new Set<string>();
      for (const event of events) {
        if ((event.entity === 'document' || event.entity === 'round') && event.document === documentId) {
          setDocumentChange(
            event.entity === 'document' && event.version > versionNumber
              ? `Version ${event.version} of this document has been imported.`
              : event.entity === 'round'
                ? 'A new round of review has opened.'
                : 'This document’s settings have changed.',
          );
        }
        // a reply names only itself: the loaded cards are read again (their reply counts reload open threads)
        if (event.entity === 'reply' && event.document === documentId && latest.current.cards.size <= MAX_CARDS_REREAD) {
          for (const id of latest.current.cards.keys()) if (!deleted.has(id)) changed.add(id);
        }
        if (event.entity !== 'annotation' || event.document !== documentId) continue;
        if (event.action === 'delete') {
          deleted.add(event.id);
          changed.delete(event.id);
        } else {
          changed.add(event.id);
          deleted.delete(event.id);
        }
      }
      for (const id of deleted) removeAnnotation(id);
      const ids = [...changed];
      for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
        const batch = ids.slice(i, i + IDS_PER_REQUEST);
        const result = await loadAnnotationsById(paths, batch);
        if (!result.ok) continue;
        const got = new Set(result.items.map((a) => a.id));
        // hidden by an owner, or no longer visible to this reader
        for (const id of batch) if (!got.has(id)) removeAnnotation(id);
        const touched = new Set<string>();
        for (const a of result.items) {
          if (!latest.current.indexOf.has(a.id) && !latest.current.cards.has(a.id)) fresh.current.add(a.id);
          for (const claimId of claimsTouchedBy(a)) touched.add(claimId);
        }
        const claimsNow = touched.size > 0 ? await loadClaimSummaries(paths, [...touched]) : [];
        for (const a of result.items) applyAnnotation(a);
        applyClaims(claimsNow);
      }
    },
    [documentId, versionNumber, paths, latest, applyAnnotation, applyClaims, removeAnnotation],
  );

  // One batch at a time, in order: a batch's reads must not land after a later batch's delete.
  const liveQueue = useRef<Promise<void>>(Promise.resolve());
  const queueLiveEvents = useCallback(
    (events: LiveEvent[]) => {
      liveQueue.current = liveQueue.current.then(() => onLiveEvents(events)).catch(() => undefined);
    },
    [onLiveEvents],
  );

  const passageInView = usePassageInView(bodyRef);
  const presence = usePresence({ workspace: workspaceSlug, document: documentSlug, passageId: passageInView, isEnabled: isMember });
  const { refresh: refreshPresence } = presence;
  const live = useLiveEvents({
    workspace: workspaceSlug,
    document: documentSlug,
    since: liveCursor,
    isEnabled: isMember,
    onEvents: queueLiveEvents,
    onPresence: refreshPresence,
    // never a reload under the reader's hands (a draft would be lost): offered instead
    onReload: () => setDocumentChange('You were away for a while: some changes may not be shown.'),
  });
  const otherReaders = useMemo(() => presence.readers.filter((r) => r.userId !== viewerId), [presence.readers, viewerId]);
  const passageLabel = useCallback(
    (id: string | null) => {
      const passage = id ? passages.find((p) => p.id === id) : undefined;
      return passage ? `at “${passage.text.slice(0, 60)}${passage.text.length > 60 ? '…' : ''}”` : 'reading';
    },
    [passages],
  );

  // New highlights from others fade in once they are drawn.
  useEffect(() => {
    const root = bodyRef.current;
    if (!root || fresh.current.size === 0) return;
    const keys = [...fresh.current].flatMap((id) => {
      const key = indexOf.get(id);
      return key === undefined ? [] : [key];
    });
    fresh.current.clear();
    const marks = marksOf(root, keys);
    for (const mark of marks) mark.classList.add('hl-new');
    const timer = window.setTimeout(() => marks.forEach((mark) => mark.classList.remove('hl-new')), 1600);
    return () => window.clearTimeout(timer);
  }, [bodyRef, layout, indexOf]);

  return { otherReaders, status: live.status, passageLabel, documentChange };
}
