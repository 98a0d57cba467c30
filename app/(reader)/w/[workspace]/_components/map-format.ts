// Small formatting helpers shared by the map views.
import type { MapClaimView } from '@/lib/disagreement/types';

export const percent = (p: number | null | undefined): string => (p === null || p === undefined ? '–' : `${Math.round(p * 100)}%`);
export const fixed = (x: number | null | undefined, digits = 2): string => (x === null || x === undefined ? '–' : x.toFixed(digits));

export const claimLabel = (claim: Pick<MapClaimView, 'statement' | 'claimId'> | undefined): string =>
  claim?.statement?.trim() || `Claim ${claim?.claimId.slice(0, 8) ?? '?'}`;

/** A statement cut to at most `max` characters at a word, with an ellipsis when cut (the full one goes in a title). */
export function shortLabel(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.5 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A claim's own page. */
export const claimHref = (workspaceSlug: string, claimId: string): string => `/w/${workspaceSlug}/claims/${claimId}`;

/** The claim in the reader: its first passage's anchor (`#p-<passageId>`), else the top of the document. */
export function readerHref(base: string, claim: Pick<MapClaimView, 'passageIds'> | undefined): string {
  const first = claim?.passageIds[0];
  return first ? `${base}#p-${first}` : base;
}

export const groupName = (index: number): string => `Group ${String.fromCharCode(65 + index)}`;

/** Observable 10 — Plot's default categorical palette, distinguishable under the common colour-vision deficiencies. */
export const GROUP_COLOURS = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];
export const groupColour = (index: number | null): string => (index === null ? '#a8a29e' : (GROUP_COLOURS[index % GROUP_COLOURS.length] as string));
