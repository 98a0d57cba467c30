'use client';
// The heat strip beside the reading page: fetched after the page shows (the map never delays the text), fixed at
// the window's right edge on wide screens; a segment click scrolls the document to its passage (#p-<passageId>).
// It reads only the passages and reviewers of the map, so it asks for no claims and no pairs.
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { callApi } from '@/app/_components/api-client';
import { HeatStrip, type StripPassage } from '../../../_components/heat-strip';
import type { DisagreementMapResponse } from '@/lib/disagreement/types';

export function ReaderHeatStrip({ workspace, document, passages }: { workspace: string; document: string; passages: { id: string; index: number; length: number }[] }) {
  const [map, setMap] = useState<DisagreementMapResponse | null>(null);
  useEffect(() => {
    let isCurrent = true;
    void callApi<DisagreementMapResponse>(`/api/v1/workspaces/${workspace}/documents/${document}/disagreement?claims=0&pairs=0`, { method: 'GET' }).then((result) => {
      if (isCurrent && result.ok) setMap(result.data);
    });
    return () => {
      isCurrent = false;
    };
  }, [workspace, document]);
  if (!map || !map.passages.some((p) => p.annotations > 0)) return null;
  const stats = new Map(map.passages.map((p) => [p.passageId, p]));
  const strip: StripPassage[] = passages.map((p) => {
    const s = stats.get(p.id);
    return { passageId: p.id, index: p.index, heat: s?.heat ?? 0, annotations: s?.annotations ?? 0, reviewers: s?.reviewers ?? 0, weight: Math.max(40, Math.min(1200, p.length)) };
  });
  return (
    <div className="fixed top-20 right-1 bottom-6 z-10 hidden w-6 flex-col items-center gap-1 lg:flex" data-testid="reader-heat-strip">
      <HeatStrip
        passages={strip}
        totalReviewers={map.reviewers.length}
        onSelect={(id) => globalThis.document.getElementById(`p-${id}`)?.scrollIntoView({ block: 'center', behavior: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' })}
        className="min-h-0 w-3 flex-1"
      />
      <Link href={`/w/${workspace}/documents/${document}/map`} className="inline-flex size-6 items-center justify-center text-[10px] leading-none text-blue-700" title="The disagreement map of this document" aria-label="Disagreement map">
        ◆
      </Link>
    </div>
  );
}
