'use client';
// The reading page's annotation layer in the browser: spans, orphans, full cards, claims and authors, started from
// the server's packed layer, filled in by id for the margin, and kept in step with the annotations the API returns.
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { AnnotationDto, ClaimRef, ClaimSummary, HighlightSpan, UserRef } from '@/lib/annotations/types';
import { callApi } from '@/app/_components/api-client';
import { IDS_PER_REQUEST, loadAnnotationsById, loadClaimSummaries, type ReaderPaths } from './reader-api';
import { spanOf, unpackLayer, withoutSpan, withSpan, type PackedLayer } from './reader-layer';

type LayerNow = { spans: readonly HighlightSpan[]; indexOf: ReadonlyMap<string, number>; cards: ReadonlyMap<string, AnnotationDto> };

/** The layer as it is now, for handlers that read it without being made again. */
export type LatestLayer = RefObject<LayerNow>;

/** The claims whose summary (values, statement) an annotation's change may have changed. */
export const claimsTouchedBy = (a: AnnotationDto, created: readonly string[] = []): string[] => [
  ...created,
  ...((a.kind === 'claim' || a.kind === 'probability') && a.claimId ? [a.claimId] : []),
];

/** The claims with these named (new ones added, edited statements followed; values stay until read again). */
function withClaimRefs(list: readonly ClaimSummary[], refs: readonly (ClaimRef | null | undefined)[]): readonly ClaimSummary[] {
  let next = list;
  for (const ref of refs) {
    if (!ref) continue;
    const at = next.findIndex((c) => c.id === ref.id);
    const current = next[at];
    if (!current) next = [...next, { id: ref.id, statement: ref.statement, values: [], myCredence: null }];
    else if (current.statement !== ref.statement) next = next.with(at, { ...current, statement: ref.statement });
  }
  return next;
}

function withClaims(list: readonly ClaimSummary[], fresh: readonly ClaimSummary[]): readonly ClaimSummary[] {
  if (fresh.length === 0) return list;
  const byId = new Map(fresh.map((c) => [c.id, c]));
  const known = new Set(list.map((c) => c.id));
  return [...list.map((c) => byId.get(c.id) ?? c), ...fresh.filter((c) => !known.has(c.id))];
}

