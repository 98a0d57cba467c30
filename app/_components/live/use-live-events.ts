'use client';
// The live change feed in the browser: one EventSource on GET /api/v1/workspaces/:ws/events (?document=), its
// events handed over in batches at most every `throttleMs` (a burst of writes repaints a few times a second, not
// once per write), and a connection status for a quiet notice. The browser reconnects by itself and resumes with
// Last-Event-ID; when it gives up (the server answered an error), this opens a new stream with backoff, resuming
// from the last id seen. `reload` frames (away too long) and `revoked` (access ended) go to their callbacks.
//
//   const { status } = useLiveEvents({ workspace: 'team', document: 'essay', since: cursorFromTheServer, onEvents: (events) => refresh(events) });
import { useEffect, useRef, useState } from 'react';
import type { LiveEvent } from '@/lib/realtime/schemas';

export type LiveStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export type LiveEventsOptions = {
  /** the workspace's slug or id */
  workspace: string;
  /**
   * the feed's position when the page's data was read (server side: `currentCursor` of lib/realtime/event-log-queries.ts):
   * what changed between that read and the stream's opening is replayed, not lost
   */
  since?: string | null;
  /** a document's slug or id: its events and the workspace-wide ones; omitted, the whole workspace */
  document?: string;
  /** change events since the last call, in order (presence signals are not among them) */
  onEvents: (events: LiveEvent[]) => void;
  /** someone joined, moved or left (a LiveEvent with entity "presence", id the reader's user id) */
  onPresence?: (event: LiveEvent) => void;
  /** the feed could not replay what was missed: read everything again */
  onReload?: () => void;
  /** the viewer's access ended; the stream is closed for good */
  onRevoked?: () => void;
  /** at most one onEvents call per this many milliseconds (default 300) */
  throttleMs?: number;
  /** false: no stream (e.g. signed out) */
  isEnabled?: boolean;
};

const MAX_BACKOFF_MS = 30_000;

/** A `reload` frame that also ends the stream for good (`{"final": true}`): do not reconnect. */
function isFinalReload(event: Event): boolean {
  try {
    return (JSON.parse((event as MessageEvent).data as string) as { final?: unknown }).final === true;
  } catch {
    return false;
  }
}

export function useLiveEvents({
  workspace,
  document,
  since = null,
  onEvents,
  onPresence,
  onReload,
  onRevoked,
  throttleMs = 300,
  isEnabled = true,
}: LiveEventsOptions): {
  status: LiveStatus;
} {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  // the latest callbacks, without opening a new stream when they change
  const callbacks = useRef({ onEvents, onPresence, onReload, onRevoked });
  useEffect(() => {
    callbacks.current = { onEvents, onPresence, onReload, onRevoked };
  }, [onEvents, onPresence, onReload, onRevoked]);

  useEffect(() => {
    if (!isEnabled) return;
    let source: EventSource | null = null;
    let lastEventId: string | null = since;
    let pending: LiveEvent[] = [];
    let flushTimer = 0;
    let retryTimer = 0;
    let backoffMs = 1_000;
    let lastFlush = 0;
    let isStopped = false;

    const flush = () => {
      flushTimer = 0;
      lastFlush = Date.now();
      const batch = pending;
      pending = [];
      if (batch.length > 0) callbacks.current.onEvents(batch);
    };
    const queue = (event: LiveEvent) => {
      pending.push(event);
      if (flushTimer) return;
      flushTimer = window.setTimeout(flush, Math.max(0, lastFlush + throttleMs - Date.now()));
    };
    const remember = (event: MessageEvent) => {
      if (event.lastEventId) lastEventId = event.lastEventId;
    };
    const parse = (event: MessageEvent): LiveEvent | null => {
      try {
        return JSON.parse(event.data as string) as LiveEvent;
      } catch {
        return null;
      }
    };

    const open = () => {
      const params = new URLSearchParams();
      if (document) params.set('document', document);
      if (lastEventId) params.set('lastEventId', lastEventId);
      const query = params.toString();
      const es = new EventSource(`/api/v1/workspaces/${encodeURIComponent(workspace)}/events${query ? `?${query}` : ''}`);
      source = es;
      es.onopen = () => {
        backoffMs = 1_000;
        setStatus('open');
      };
      es.onmessage = (event: MessageEvent) => {
        remember(event);
        const parsed = parse(event);
        if (parsed) queue(parsed);
      };
      es.addEventListener('ready', (event) => remember(event));
      es.addEventListener('presence', (event) => {
        remember(event);
        const parsed = parse(event);
        if (parsed) callbacks.current.onPresence?.(parsed);
      });
      es.addEventListener('reload', (event) => {
        remember(event);
        // `final`: the server ended this stream for good (the person opened more live views than allowed elsewhere);
        // reconnecting would only end another view's stream in turn
        if (isFinalReload(event)) {
          isStopped = true;
          es.close();
          setStatus('closed');
        }
        callbacks.current.onReload?.();
      });
      es.addEventListener('revoked', () => {
        isStopped = true;
        es.close();
        setStatus('closed');
        callbacks.current.onRevoked?.();
      });
      es.onerror = () => {
        if (isStopped) return;
        setStatus('reconnecting');
        if (es.readyState !== EventSource.CLOSED) return; // the browser retries by itself, with Last-Event-ID
        es.close();
        retryTimer = window.setTimeout(open, backoffMs);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      };
    };
    open();

    return () => {
      isStopped = true;
      source?.close();
      window.clearTimeout(flushTimer);
      window.clearTimeout(retryTimer);
    };
  }, [workspace, document, since, throttleMs, isEnabled]);

  return { status };
}
