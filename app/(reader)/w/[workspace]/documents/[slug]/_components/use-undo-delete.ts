'use client';
// Undo for the reader's last deleted annotation: a toast offers it for UNDO_MS, and undoing restores the annotation through
// the API, puts it back in the layer and focuses its card.
import { useCallback, useEffect, useState } from 'react';
import type { AnnotationDto } from '@/lib/annotations/types';
import { callApi } from '@/app/_components/api-client';
import type { FocusRequest } from './annotation-card';
import type { ReaderPaths } from './reader-api';

export const UNDO_MS = 10_000;

export function useUndoDelete({
  paths,
  applyChange,
  requestFocus,
  setLoadError,
}: {
  paths: ReaderPaths;
  applyChange: (a: AnnotationDto) => Promise<void>;
  requestFocus: (id: string, intent: FocusRequest['intent']) => void;
  setLoadError: (message: string | null) => void;
}) {
  const [lastDeleted, setLastDeleted] = useState<AnnotationDto | null>(null);

  useEffect(() => {
    if (!lastDeleted) return;
    const timer = setTimeout(() => setLastDeleted(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [lastDeleted]);

  const undoDelete = useCallback(async () => {
    if (!lastDeleted) return;
    const result = await callApi<AnnotationDto>(`${paths.annotation(lastDeleted.id)}/restore`, { method: 'POST' });
    if (!result.ok) {
      setLoadError(`Could not restore: ${result.message}`);
      return;
    }
    setLastDeleted(null);
    await applyChange(result.data);
    requestFocus(result.data.id, 'focus');
  }, [lastDeleted, paths, applyChange, requestFocus, setLoadError]);

  return { lastDeleted, setLastDeleted, undoDelete };
}
