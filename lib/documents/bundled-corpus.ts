// The corpus that ships in content/: its manifest, and loading it into a workspace through the same importer
// users get. Loading is idempotent: unchanged texts change nothing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { authorize, type WorkspaceContext } from '../context/context';
import { slugSchema } from '../slugs';
import { documentKinds } from './schemas';
import { importDocument, type ImportResult } from './mutations';

const manifestSchema = z.object({
  workspace: z.object({ slug: slugSchema, name: z.string().min(1), visibility: z.enum(['private', 'public']).default('private') }),
  documents: z
    .array(
      z.object({
        slug: slugSchema,
        file: z.string().regex(/^[\w.-]+$/),
        title: z.string().min(1),
        author: z.string().min(1).nullable(),
        source: z.string().min(1),
        kind: z.enum(documentKinds),
      }),
    )
    .min(1),
});
export type BundledManifest = z.infer<typeof manifestSchema>;

export const contentDir = (): string => path.join(process.cwd(), 'content');

export async function readBundledManifest(): Promise<BundledManifest> {
  return manifestSchema.parse(JSON.parse(await readFile(path.join(contentDir(), 'manifest.json'), 'utf8')));
}

/**
 * Imports the bundled texts into the context's workspace: an owner adding them from the library page, or the
 * operator seeding (idempotent, like every import).
 */
export async function loadBundledCorpus({
  ctx,
  onProgress,
}: {
  ctx: WorkspaceContext;
  onProgress?: (result: ImportResult, index: number, total: number) => void;
}): Promise<ImportResult[]> {
  authorize(ctx, 'addDocuments');
  const manifest = await readBundledManifest();
  const results: ImportResult[] = [];
  for (const [index, entry] of manifest.documents.entries()) {
    const text = await readFile(path.join(contentDir(), entry.file), 'utf8');
    const result = await importDocument({ ctx, input: { ...entry, text, filename: entry.file } });
    results.push(result);
    onProgress?.(result, index, manifest.documents.length);
  }
  return results;
}
