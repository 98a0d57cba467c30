// The read side of the W3C Web Annotation Protocol (https://www.w3.org/TR/annotation-protocol/): a workspace's
// annotations as an LDP Basic Container that is also an AnnotationCollection, paged into AnnotationPages. The
// `Prefer` header chooses the representation (RFC 7240; protocol §4.2): PreferMinimalContainer (links to the first
// and last pages only), PreferContainedIRIs (pages list annotation IRIs, `iris=1`) or PreferContainedDescriptions
// (pages embed the annotations, `iris=0`, the default). Answers carry the protocol's headers: the JSON-LD media
// type with the anno profile, Link (type, constrainedBy), Allow, Vary and an ETag from the workspace's change feed.
import { createHash } from 'node:crypto';
import type { WorkspaceContext } from '../context/context';
import { AppError } from '../errors';
import { annotationIri, cruxmapContextUrl } from './model';
import { loadExportContext } from './export-context';
import { resolveScope } from './export-scope';
import type { ExportFilters } from './model';
import { ANNO_CONTEXT, LDP_CONTEXT, w3cAnnotation, W3C_CONTENT_TYPE } from './w3c';
import { containerState, readAnnotationPage, readAnnotationRecord } from './w3c-container-queries';

export const PAGE_SIZE = 100;

const LDP = 'http://www.w3.org/ns/ldp#';
const OA = 'http://www.w3.org/ns/oa#';
export const PREFER_MINIMAL = `${LDP}PreferMinimalContainer`;
export const PREFER_IRIS = `${OA}PreferContainedIRIs`;
export const PREFER_DESCRIPTIONS = `${OA}PreferContainedDescriptions`;

const CONSTRAINED_BY = '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"';
export const ALLOW = 'GET, HEAD, OPTIONS';

export type Preference = { minimal: boolean; iris: boolean; applied: boolean };

/**
 * The value of an `include="…"` parameter (quotes optional, spaces around "=" allowed), or null for another
 * parameter: what /^include\s*=\s*"?([^"]*)"?$/i captures, without its backtracking.
 */
function includeParameter(param: string): string | null {
  const equals = param.indexOf('=');
  if (equals === -1 || param.slice(0, equals).trimEnd().toLowerCase() !== 'include') return null;
  let value = param.slice(equals + 1).trimStart();
  if (value.startsWith('"')) value = value.slice(1);
  if (value.endsWith('"')) value = value.slice(0, -1);
  return value.includes('"') ? null : value;
}

/** Reads `Prefer: return=representation; include="…"` (several URIs, space-separated; several Prefer headers). */
export function parsePrefer(header: string | null): Preference {
  const include = new Set<string>();
  let applied = false;
  for (const preference of (header ?? '').split(',')) {
    const [token, ...params] = preference.split(';').map((s) => s.trim());
    if (token?.toLowerCase() !== 'return=representation') continue;
    applied = true;
    for (const param of params) {
      const uris = includeParameter(param);
      if (uris) for (const uri of uris.split(/\s+/)) if (uri) include.add(uri);
    }
  }
  return {
    minimal: include.has(PREFER_MINIMAL),
    // contained descriptions win when both are asked for: they include the IRIs
    iris: include.has(PREFER_IRIS) && !include.has(PREFER_DESCRIPTIONS),
    applied,
  };
}

/** `body` null: no content (304) */
type Answer = { status: number; headers: Record<string, string>; body: unknown };

function containerUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/api/v1/workspaces/${encodeURIComponent(slug)}/w3c/annotations/`;
}

const etag = (...parts: (string | number | boolean | null)[]): string =>
  `W/"${createHash('sha256').update(parts.join('|')).digest('base64url').slice(0, 27)}"`;

/** The container holds every annotation the reader may see: no filters. */
const ALL: ExportFilters = { documents: [], kinds: [], authors: [], from: null, to: null, pseudonymise: false };

function notModified(request: Request, tag: string): boolean {
  const header = request.headers.get('if-none-match');
  if (!header) return false;
  return header.split(',').some((t) => t.trim() === tag || t.trim() === '*');
}

/** GET the container (no `page`) or one of its pages. */
export async function containerAnswer({
  request,
  ctx,
  page,
  iris,
}: {
  request: Request;
  ctx: WorkspaceContext;
  page?: number;
  iris?: '0' | '1';
}): Promise<Answer> {
  const scope = await resolveScope({ ctx, filters: ALL });
  const context = await loadExportContext(scope, { pseudonymise: false, emails: false });
  const base = containerUrl(context.baseUrl, scope.workspace.slug);
  const state = await containerState(scope);
  const lastPage = Math.max(0, Math.ceil(state.total / PAGE_SIZE) - 1);
  const viewerKey = `${scope.viewerId ?? '-'}:${scope.isOwner}`;

  if (page !== undefined) {
    const useIris = iris === '1';
    if (page > lastPage || (state.total === 0 && page > 0)) throw new AppError('NOT_FOUND', 'No such page.');
    const tag = etag(scope.workspace.id, state.latest, viewerKey, 'page', page, useIris);
    const headers = {
      'Content-Type': W3C_CONTENT_TYPE,
      Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
      Allow: ALLOW,
      Vary: 'Accept, Cookie, Authorization',
      ETag: tag,
    };
    if (notModified(request, tag)) return { status: 304, headers, body: null };
    const records = await readAnnotationPage({ scope, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
    if (!useIris) await context.positions.load(records.map((r) => r.versionId));
    const pageUrl = (n: number) => `${base}?iris=${useIris ? 1 : 0}&page=${n}`;
    const body = {
      '@context': useIris ? ANNO_CONTEXT : [ANNO_CONTEXT, cruxmapContextUrl(context.baseUrl)],
      id: pageUrl(page),
      type: 'AnnotationPage',
      partOf: { id: `${base}?iris=${useIris ? 1 : 0}`, total: state.total, ...(state.modified ? { modified: state.modified } : {}) },
      startIndex: page * PAGE_SIZE,
      ...(page > 0 ? { prev: pageUrl(page - 1) } : {}),
      ...(page < lastPage ? { next: pageUrl(page + 1) } : {}),
      items: records.map((r) => (useIris ? annotationIri(context, r.id) : w3cAnnotation(r, context, { standalone: false }))),
    };
    return { status: 200, headers, body };
  }

  const prefer = parsePrefer(request.headers.get('prefer'));
  const variant = prefer.minimal ? (prefer.iris ? 'minimal-iris' : 'minimal') : prefer.iris ? 'iris' : 'descriptions';
  const tag = etag(scope.workspace.id, state.latest, viewerKey, 'container', variant);
  const headers: Record<string, string> = {
    'Content-Type': W3C_CONTENT_TYPE,
    Link: `<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", ${CONSTRAINED_BY}`,
    Allow: ALLOW,
    Vary: 'Accept, Prefer, Cookie, Authorization',
    ETag: tag,
  };
  if (prefer.applied) headers['Preference-Applied'] = 'return=representation';
  if (notModified(request, tag)) return { status: 304, headers, body: null };

  const irisFlag = prefer.iris ? 1 : 0;
  headers['Content-Location'] = prefer.minimal ? base : `${base}?iris=${irisFlag}`;
  const pageUrl = (n: number) => `${base}?iris=${irisFlag}&page=${n}`;
  const body: Record<string, unknown> = {
    '@context': [ANNO_CONTEXT, LDP_CONTEXT, cruxmapContextUrl(context.baseUrl)],
    id: prefer.minimal ? base : `${base}?iris=${irisFlag}`,
    type: ['BasicContainer', 'AnnotationCollection'],
    label: `${scope.workspace.name}: annotations`,
    total: state.total,
    ...(state.modified ? { modified: state.modified } : {}),
  };
  if (state.total > 0) {
    if (prefer.minimal) {
      body.first = pageUrl(0);
    } else {
      const records = await readAnnotationPage({ scope, offset: 0, limit: PAGE_SIZE });
      if (!prefer.iris) await context.positions.load(records.map((r) => r.versionId));
      body.first = {
        id: pageUrl(0),
        type: 'AnnotationPage',
        startIndex: 0,
        ...(lastPage > 0 ? { next: pageUrl(1) } : {}),
        items: records.map((r) => (prefer.iris ? annotationIri(context, r.id) : w3cAnnotation(r, context, { standalone: false }))),
      };
    }
    body.last = pageUrl(lastPage);
  }
  return { status: 200, headers, body };
}

/** GET one annotation of the container. */
export async function annotationAnswer({ request, ctx, id }: { request: Request; ctx: WorkspaceContext; id: string }): Promise<Answer> {
  const scope = await resolveScope({ ctx, filters: ALL });
  const record = await readAnnotationRecord({ scope, id });
  if (!record) throw new AppError('NOT_FOUND', 'Annotation not found.');
  const context = await loadExportContext(scope, { pseudonymise: false, emails: false });
  const tag = etag(record.id, record.version, record.updatedAt, `${scope.viewerId ?? '-'}:${scope.isOwner}`, context.hiddenClaims.has(record.claimId ?? ''),
    // the statements as this viewer sees them: masked while a moderator hides the claim
    record.claimStatement, record.forClaimStatement);
  const headers = {
    'Content-Type': W3C_CONTENT_TYPE,
    Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type", <http://www.w3.org/ns/oa#Annotation>; rel="type"',
    Allow: ALLOW,
    Vary: 'Accept, Cookie, Authorization',
    ETag: tag,
  };
  if (notModified(request, tag)) return { status: 304, headers, body: null };
  await context.positions.load([record.versionId]);
  return { status: 200, headers, body: w3cAnnotation(record, context) };
}
