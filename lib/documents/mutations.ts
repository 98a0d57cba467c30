// Writes to documents: importing a text creates the document or a new version of it, in one transaction. Each
// write takes the request context (lib/context): a signed-in owner, or the operator (CLI, seeding, bundled corpus).
import { authorize, type WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { normalizeDocument, contentHash } from '../corpus/normalize';
import type { NormalizedDocument } from '../corpus/schemas';
import { db } from '../db';
import { AppError } from '../errors';
import type { z } from 'zod';
import { assertDocumentSize } from './document-size';
import { reanchorDocument } from './reanchor-annotations';
import { Journal } from '../journal/journal';
import { importDocumentInputSchema, updateDocumentInputSchema, type ImportDocumentInput } from './schemas';

export type ImportStatus = 'created' | 'updated' | 'unchanged';

export type ImportResult = {
  status: ImportStatus;
  documentId: string;
  slug: string;
  title: string;
  versionNumber: number;
  passageCount: number;
  footnoteCount: number;
  warnings: string[];
};

/**
 * Imports a text into a workspace. An unchanged text changes nothing; a changed one adds a version and keeps
 * the earlier ones. The context's user is recorded in the audit log (null for the operator).
 */
export async function importDocument({
  ctx,
  input,
  normalized,
}: {
  ctx: WorkspaceContext;
  input: ImportDocumentInput;
  /** the already-normalized text, when the caller has shown it as a preview */
  normalized?: NormalizedDocument;
}): Promise<ImportResult> {
  authorize(ctx, 'importDocuments');
  const workspaceId = ctx.workspace.id;
  const actorId = ctx.userId;
  const data = importDocumentInputSchema.parse(input);
  assertDocumentSize(data.text);
  const doc =
    normalized ??
    normalizeDocument(data.text, { format: data.format, filename: data.filename, title: data.title });
  if (doc.passages.length === 0) {
    throw new AppError('BAD_REQUEST', 'The text has no readable passages.', { fields: { text: ['has no passages'] } });
  }
  const hash = contentHash(doc);
  const title = data.title ?? doc.title;

  return db.$transaction(async (tx) => {
    // the context was built before the transaction: the workspace may be gone since
    const workspace = await tx.workspace.findUnique({ where: { id: workspaceId }, select: { id: true } });
    if (!workspace) throw new AppError('NOT_FOUND', 'Workspace not found.');

    const existing = await tx.document.findUnique({
      where: { workspaceId_slug: { workspaceId, slug: data.slug } },
      select: {
        id: true,
        title: true,
        currentVersion: { select: { number: true, contentHash: true } },
        versions: { select: { number: true }, orderBy: { number: 'desc' }, take: 1 },
      },
    });

    const summary = {
      slug: data.slug,
      passageCount: doc.passages.length,
      footnoteCount: doc.footnotes.length,
      warnings: doc.warnings,
    };

    const current = existing?.currentVersion;
    if (existing && current && current.contentHash === hash) {
      return { status: 'unchanged', documentId: existing.id, title: existing.title, versionNumber: current.number, ...summary };
    }

    const document =
      existing ??
      (await tx.document.create({
        data: {
          workspaceId,
          slug: data.slug,
          title,
          author: data.author ?? null,
          source: data.source ?? null,
          kind: data.kind,
          createdById: actorId,
        },
        select: { id: true, title: true },
      }));
    const versionNumber = (existing?.versions[0]?.number ?? 0) + 1;

    const version = await tx.documentVersion.create({
      data: {
        workspaceId,
        documentId: document.id,
        number: versionNumber,
        text: doc.text,
        contentHash: hash,
        sourceFormat: doc.format,
        warnings: doc.warnings,
      },
      select: { id: true },
    });
    await tx.passage.createMany({
      data: doc.passages.map((p) => ({
        versionId: version.id,
        workspaceId,
        id: p.id,
        index: p.index,
        kind: p.kind,
        text: p.text,
        start: p.start,
        end: p.end,
        attrs: p.attrs,
      })),
    });
    await tx.document.update({
      where: { workspaceId_id: { workspaceId, id: document.id } },
      data: { currentVersionId: version.id },
    });
    const anchoring = existing ? await reanchorDocument(tx, { workspaceId, documentId: document.id, version: { id: version.id, text: doc.text } }) : null;
    await tx.auditLog.create({
      data: {
        workspaceId,
        actorId,
        action: existing ? 'document.version_imported' : 'document.imported',
        entityType: 'document',
        entityId: document.id,
        data: { slug: data.slug, version: versionNumber, passages: doc.passages.length, ...(anchoring ?? {}) },
      },
    });
    // open reading pages learn that the document has a new version (its annotations moved with it)
    await new Journal(tx)
      .change({ workspaceId, documentId: document.id, entity: 'document', entityId: document.id, action: existing ? 'update' : 'create', version: versionNumber })
      .flush();

    return {
      status: existing ? 'updated' : 'created',
      documentId: document.id,
      title: document.title,
      versionNumber,
      ...summary,
    };
  }, { timeout: 30_000 });
}

/** What an import would produce, shown before saving: nothing is written. Owners only. */
export async function previewImport({
  ctx,
  input,
}: {
  ctx: WorkspaceContext;
  input: ImportDocumentInput;
}): Promise<{ document: NormalizedDocument; existing: { versionNumber: number; unchanged: boolean } | null }> {
  const data = importDocumentInputSchema.parse(input);
  authorize(ctx, 'importDocuments');
  assertDocumentSize(data.text);
  const document = normalizeDocument(data.text, { format: data.format, filename: data.filename, title: data.title });
  const current = await db.document.findUnique({
    where: { workspaceId_slug: { workspaceId: ctx.workspace.id, slug: data.slug } },
    select: { currentVersion: { select: { number: true, contentHash: true } } },
  });
  return {
    document,
    existing: current?.currentVersion
      ? { versionNumber: current.currentVersion.number, unchanged: current.currentVersion.contentHash === contentHash(document) }
      : null,
  };
}

/** Edits a document's title or author, archives or restores it, turns blind review on or off. Owners only. */
export async function updateDocument({
  ctx,
  document,
  input,
}: {
  ctx: WorkspaceContext;
  /** slug or id, archived documents included (they can be restored) */
  document: string;
  input: z.input<typeof updateDocumentInputSchema>;
}): Promise<{ id: string; slug: string; title: string; author: string | null; archived: boolean; blind: boolean }> {
  const data = updateDocumentInputSchema.parse(input);
  authorize(ctx, 'editDocuments');
  const workspaceId = ctx.workspace.id;
  return db.$transaction(async (tx) => {
    const found = await requireDocument(ctx, document, {
      client: tx,
      includeArchived: true,
      select: { id: true, title: true, author: true, archivedAt: true, blind: true },
    });
    const updated = await tx.document.update({
      where: { workspaceId_id: { workspaceId, id: found.id } },
      data: {
        ...(data.title !== undefined ? { title: data.title } : {}),
        ...(data.author !== undefined ? { author: data.author } : {}),
        ...(data.archived !== undefined ? { archivedAt: data.archived ? (found.archivedAt ?? new Date()) : null } : {}),
        ...(data.blind !== undefined ? { blind: data.blind } : {}),
      },
      select: { id: true, slug: true, title: true, author: true, archivedAt: true, blind: true },
    });
    const blindChanged = updated.blind !== found.blind;
    const action =
      data.archived === true && !found.archivedAt
        ? 'document.archived'
        : data.archived === false && found.archivedAt
          ? 'document.restored'
          : blindChanged
            ? updated.blind
              ? 'document.blind_enabled'
              : 'document.blind_disabled'
            : 'document.updated';
    await tx.auditLog.create({
      data: {
        workspaceId,
        actorId: ctx.userId,
        action,
        entityType: 'document',
        entityId: found.id,
        data: {
          from: { title: found.title, author: found.author, blind: found.blind },
          to: { title: updated.title, author: updated.author, blind: updated.blind },
        },
      },
    });
    // the change feed: whatever was cached about this document (the disagreement map) is stale now
    await new Journal(tx)
      .change({ workspaceId, documentId: found.id, entity: 'document', entityId: found.id, action: 'update', version: 1 })
      .flush();
    const { archivedAt, ...rest } = updated;
    return { ...rest, archived: archivedAt !== null };
  });
}