export function useAnnotationLayer({ layer, paths, isHydrated }: { layer: PackedLayer; paths: ReaderPaths; isHydrated: boolean }) {
  const [initial] = useState(() => unpackLayer(layer));
  const [spans, setSpans] = useState<readonly HighlightSpan[]>(initial.spans);
  const [orphanList, setOrphanList] = useState<readonly AnnotationDto[]>(initial.orphans);
  const [cards, setCards] = useState<ReadonlyMap<string, AnnotationDto>>(() => new Map([...initial.cards, ...initial.orphans].map((a) => [a.id, a])));
  const [unavailable, setUnavailable] = useState<ReadonlySet<string>>(() => new Set());
  const [claimList, setClaimList] = useState<readonly ClaimSummary[]>(initial.claims);
  const [authorList, setAuthorList] = useState<readonly UserRef[]>(() => {
    const known = new Set(initial.authors.map((a) => a.id));
    return [...initial.authors, ...initial.orphans.map((a) => a.author).filter((a) => !known.has(a.id) && known.add(a.id))];
  });
  const [loadError, setLoadError] = useState<string | null>(null);
  /** ids asked of `GET annotations?ids=` (on their way or answered): never asked twice, unless the asking failed */
  const requested = useRef(new Set<string>());

  const claims = useMemo(() => new Map(claimList.map((c) => [c.id, c])), [claimList]);
  const authors = useMemo(() => new Map(authorList.map((a) => [a.id, a])), [authorList]);
  // for the handlers only: not made on the server
  const indexOf = useMemo(() => (isHydrated ? new Map(spans.map((s, i) => [s.id, i])) : new Map<string, number>()), [isHydrated, spans]);
  // Handlers read the latest of these without being made again (which would render the whole text again).
  const latest = useRef<LayerNow>({ spans, indexOf, cards });
  useEffect(() => {
    latest.current = { spans, indexOf, cards };
  }, [spans, indexOf, cards]);

  /** Full annotations for the margin, by id: those neither loaded nor asked for, IDS_PER_REQUEST at a time. */
  const loadCards = useCallback(
    async (ids: readonly string[]) => {
      const wanted = ids.filter((id) => !latest.current.cards.has(id) && !requested.current.has(id));
      for (const id of wanted) requested.current.add(id);
      const batches = Array.from({ length: Math.ceil(wanted.length / IDS_PER_REQUEST) }, (_, i) =>
        wanted.slice(i * IDS_PER_REQUEST, (i + 1) * IDS_PER_REQUEST),
      );
      await Promise.all(
        batches.map(async (batch) => {
          const result = await loadAnnotationsById(paths, batch);
          if (!result.ok) {
            // asked again when the window next changes
            for (const id of batch) requested.current.delete(id);
            setLoadError(`Could not load the annotations: ${result.error.message}`);
            return;
          }
          const asked = new Set(batch);
          const found = result.items.filter((a) => asked.has(a.id));
          setCards((map) => {
            const next = new Map(map);
            // one applied meanwhile (after a change) is the newer
            for (const a of found) if (!next.has(a.id)) next.set(a.id, a);
            return next;
          });
          const got = new Set(found.map((a) => a.id));
          const gone = batch.filter((id) => !got.has(id));
          if (gone.length > 0) setUnavailable((set) => new Set([...set, ...gone]));
        }),
      );
    },
    [paths],
  );

  const needCards = useCallback((ids: readonly string[]) => void loadCards(ids), [loadCards]);

  /** An annotation as the API returned it: its span, its card, the orphans, and the names it brings along. */
  const applyAnnotation = useCallback((a: AnnotationDto) => {
    const span = spanOf(a);
    const isOrphan = !a.deleted && span === null;
    setSpans((list) => (span ? withSpan(list, span) : withoutSpan(list, a.id)));
    setOrphanList((list) => {
      const at = list.findIndex((o) => o.id === a.id);
      if (isOrphan) return at >= 0 ? list.with(at, a) : [...list, a];
      return at >= 0 ? list.filter((o) => o.id !== a.id) : list;
    });
    setCards((map) => {
      const next = new Map(map);
      if (a.deleted) next.delete(a.id);
      else next.set(a.id, a);
      return next;
    });
    setUnavailable((set) => (set.has(a.id) ? new Set([...set].filter((id) => id !== a.id)) : set));
    setAuthorList((list) => (list.some((u) => u.id === a.author.id) ? list : [...list, a.author]));
    setClaimList((list) => withClaimRefs(list, [a.claim, a.crux?.forClaim]));
  }, []);

  /** Claim summaries read again: they replace the ones held, new ones are added. */
  const applyClaims = useCallback((fresh: readonly ClaimSummary[]) => setClaimList((list) => withClaims(list, fresh)), []);

  /** After a change: the claims it touched are read again first, so its card and the charts change together. */
  const applyChange = useCallback(
    async (a: AnnotationDto, createdClaimIds: readonly string[] = []) => {
      const touched = [...new Set(claimsTouchedBy(a, createdClaimIds))];
      const fresh = touched.length > 0 ? await loadClaimSummaries(paths, touched) : [];
      applyAnnotation(a);
      applyClaims(fresh);
    },
    [paths, applyAnnotation, applyClaims],
  );

  const reloadAnnotation = useCallback(
    async (id: string) => {
      const result = await callApi<AnnotationDto>(paths.annotation(id), { method: 'GET' });
      if (!result.ok) {
        setLoadError(`Could not reload the annotation: ${result.message}`);
        return;
      }
      setLoadError(null);
      applyAnnotation(result.data);
    },
    [paths, applyAnnotation],
  );

  /** An annotation gone (deleted elsewhere, hidden, or no longer visible to this reader). */
  const removeAnnotation = useCallback((id: string) => {
    setSpans((list) => withoutSpan(list, id));
    setOrphanList((list) => (list.some((o) => o.id === id) ? list.filter((o) => o.id !== id) : list));
    setCards((map) => {
      if (!map.has(id)) return map;
      const next = new Map(map);
      next.delete(id);
      return next;
    });
  }, []);

  return {
    spans,
    orphanList,
    cards,
    unavailable,
    claimList,
    claims,
    authors,
    indexOf,
    latest,
    loadError,
    setLoadError,
    loadCards,
    needCards,
    applyAnnotation,
    applyClaims,
    applyChange,
    reloadAnnotation,
    removeAnnotation,
  };
}
