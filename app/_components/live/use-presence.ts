'use client';
// Presence on a document: a heartbeat (PUT …/presence) every PRESENCE_HEARTBEAT_MS and whenever the passage in
// view changes, a goodbye (DELETE, keepalive) when the page goes away, and the readers now: the heartbeat's
// answer, read again when a presence signal arrives. The server leaves out expired readers, so one whose tab closed
// without a goodbye is gone from the next answer (within PRESENCE_TTL_MS + PRESENCE_HEARTBEAT_MS, under 30 s),
// whatever this browser's clock says.
import { useCallback, useEffect, useRef, useState } from 'react';
import { callApi } from '@/app/_components/api-client';
import { PRESENCE_HEARTBEAT_MS, type PresenceDto } from '@/lib/realtime/schemas';

export function usePresence({
  workspace,
  document,
  passageId,
  isEnabled = true,
}: {
  workspace: string;
  document: string;
  /** the passage the reader is looking at */
  passageId: string | null;
  isEnabled?: boolean;
}): { readers: PresenceDto[]; refresh: () => void } {
  const [readers, setReaders] = useState<PresenceDto[]>([]);
  const path = `/api/v1/workspaces/${encodeURIComponent(workspace)}/presence`;
  const latestPassage = useRef(passageId);
  /** the page is going away: no heartbeat may follow the goodbye */
  const isLeaving = useRef(false);

  const beat = useCallback(async () => {
    if (!isEnabled || isLeaving.current || window.document.visibilityState === 'hidden') return;
    const result = await callApi<{ items: PresenceDto[] }>(path, { method: 'PUT', body: { document, passageId: latestPassage.current } });
    if (result.ok) {
      setReaders(result.data.items);
    }
  }, [isEnabled, path, document]);

  const refresh = useCallback(() => {
    if (!isEnabled) return;
    void callApi<{ items: PresenceDto[] }>(`${path}?document=${encodeURIComponent(document)}`, { method: 'GET' }).then((result) => {
      if (result.ok) {
        setReaders(result.data.items);
      }
    });
  }, [isEnabled, path, document]);

  // the passage changed: say so soon (a scroll burst sends one heartbeat)
  useEffect(() => {
    latestPassage.current = passageId;
    const timer = window.setTimeout(() => void beat(), 400);
    return () => window.clearTimeout(timer);
  }, [passageId, beat]);

  useEffect(() => {
    if (!isEnabled) return;
    isLeaving.current = false;
    const timer = window.setInterval(() => void beat(), PRESENCE_HEARTBEAT_MS);
    const leave = () => {
      isLeaving.current = true;
      void fetch(`${path}?document=${encodeURIComponent(document)}`, { method: 'DELETE', keepalive: true, credentials: 'same-origin' }).catch(() => undefined);
    };
    // a hidden tab stops its heartbeat (and expires); visible again, it says so at once
    const onVisibility = () => {
      if (window.document.visibilityState === 'visible') void beat();
    };
    // back from the back/forward cache: present again
    const onShow = () => {
      isLeaving.current = false;
      void beat();
    };
    window.addEventListener('pageshow', onShow);
    window.addEventListener('pagehide', leave);
    window.document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      window.removeEventListener('pageshow', onShow);
      window.document.removeEventListener('visibilitychange', onVisibility);
      leave();
    };
  }, [isEnabled, path, document, beat]);

  return { readers, refresh };
}
