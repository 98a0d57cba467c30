// Reads of documents for the library, the reading page and the API, filtered by what the viewer may read. Reads
// inside a workspace take the request context (lib/context): the workspace is already one the viewer may read.
import type { WorkspaceContext } from '../context/context';
import { requireDocument } from '../context/queries';
import { passageAttrsSchema, type PassageAttrs, type PassageKind } from '../corpus/schemas';
import { replicaDb } from '../db';
import { AppError } from '../errors';
import type { Prisma, Role } from '../generated/prisma/client';
import { readableWorkspaces, workspaceWithRoleSelect } from '../context/permissions';

export type LibraryDocument = {
  id: string;
  slug: string;
  title: string;
  author: string | null;
  source: string | null;
  kind: string;
  versionNumber: number | null;
  passageCount: number;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
};

export type Library = {
  workspace: { id: string; slug: string; name: string; visibility: 'private' | 'public' };
  role: Role | null;
  documents: LibraryDocument[];
};

const libraryDocumentSelect = {
  id: true,
  slug: true,
  title: true,
  author: true,
  source: true,
  kind: true,
  archivedAt: true,
  createdAt: true,
  updatedAt: true,
  currentVersion: { select: { number: true, _count: { select: { passages: true } } } },
} as const satisfies Prisma.DocumentSelect;

type LibraryRow = Prisma.DocumentGetPayload<{ select: typeof libraryDocumentSelect }>;

function toLibraryDocument({ archivedAt, currentVersion, ...d }: LibraryRow): LibraryDocument {
  return {
    ...d,
    archived: archivedAt !== null,
    versionNumber: currentVersion?.number ?? null,
    passageCount: currentVersion?._count.passages ?? 0,
  };
}

/** Every library the viewer may read: their workspaces, and public ones. */
export async function listLibraries({ userId }: { userId: string | null }): Promise<{ items: Library[]; nextCursor: null }> {
  const workspaces = await replicaDb.workspace.findMany({
    where: readableWorkspaces(userId),
    orderBy: { createdAt: 'asc' },
    select: {
      ...workspaceWithRoleSelect(userId),
      documents: { where: { archivedAt: null }, orderBy: { createdAt: 'asc' }, select: libraryDocumentSelect },
    },
  });
  return {
    items: workspaces.map(({ memberships, documents, ...workspace }) => ({
      workspace,
      role: memberships[0]?.role ?? null,
      documents: documents.map(toLibraryDocument),
    })),
    nextCursor: null,
  };
}

/** One workspace's documents; owners (who may archive and restore them) may ask for archived ones too. */
export async function getLibrary({ ctx, includeArchived = false }: { ctx: WorkspaceContext; includeArchived?: boolean }): Promise<Library> {
  const withArchived = includeArchived && ctx.can.editDocuments;
  const documents = await replicaDb.document.findMany({
    where: { workspaceId: ctx.workspace.id, ...(withArchived ? {} : { archivedAt: null }) },
    orderBy: { createdAt: 'asc' },
    select: libraryDocumentSelect,
  });
  return { workspace: ctx.workspace, role: ctx.role, documents: documents.map(toLibraryDocument) };
}

export type ReaderPassage = {
  id: string;
  index: number;
  kind: PassageKind;
  text: string;
  start: number;
  end: number;
  attrs: PassageAttrs;
};

export type ReaderDocument = {
  workspace: { id: string; slug: string; name: string };
  role: Role | null;
  document: {
    id: string;
    slug: string;
    title: string;
    author: string | null;
    source: string | null;
    kind: string;
    /** blind review (see lib/disagreement/blind.ts) */
    blind: boolean;
    createdAt: Date;
    updatedAt: Date;
  };
  version: { id: string; number: number; createdAt: Date; sourceFormat: string; warnings: string[]; versionCount: number };
  text: string;
  passages: ReaderPassage[];
};

/** A document's current version with its text and passages; NOT_FOUND unless the viewer may read it. */
export async function getDocumentForReader({ ctx, document }: { ctx: WorkspaceContext; document: string }): Promise<ReaderDocument> {
  const found = await requireDocument(ctx, document, {
    select: {
      id: true,
      slug: true,
      title: true,
      author: true,
      source: true,
      kind: true,
      blind: true,
      createdAt: true,
      updatedAt: true,
      currentVersion: { select: { id: true, number: true, createdAt: true, sourceFormat: true, warnings: true, text: true } },
      _count: { select: { versions: true } },
    },
  });
  if (!found.currentVersion) throw new AppError('NOT_FOUND', 'Document not found.');
  const { currentVersion: version, _count, ...meta } = found;
  const passages = await replicaDb.passage.findMany({
    where: { workspaceId: ctx.workspace.id, versionId: version.id },
    orderBy: { index: 'asc' },
    select: { id: true, index: true, kind: true, text: true, start: true, end: true, attrs: true },
  });
  return {
    workspace: { id: ctx.workspace.id, slug: ctx.workspace.slug, name: ctx.workspace.name },
    role: ctx.role,
    document: meta,
    version: {
      id: version.id,
      number: version.number,
      createdAt: version.createdAt,
      sourceFormat: version.sourceFormat,
      warnings: Array.isArray(version.warnings) ? version.warnings.filter((w): w is string => typeof w === 'string') : [],
      versionCount: _count.versions,
    },
    text: version.text,
    passages: passages.map((p) => ({ ...p, attrs: passageAttrsSchema.parse(p.attrs) })),
  };
}
