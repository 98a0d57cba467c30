// The `w3c` format: Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) JSON-LD. Each annotation
// targets a SpecificResource whose `source` is the document version's address, with a TextQuoteSelector
// (exact, prefix, suffix) and a TextPositionSelector (start, end) into that version's canonical text. Its
// structured fields travel in a TextualBody whose `purpose` is the annotation's motivation, written in the
// Cruxmap JSON-LD context (`cruxmap:` terms, served at /ns/cruxmap.jsonld); its rationale is a TextualBody
// (text/plain, purpose "commenting") carrying the Tiptap JSON as `cruxmap:tiptap`, so a round trip is lossless.
import type { AnnotationKind } from '../annotations/types';
import {
  annotationIri,
  claimIri,
  cruxmapContextUrl,
  userIri,
  versionUrl,
  visibleValue,
  type ExportContext,
  type ExportRecord,
} from './model';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const LDP_CONTEXT = 'http://www.w3.org/ns/ldp.jsonld';
/** The media type of the W3C format and the protocol's answers. */
export const W3C_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

export const motivationOf: Record<AnnotationKind, 'describing' | 'linking' | 'assessing'> = {
  claim: 'describing',
  evidence: 'linking',
  crux: 'linking',
  probability: 'assessing',
};

/** The Cruxmap JSON-LD context: the terms of the structured body, under the app's own namespace. */
export function cruxmapContext(baseUrl: string) {
  return {
    '@context': {
      '@version': 1.1,
      cruxmap: `${baseUrl}/ns/cruxmap#`,
      'cruxmap:kind': { '@id': 'cruxmap:kind' },
      'cruxmap:claim': { '@id': 'cruxmap:claim', '@type': '@id' },
      'cruxmap:forClaim': { '@id': 'cruxmap:forClaim', '@type': '@id' },
      'cruxmap:statement': { '@id': 'cruxmap:statement' },
      'cruxmap:probability': { '@id': 'cruxmap:probability', '@type': 'http://www.w3.org/2001/XMLSchema#double' },
      'cruxmap:stance': { '@id': 'cruxmap:stance' },
      'cruxmap:strength': { '@id': 'cruxmap:strength', '@type': 'http://www.w3.org/2001/XMLSchema#integer' },
      'cruxmap:evidenceSource': { '@id': 'cruxmap:evidenceSource', '@type': '@id' },
      'cruxmap:direction': { '@id': 'cruxmap:direction' },
      'cruxmap:tiptap': { '@id': 'cruxmap:tiptap', '@type': '@json' },
    },
  };
}

export const w3cContext = (baseUrl: string): [string, string] => [ANNO_CONTEXT, cruxmapContextUrl(baseUrl)];

type ClaimRef = { id: string; 'cruxmap:statement': string };

export type StructuredBody = {
  type: 'TextualBody';
  purpose: 'describing' | 'linking' | 'assessing';
  format: 'text/plain';
  value: string;
  'cruxmap:kind': AnnotationKind;
  'cruxmap:claim'?: ClaimRef;
  'cruxmap:probability'?: number | null;
  'cruxmap:stance'?: 'for' | 'against';
  'cruxmap:strength'?: number;
  'cruxmap:evidenceSource'?: string;
  'cruxmap:forClaim'?: ClaimRef;
  'cruxmap:direction'?: 'more' | 'less';
};

const claimRef = (id: string | null, statement: string | null): ClaimRef | undefined =>
  id === null ? undefined : { id: claimIri(id), 'cruxmap:statement': statement ?? '' };

/** A line a person can read without the Cruxmap context. */
function summary(record: ExportRecord, value: number | null): string {
  const statement = record.claimStatement ?? '';
  switch (record.kind) {
    case 'claim':
      return `Claim: ${statement}`;
    case 'probability':
      return value === null ? `Probability (hidden): ${statement}` : `Probability ${value}: ${statement}`;
    case 'evidence':
      return `Evidence ${record.stance ?? ''} (strength ${record.strength ?? ''}): ${statement}`;
    case 'crux':
      return `Crux: if "${statement}" is true, "${record.forClaimStatement ?? ''}" becomes ${record.direction === 'less' ? 'less' : 'more'} likely`;
  }
}

export function structuredBody(record: ExportRecord, context: ExportContext): StructuredBody {
  const value = visibleValue(record, context);
  const body: StructuredBody = {
    type: 'TextualBody',
    purpose: motivationOf[record.kind],
    format: 'text/plain',
    value: summary(record, value),
    'cruxmap:kind': record.kind,
  };
  const claim = claimRef(record.claimId, record.claimStatement);
  if (claim) body['cruxmap:claim'] = claim;
  if (record.kind === 'probability') body['cruxmap:probability'] = value;
  if (record.kind === 'evidence') {
    if (record.stance) body['cruxmap:stance'] = record.stance;
    if (record.strength !== null) body['cruxmap:strength'] = record.strength;
    if (record.source) body['cruxmap:evidenceSource'] = record.source;
  }
  if (record.kind === 'crux') {
    const forClaim = claimRef(record.forClaimId, record.forClaimStatement);
    if (forClaim) body['cruxmap:forClaim'] = forClaim;
    if (record.direction) body['cruxmap:direction'] = record.direction;
  }
  return body;
}

