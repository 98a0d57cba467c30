// Reads of documents for the library and the reading page.
// Until accounts land (see README, "Access"), every workspace's library is readable.
import { db } from '../db';
import { AppError } from '../errors';
import { passageAttrsSchema, type PassageAttrs, type PassageKind } from '../corpus/schemas';

export type LibraryDocument = {
  slug: string;
  title: string;
  author: string | null;
  source: string | null;
  kind: string;
  versionNumber: number | null;
  passageCount: number;
  updatedAt: Date;
};

export type Library = { workspace: { slug: string; name: string }; documents: LibraryDocument[] };

const libraryDocumentSelect = {
  slug: true,
  title: true,
  author: true,
  source: true,
  kind: true,
  updatedAt: true,
  currentVersion: { select: { number: true, _count: { select: { passages: true } } } },
} as const;

function toLibraryDocument(d: {
  slug: string;
  title: string;
  author: string | null;
  source: string | null;
  kind: string;
  updatedAt: Date;
  currentVersion: { number: number; _count: { passages: number } } | null;
}): LibraryDocument {
  return {
    slug: d.slug,
    title: d.title,
    author: d.author,
    source: d.source,
    kind: d.kind,
    updatedAt: d.updatedAt,
    versionNumber: d.currentVersion?.number ?? null,
    passageCount: d.currentVersion?._count.passages ?? 0,
  };
}

export async function listLibraries(): Promise<Library[]> {
  const workspaces = await db.workspace.findMany({
    where: { archivedAt: null },
    orderBy: { createdAt: 'asc' },
    select: {
      slug: true,
      name: true,
      documents: { where: { archivedAt: null }, orderBy: { createdAt: 'asc' }, select: libraryDocumentSelect },
    },
  });
  return workspaces.map((w) => ({
    workspace: { slug: w.slug, name: w.name },
    documents: w.documents.map(toLibraryDocument),
  }));
}

export async function getLibrary({ workspaceSlug }: { workspaceSlug: string }): Promise<Library> {
  const workspace = await db.workspace.findFirst({
    where: { slug: workspaceSlug, archivedAt: null },
    select: {
      id: true,
      slug: true,
      name: true,
    },
  });
  if (!workspace) throw new AppError('NOT_FOUND', 'Workspace not found.');
  const documents = await db.document.findMany({
    where: { workspaceId: workspace.id, archivedAt: null },
    orderBy: { createdAt: 'asc' },
    select: libraryDocumentSelect,
  });
  return { workspace: { slug: workspace.slug, name: workspace.name }, documents: documents.map(toLibraryDocument) };
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
  workspace: { slug: string; name: string };
  document: { id: string; slug: string; title: string; author: string | null; source: string | null; kind: string };
  version: { id: string; number: number; createdAt: Date; warnings: string[]; versionCount: number };
  passages: ReaderPassage[];
};

export async function getDocumentForReader({
  workspaceSlug,
  slug,
}: {
  workspaceSlug: string;
  slug: string;
}): Promise<ReaderDocument> {
  const workspace = await db.workspace.findFirst({
    where: { slug: workspaceSlug, archivedAt: null },
    select: { id: true, slug: true, name: true },
  });
  if (!workspace) throw new AppError('NOT_FOUND', 'Document not found.');
  const document = await db.document.findFirst({
    where: { workspaceId: workspace.id, slug, archivedAt: null },
    select: {
      id: true,
      slug: true,
      title: true,
      author: true,
      source: true,
      kind: true,
      currentVersion: { select: { id: true, number: true, createdAt: true, warnings: true } },
      _count: { select: { versions: true } },
    },
  });
  if (!document?.currentVersion) throw new AppError('NOT_FOUND', 'Document not found.');
  const version = document.currentVersion;
  const passages = await db.passage.findMany({
    where: { workspaceId: workspace.id, versionId: version.id },
    orderBy: { index: 'asc' },
    select: { id: true, index: true, kind: true, text: true, start: true, end: true, attrs: true },
  });
  return {
    workspace: { slug: workspace.slug, name: workspace.name },
    document: {
      id: document.id,
      slug: document.slug,
      title: document.title,
      author: document.author,
      source: document.source,
      kind: document.kind,
    },
    version: {
      id: version.id,
      number: version.number,
      createdAt: version.createdAt,
      warnings: Array.isArray(version.warnings) ? version.warnings.filter((w) => typeof w === 'string') : [],
      versionCount: document._count.versions,
    },
    passages: passages.map((p) => ({ ...p, attrs: passageAttrsSchema.parse(p.attrs) })),
  };
}
