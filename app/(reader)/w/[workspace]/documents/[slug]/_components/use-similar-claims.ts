'use client';
// The workspace's claims most like a text (`GET …/claims?similar=`), across its documents: asked a moment after the
// typing stops, answers for an older text dropped, the last few answers remembered.
import { useEffect, useRef, useState } from 'react';
import { callApi } from '@/app/_components/api-client';
import { SIMILAR_MAX } from '@/lib/annotations/limits';
import type { SimilarClaimDto } from '@/lib/annotations/types';

const DEBOUNCE_MS = 250;
const REMEMBERED = 20;

export type SimilarClaims = { text: string; items: SimilarClaimDto[]; isLoading: boolean };

/** `text` empty, or `isActive` false: nothing is asked. Text over SIMILAR_MAX is compared by its first part. */
export function useSimilarClaims({ path, text, isActive, limit = 8 }: { path: string | null; text: string; isActive: boolean; limit?: number }): SimilarClaims {
  const needle = text.replace(/\s+/g, ' ').trim().slice(0, SIMILAR_MAX).trim();
  const cache = useRef(new Map<string, SimilarClaimDto[]>());
  const [answer, setAnswer] = useState<{ text: string; items: SimilarClaimDto[] }>({ text: '', items: [] });
  const key = `${limit}:${needle}`;
  const cached = cache.current.get(key);

  useEffect(() => {
    if (!path || !isActive || needle === '' || cache.current.has(key)) return;
    let isCurrent = true;
    const timer = setTimeout(() => {
      void callApi<{ items: SimilarClaimDto[] }>(`${path}?similar=${encodeURIComponent(needle)}&limit=${limit}`, { method: 'GET' }).then((result) => {
        if (!result.ok) return;
        const remembered = cache.current;
        remembered.set(key, result.data.items);
        if (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value as string);
        if (isCurrent) setAnswer({ text: needle, items: result.data.items });
      });
    }, DEBOUNCE_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [path, isActive, needle, key, limit]);

  if (needle === '' || !path) return { text: needle, items: [], isLoading: false };
  if (cached) return { text: needle, items: cached, isLoading: false };
  // while the new answer is on its way, the last one stays (the list does not flicker empty)
  return { text: needle, items: answer.items, isLoading: isActive };
}
