'use client';
// A document's heat strip on the workspace map: a segment click opens the passage in the reader.
import { useRouter } from 'next/navigation';
import { HeatStrip, type StripPassage } from '../../_components/heat-strip';

export function DocumentHeat({ readerBase, heat, totalReviewers }: { readerBase: string; heat: [string, number, number, number][]; totalReviewers: number }) {
  const router = useRouter();
  const passages: StripPassage[] = heat.map(([passageId, h, annotations, reviewers], index) => ({ passageId, index, heat: h, annotations, reviewers, weight: 1 }));
  return <HeatStrip passages={passages} totalReviewers={totalReviewers} orientation="horizontal" onSelect={(id) => router.push(`${readerBase}#p-${id}`)} />;
}