function creatorOf(record: ExportRecord, context: ExportContext) {
  const { identities } = context;
  if (record.externalCreator) {
    const external = identities.external(record.externalCreator);
    return {
      ...(external.id ? { id: external.id } : {}),
      type: 'Person',
      ...(external.name ? { name: external.name } : {}),
      ...(external.email ? { email: external.email } : {}),
    };
  }
  const person = identities.user(record.authorId, record.authorName, record.authorEmail);
  return {
    id: identities.pseudonymise ? `urn:cruxmap:pseudonym:${person.id}` : userIri(person.id),
    type: 'Person',
    name: person.name,
    ...(person.email ? { email: `mailto:${person.email}` } : {}),
  };
}

/** One annotation in the W3C model; `standalone` adds the @context (items of a page inherit the page's). */
export function w3cAnnotation(record: ExportRecord, context: ExportContext, options: { standalone?: boolean } = {}) {
  const body: object[] = [structuredBody(record, context)];
  if (record.rationaleText) {
    body.push({ type: 'TextualBody', purpose: 'commenting', format: 'text/plain', value: record.rationaleText, 'cruxmap:tiptap': record.rationale });
  }
  const quote: Record<string, string> = { type: 'TextQuoteSelector', exact: record.exact };
  if (record.prefix !== '') quote.prefix = record.prefix;
  if (record.suffix !== '') quote.suffix = record.suffix;
  return {
    ...(options.standalone === false ? {} : { '@context': w3cContext(context.baseUrl) }),
    id: annotationIri(context, record.id),
    type: 'Annotation',
    motivation: motivationOf[record.kind],
    created: record.createdAt,
    modified: record.updatedAt,
    creator: creatorOf(record, context),
    ...(record.externalId && /^[a-z][a-z0-9+.-]*:/i.test(record.externalId) ? { via: record.externalId } : {}),
    body,
    target: {
      type: 'SpecificResource',
      source: versionUrl(context, record.documentSlug, record.versionNumber),
      // code points, as the model counts characters (the app's own offsets are UTF-16 code units)
      selector: [quote, { type: 'TextPositionSelector', start: context.positions.toCodePoints(record.versionId, record.start), end: context.positions.toCodePoints(record.versionId, record.end) }],
    },
  };
}

/** A reply's IRI: a fragment of the annotation it belongs to (replies have no address of their own). */
export const replyIri = (context: Pick<ExportContext, 'baseUrl' | 'workspaceSlug'>, annotationId: string, replyId: string): string =>
  `${annotationIri(context, annotationId)}#reply-${encodeURIComponent(replyId)}`;

/**
 * A reply as a W3C annotation with motivation `replying` whose target is what it answers: the annotation, or the
 * reply it answers in the thread. The body is its text, with the Tiptap JSON as `cruxmap:tiptap`.
 */
export function w3cReply(record: ExportRecord, reply: ExportRecord['replies'][number], context: ExportContext) {
  const person = context.identities.user(reply.authorId, reply.authorName, reply.authorEmail);
  return {
    id: replyIri(context, record.id, reply.id),
    type: 'Annotation',
    motivation: 'replying',
    created: reply.createdAt,
    modified: reply.updatedAt,
    creator: {
      id: context.identities.pseudonymise ? `urn:cruxmap:pseudonym:${person.id}` : userIri(person.id),
      type: 'Person',
      name: person.name,
      ...(person.email ? { email: `mailto:${person.email}` } : {}),
    },
    body: { type: 'TextualBody', purpose: 'replying', format: 'text/plain', value: reply.text, ...(reply.body ? { 'cruxmap:tiptap': reply.body } : {}) },
    target: reply.parentId ? replyIri(context, record.id, reply.parentId) : annotationIri(context, record.id),
  };
}

/**
 * The export file's frame: an AnnotationCollection whose first (and only) page embeds every annotation. The
 * items are streamed between `head` and `tail`, separated by commas.
 */
export function collectionFrame(options: { id: string; label: string; total: number; generated: string; baseUrl: string }) {
  const collection = {
    '@context': w3cContext(options.baseUrl),
    id: options.id,
    type: 'AnnotationCollection',
    label: options.label,
    total: options.total,
    generated: options.generated,
    generator: { id: options.baseUrl, type: 'Software', name: 'Cruxmap' },
    first: { id: `${options.id}#page-0`, type: 'AnnotationPage', startIndex: 0, items: [] as unknown[] },
  };
  const json = JSON.stringify(collection, null, 0);
  const marker = '"items":[]';
  const at = json.lastIndexOf(marker);
  return { head: `${json.slice(0, at)}"items":[\n`, separator: ',\n', tail: `\n]${json.slice(at + marker.length)}\n` };
}
