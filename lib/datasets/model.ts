// What every dataset format is made from: one annotation as the export query reads it (`ExportRecord`), the
// export's context (who asked, how identities are shown), and stable per-export pseudonyms. Pure: no database.
import { createHmac, randomBytes } from 'node:crypto';
import type { ClaimHistory } from './claim-history';
import type { RichTextDoc } from '../richtext/types';
import type { AnnotationKind } from '../annotations/types';

/** The version of the JSONL/CSV record layout; bumped when a field changes meaning or disappears. */
export const DATASET_SCHEMA_VERSION = '1.1';

export const exportFormats = ['jsonl', 'csv', 'w3c', 'credences', 'credence-claims'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export type ExportFilters = {
  /** document slugs or ids; empty: every document */
  documents: string[];
  kinds: AnnotationKind[];
  /** author user ids; empty: everyone */
  authors: string[];
  /** created at or after (inclusive) */
  from: Date | null;
  /** created before (exclusive) */
  to: Date | null;
  pseudonymise: boolean;
};

export type ReplyRecord = {
  id: string;
  parentId: string | null;
  authorId: string;
  authorName: string;
  authorEmail: string | null;
  text: string;
  body: RichTextDoc | null;
  createdAt: string;
  updatedAt: string;
  /** hidden by a moderator: listed to everyone, its text ('' / null) only to owners and its author */
  hidden: boolean;
  /** deleted: kept, empty, while a live reply answers it (as the thread view keeps it) */
  deleted: boolean;
  /** live and readable by this viewer: what W3C exports write and `reply_count` counts */
  listed: boolean;
};

export type RevisionRecord = { value: number; at: string };
/** A revision as exported: with the round of review it was given in. */
export type RoundedRevision = RevisionRecord & { round: number };

/** The creator an imported annotation came with (kept so a round trip gives the same creator back). */
export type ExternalCreator = { id?: string; name?: string; email?: string };

/** One annotation as the export query reads it (timestamps already ISO 8601 in UTC). */
export type ExportRecord = {
  id: string;
  workspaceId: string;
  documentId: string;
  documentSlug: string;
  documentTitle: string;
  versionId: string;
  versionNumber: number;
  kind: AnnotationKind;
  claimId: string | null;
  claimStatement: string | null;
  forClaimId: string | null;
  forClaimStatement: string | null;
  stance: 'for' | 'against' | null;
  strength: number | null;
  source: string | null;
  direction: 'more' | 'less' | null;
  value: number | null;
  rationale: RichTextDoc | null;
  rationaleText: string | null;
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  anchorStatus: 'anchored' | 'reanchored' | 'orphan';
  anchoredVersionId: string | null;
  anchoredStart: number | null;
  anchoredEnd: number | null;
  authorId: string;
  authorName: string;
  authorEmail: string | null;
  externalCreator: ExternalCreator | null;
  externalSource: string | null;
  externalId: string | null;
  resolved: boolean;
  hidden: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** probability: every value the author gave the claim, oldest first (null for other kinds) */
  revisions: RevisionRecord[] | null;
  replies: ReplyRecord[];
};

/** The passages of the anchored version that the annotation covers (ids and texts), filled in by the exporter. */
export type PassageRecord = { id: string; text: string };

export type Person = { id: string; name: string; email: string | null };

/**
 * How identities appear in one export. Pseudonyms are HMACs of the user id under a key made for this export:
 * the same person has the same pseudonym throughout one export and an unlinkable one in the next.
 */
export class Identities {
  private readonly key: Buffer;
  private readonly cache = new Map<string, string>();

  constructor(
    readonly pseudonymise: boolean,
    /** emails are shown to owners (and the operator's CLI) only, and never in a pseudonymised export */
    readonly includeEmails: boolean,
    key: Buffer = randomBytes(32),
  ) {
    this.key = key;
  }

  pseudonym(subject: string): string {
    let name = this.cache.get(subject);
    if (name === undefined) {
      name = `reviewer-${createHmac('sha256', this.key).update(subject).digest('hex').slice(0, 12)}`;
      this.cache.set(subject, name);
    }
    return name;
  }

  /** A Cruxmap user as this export shows them. */
  user(id: string, name: string, email: string | null): Person {
    if (this.pseudonymise) {
      const pseudonym = this.pseudonym(`user:${id}`);
      return { id: pseudonym, name: pseudonym, email: null };
    }
    return { id, name, email: this.includeEmails ? email : null };
  }

  /** The creator an imported annotation came with, pseudonymised like a user. */
  external(creator: ExternalCreator): ExternalCreator {
    if (!this.pseudonymise) {
      const { email, ...rest } = creator;
      return this.includeEmails && email ? { ...rest, email } : rest;
    }
    const pseudonym = this.pseudonym(`external:${creator.id ?? creator.name ?? ''}`);
    return { id: `urn:cruxmap:pseudonym:${pseudonym}`, name: pseudonym };
  }
}

/** Offsets in W3C's unit (lib/datasets/version-offsets.ts): a UTF-16 offset into a version's text in code points. */
export interface PositionUnits {
  /** reads what `toCodePoints` needs for these versions (call before formatting their annotations) */
  load(versionIds: Iterable<string>): Promise<void>;
  toCodePoints(versionId: string, utf16: number): number;
}

/** Everything a formatter needs besides the record. */
export type ExportContext = {
  /** the app's public address, no trailing slash (builds document-version and annotation IRIs) */
  baseUrl: string;
  workspaceSlug: string;
  identities: Identities;
  /** blind review: claims whose other reviewers' probability values this viewer may not see */
  hiddenClaims: ReadonlySet<string>;
  /** the viewer's own user id (their own values are never hidden); null for the operator's CLI */
  viewerId: string | null;
  /** W3C selectors count code points: each version's offsets converted (load a batch's versions first) */
  positions: PositionUnits;
  /** claims merged into each claim, and the round each credence value belongs to */
  claims: ClaimHistory;
};

/** The probability value the viewer may see: null for another reviewer's rating of a claim blind review hides. */
export function visibleValue(record: ExportRecord, context: ExportContext): number | null {
  if (record.value === null || record.claimId === null) return record.value;
  if (record.authorId !== context.viewerId && context.hiddenClaims.has(record.claimId)) return null;
  return record.value;
}

export function visibleRevisions(record: ExportRecord, context: ExportContext): RevisionRecord[] | null {
  if (record.revisions === null || record.claimId === null) return record.revisions;
  if (record.authorId !== context.viewerId && context.hiddenClaims.has(record.claimId)) return [];
  return record.revisions;
}

/** The revisions the viewer may see, each with its round; null for an annotation that is not a rating of ours. */
export function roundedRevisions(record: ExportRecord, context: ExportContext): RoundedRevision[] | null {
  const revisions = visibleRevisions(record, context);
  if (revisions === null || record.claimId === null) return revisions === null ? null : [];
  const claimId = record.claimId;
  return revisions.map((r) => ({ value: r.value, at: r.at, round: context.claims.roundAt(claimId, r.at) }));
}

/** The document version's address: its reading page at that version. */
export function versionUrl(context: Pick<ExportContext, 'baseUrl' | 'workspaceSlug'>, documentSlug: string, versionNumber: number): string {
  return `${context.baseUrl}/w/${encodeURIComponent(context.workspaceSlug)}/documents/${encodeURIComponent(documentSlug)}?version=${versionNumber}`;
}

/** An annotation's IRI: where the W3C protocol side serves it. */
export function annotationIri(context: Pick<ExportContext, 'baseUrl' | 'workspaceSlug'>, id: string): string {
  return `${context.baseUrl}/api/v1/workspaces/${encodeURIComponent(context.workspaceSlug)}/w3c/annotations/${encodeURIComponent(id)}`;
}

export const claimIri = (id: string): string => `urn:cruxmap:claim:${id}`;
export const userIri = (id: string): string => `urn:cruxmap:user:${id}`;

/** The Cruxmap JSON-LD context's address. */
export const cruxmapContextUrl = (baseUrl: string): string => `${baseUrl}/ns/cruxmap.jsonld`;
