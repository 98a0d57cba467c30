// Importing texts into a workspace: versions, idempotence, atomicity, validation.
import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../../lib/corpus/normalize';
import { db } from '../../lib/db';
import { importDocument } from '../../lib/documents/mutations';
import { getDocumentForReader } from '../../lib/documents/queries';
import { AppError } from '../../lib/errors';
import { createTestWorkspace } from '../factories';
import { contextFor, operatorContext } from '../factories/context';

const original = [
  'A title line',
  'The first paragraph says something about power-seeking.',
  'The second paragraph disagrees, with a footnote.[1]',
  'The third paragraph is unchanged in every version.',
  '1. The note.',
].join('\n\n');

const countRows = async (workspaceId: string) => ({
  documents: await db.document.count({ where: { workspaceId } }),
  versions: await db.documentVersion.count({ where: { workspaceId } }),
  passages: await db.passage.count({ where: { workspaceId } }),
  audit: await db.auditLog.count({ where: { workspaceId } }),
});

describe('importDocument', () => {
  it('creates a document whose passages are exact ranges of its canonical text', async () => {
    const workspace = await createTestWorkspace();
    const result = await operatorContext(workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: original } }));
    expect(result).toMatchObject({ status: 'created', slug: 'essay', versionNumber: 1 });
    const version = await db.documentVersion.findFirstOrThrow({
      where: { workspaceId: workspace.id, documentId: result.documentId },
      include: { passages: { orderBy: { index: 'asc' } } },
    });
    expect(version.passages.length).toBe(result.passageCount);
    for (const p of version.passages) expect(version.text.slice(p.start, p.end)).toBe(p.text);
    const audit = await db.auditLog.findMany({ where: { workspaceId: workspace.id } });
    expect(audit.map((a) => a.action)).toEqual(['document.imported']);
  });

  it('changes nothing when the same text is imported again', async () => {
    const workspace = await createTestWorkspace();
    const first = await operatorContext(workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: original } }));
    const before = await countRows(workspace.id);
    const again = await operatorContext(workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: original } }));
    expect(again).toMatchObject({ status: 'unchanged', documentId: first.documentId, versionNumber: 1 });
    expect(await countRows(workspace.id)).toEqual(before);
  });

  it('adds a version for a changed text, keeps the earlier one, and keeps ids of unchanged passages', async () => {
    const workspace = await createTestWorkspace({ visibility: 'public' });
    await operatorContext(workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: original } }));
    const v1 = await contextFor(null, workspace.slug, { notFound: 'Document not found.' }).then((ctx) => getDocumentForReader({ ctx, document: 'essay' }));
    const changed = original.replace('says something about', 'argues at length about');
    const result = await operatorContext(workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: changed } }));
    expect(result).toMatchObject({ status: 'updated', versionNumber: 2 });
    const v2 = await contextFor(null, workspace.slug, { notFound: 'Document not found.' }).then((ctx) => getDocumentForReader({ ctx, document: 'essay' }));
    expect(v2.version).toMatchObject({ number: 2, versionCount: 2 });
    expect(await db.documentVersion.count({ where: { workspaceId: workspace.id } })).toBe(2);
    const unchanged = (r: typeof v1) => r.passages.find((p) => p.text.startsWith('The third paragraph'))?.id;
    expect(unchanged(v2)).toBeDefined();
    expect(unchanged(v2)).toBe(unchanged(v1));
    const edited = (r: typeof v1) => r.passages.find((p) => p.text.startsWith('The first paragraph'))?.id;
    expect(edited(v2)).not.toBe(edited(v1));
  });

  it('writes nothing when a step of the import fails', async () => {
    const workspace = await createTestWorkspace();
    const doc = normalizeDocument(original);
    const broken = { ...doc, passages: doc.passages.map((p, i) => (i === 2 ? { ...p, start: p.end + 5 } : p)) };
    await expect(
      operatorContext(workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: original }, normalized: broken })),
    ).rejects.toThrow();
    expect(await countRows(workspace.id)).toEqual({ documents: 0, versions: 0, passages: 0, audit: 0 });
  });

  it('rejects an empty text and a bad slug with field messages', async () => {
    const workspace = await createTestWorkspace();
    const attempt = operatorContext(workspace.slug).then((ctx) => importDocument({ ctx, input: { slug: 'Not A Slug', text: '   ' } }));
    await expect(attempt).rejects.toMatchObject({ name: 'ZodError' });
    const error = await attempt.catch((e: unknown) => e);
    const { toAppError } = await import('../../lib/errors');
    const appError = toAppError(error);
    expect(appError.status).toBe(400);
    expect(Object.keys(appError.fields ?? {}).sort()).toEqual(['slug', 'text']);
    expect(await countRows(workspace.id)).toMatchObject({ documents: 0 });
  });

  it('answers not found for a workspace that does not exist', async () => {
    await expect(
      operatorContext('no-such-workspace').then((ctx) => importDocument({ ctx, input: { slug: 'essay', text: original } })),
    ).rejects.toBeInstanceOf(AppError);
  });
});
