// The reading page's annotation layer as the server page hands it to the client, and the helpers that keep the
// spans in step with the annotations the API returns. The layer travels as one JSON string: React serializes and
// parses an object prop value by value in JavaScript, which for 5 000 spans costs tens of milliseconds of server
// time, while a string passes through whole and JSON.parse is native. Inside it, spans are flat numbers (kinds,
// authors and claims by index, only the fields a kind has) and claims are tuples: every byte of it is in the
// served HTML (and compressed there), so it is kept to a few hundred KB. Pure, used on both sides.
import {
  type AnnotationDto,
  type ClaimDto,
  type ClaimSummary,
  type EvidenceStance,
  type HighlightSpan,
  type ReaderLayer,
  type UserRef,
} from '@/lib/annotations/types';

/** The margin shows cards a page at a time; the server brings the first page in full, the rest are fetched by id. */
export const CARD_PAGE = 20;

/** The layer as JSON (of a `Wire`). */
export type PackedLayer = string;

const NONE = -1;

/** A span's first number: its kind, with the stance for evidence. */
const codes: readonly (readonly [HighlightSpan['kind'], EvidenceStance | null])[] = [
  ['claim', null],
  ['evidence', 'for'],
  ['evidence', 'against'],
  ['crux', null],
  ['probability', null],
  ['evidence', null],
];
const codeOf = (s: HighlightSpan): number => {
  const code = codes.findIndex(([kind, stance]) => kind === s.kind && stance === (s.kind === 'evidence' ? s.stance : null));
  return code >= 0 ? code : 0;
};

type Wire = {
  /** the spans' ids, space-separated, in span order */
  ids: string;
  /**
   * Per span, in order: code (kind and stance), start (after the previous span's), length, author, claim; then
   * for a crux the claim it bears on, for a probability its value. NONE for none.
   */
  spans: number[];
  authors: UserRef[];
  /** [id, statement, values, myCredence (NONE: none), credencesHidden (1 or 0)]; then claims the spans name only */
  claims: [string, string, number[], number, number][];
  moreClaimIds: string[];
  cards: AnnotationDto[];
  orphans: AnnotationDto[];
};

export function packLayer(layer: ReaderLayer): PackedLayer {
  const authors = [...layer.authors];
  const authorIndex = new Map(authors.map((a, i) => [a.id, i]));
  const claimIndex = new Map(layer.claims.map((c, i) => [c.id, i]));
  const moreClaimIds: string[] = [];
  const indexOfAuthor = (id: string): number => {
    let i = authorIndex.get(id);
    if (i === undefined) {
      i = authors.push({ id, name: 'Someone' }) - 1;
      authorIndex.set(id, i);
    }
    return i;
  };
  const indexOfClaim = (id: string | null): number => {
    if (id === null) return NONE;
    let i = claimIndex.get(id);
    if (i === undefined) {
      i = layer.claims.length + moreClaimIds.push(id) - 1;
      claimIndex.set(id, i);
    }
    return i;
  };
  const spans: number[] = [];
  let previousStart = 0;
  for (const s of layer.spans) {
    spans.push(codeOf(s), s.start - previousStart, s.end - s.start, indexOfAuthor(s.authorId), indexOfClaim(s.claimId));
    if (s.kind === 'crux') spans.push(indexOfClaim(s.forClaimId));
    if (s.kind === 'probability') spans.push(s.value ?? NONE);
    previousStart = s.start;
  }
  const wire: Wire = {
    ids: layer.spans.map((s) => s.id).join(' '),
    spans,
    authors,
    claims: layer.claims.map((c) => [c.id, c.statement, c.values, c.myCredence ?? NONE, c.credencesHidden ? 1 : 0]),
    moreClaimIds,
    cards: layer.cards,
    orphans: layer.orphans,
  };
  return JSON.stringify(wire);
}

export function unpackLayer(packed: PackedLayer): ReaderLayer {
  const wire = JSON.parse(packed) as Wire;
  const ids = wire.ids === '' ? [] : wire.ids.split(' ');
  const claimIds = [...wire.claims.map((c) => c[0]), ...wire.moreClaimIds];
  const n = wire.spans;
  const claimAt = (index: number): string | null => (index === NONE ? null : (claimIds[index] ?? null));
  const spans = new Array<HighlightSpan>(ids.length);
  let start = 0;
  for (let i = 0, at = 0; i < ids.length; i++) {
    const [kind, stance]: readonly [HighlightSpan['kind'], EvidenceStance | null] = codes[n[at] as number] ?? ['claim', null];
    start += n[at + 1] as number;
    const end = start + (n[at + 2] as number);
    const authorId = wire.authors[n[at + 3] as number]?.id ?? '';
    const claimId = claimAt(n[at + 4] as number);
    at += 5;
    const forClaimId = kind === 'crux' ? claimAt(n[at++] as number) : null;
    const value = kind === 'probability' ? (n[at++] as number) : NONE;
    spans[i] = { id: ids[i] as string, kind, start, end, authorId, claimId, forClaimId, stance, value: value === NONE ? null : value };
  }
  return {
    spans,
    cards: wire.cards,
    orphans: wire.orphans,
    authors: wire.authors,
    claims: wire.claims.map(([id, statement, values, mine, hidden]) => ({
      id,
      statement,
      values,
      myCredence: mine === NONE ? null : mine,
      credencesHidden: hidden === 1,
    })),
  };
}

/** An annotation's span, or null when it has no text on the current version (an orphan) or is deleted. */
export function spanOf(a: AnnotationDto): HighlightSpan | null {
  const { start, end } = a.anchor;
  if (a.deleted || a.anchor.status === 'orphan' || start === null || end === null || end <= start) return null;
  return {
    id: a.id,
    kind: a.kind,
    start,
    end,
    authorId: a.author.id,
    claimId: a.claimId,
    forClaimId: a.crux?.forClaimId ?? null,
    stance: a.evidence?.stance ?? null,
    value: a.probability?.value ?? null,
  };
}

const sameSpan = (a: HighlightSpan, b: HighlightSpan): boolean =>
  a.kind === b.kind &&
  a.start === b.start &&
  a.end === b.end &&
  a.authorId === b.authorId &&
  a.claimId === b.claimId &&
  a.forClaimId === b.forClaimId &&
  a.stance === b.stance &&
  a.value === b.value;

/**
 * The spans with `span` in its place (ordered by start, then creation): an unchanged span keeps the same list, one
 * whose start did not move keeps its position, a new one goes after the others starting where it does.
 */
export function withSpan(spans: readonly HighlightSpan[], span: HighlightSpan): readonly HighlightSpan[] {
  const at = spans.findIndex((s) => s.id === span.id);
  const current = spans[at];
  if (current && sameSpan(current, span)) return spans;
  if (current && current.start === span.start) return spans.with(at, span);
  const rest = at >= 0 ? spans.filter((s) => s.id !== span.id) : spans;
  let lo = 0;
  let hi = rest.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((rest[mid] as HighlightSpan).start <= span.start) lo = mid + 1;
    else hi = mid;
  }
  return [...rest.slice(0, lo), span, ...rest.slice(lo)];
}

export function withoutSpan(spans: readonly HighlightSpan[], id: string): readonly HighlightSpan[] {
  return spans.some((s) => s.id === id) ? spans.filter((s) => s.id !== id) : spans;
}

export const claimSummaryOf = (claim: ClaimDto): ClaimSummary => ({
  id: claim.id,
  statement: claim.statement,
  values: claim.credences.map((c) => c.value),
  myCredence: claim.myCredence,
  credencesHidden: claim.credencesHidden ?? false,
});
