// How the demo generator's writes reach the database. `mutations`: each write through the same mutation as the API,
// one transaction each (the reference: slow, ~40 s for the corpus). `batch`: the same rows — annotations, claims,
// credences and their revisions, crux links, conditionals, replies, the round, audit entries and change events —
// built in memory and written a document at a time in multi-row INSERTs (lib/demo/batch-mutations.ts).
// tests/integration/demo-batch.test.ts compares the two row for row.
import { createAnnotation } from '../annotations/mutations';
import { createReply } from '../annotations/reply-mutations';
import { createAnnotationInputSchema, createReplyInputSchema, type CreateAnnotationInput } from '../annotations/schemas';
import { userActor, type WorkspaceContext } from '../context/context';
import { loadWorkspaceContext } from '../context/queries';
import { setConditionals } from '../cruxes/mutations';
import { findCruxLinkId } from '../cruxes/queries';
import { openRound } from '../disagreement/mutations';
import type { VersionText } from '../documents/version-queries';

export type DemoWriterKind = 'mutations' | 'batch';

/** A document the generator annotates: its slug, id and current version. */
export type DemoDocument = { id: string; slug: string; version: VersionText };

export interface DemoWriter {
  /** Whether the writer reports progress itself as it writes (the batch writer writes at the end). */
  readonly reportsProgress: boolean;
  /** The generator starts on a document; its writes until the next call are about this one. */
  beginDocument(document: DemoDocument): void;
  annotate(userId: string, input: CreateAnnotationInput): Promise<{ annotationId: string; claimId: string | null }>;
  /** A reviewer's conditional credences on the link (K, C), if the link exists. */
  setConditionals(userId: string, link: { cruxClaimId: string; forClaimId: string }, values: { ifTrue: number; ifFalse: number }): Promise<void>;
  reply(userId: string, annotationId: string, body: string): Promise<void>;
  openRound(userId: string, document: DemoDocument): Promise<void>;
  /** Writes what is still held in memory; `onDocument` after each document is written. */
  finish(onDocument: (document: DemoDocument, annotations: number) => void): Promise<void>;
}

/** Each write through the API's own mutation, in the reviewer's context (built once per reviewer). */
export function mutationsWriter({ workspaceId, workspaceSlug }: { workspaceId: string; workspaceSlug: string }): DemoWriter {
  const contexts = new Map<string, Promise<WorkspaceContext>>();
  const contextOf = (userId: string): Promise<WorkspaceContext> => {
    let ctx = contexts.get(userId);
    if (!ctx) contexts.set(userId, (ctx = loadWorkspaceContext({ actor: userActor(userId), workspace: workspaceSlug })));
    return ctx;
  };
  return {
    reportsProgress: false,
    beginDocument: () => {},
    annotate: async (userId, input) => {
      const created = await createAnnotation({ ctx: await contextOf(userId), input: createAnnotationInputSchema.parse(input) });
      return { annotationId: created.annotation.id, claimId: created.annotation.claimId };
    },
    setConditionals: async (userId, link, values) => {
      const id = await findCruxLinkId({ workspaceId, ...link });
      if (id) await setConditionals({ ctx: await contextOf(userId), id, input: values });
    },
    reply: async (userId, annotationId, body) => {
      await createReply({ ctx: await contextOf(userId), annotationId, input: createReplyInputSchema.parse({ body }) });
    },
    openRound: async (userId, document) => {
      await openRound({ ctx: await contextOf(userId), document: document.slug });
    },
    finish: async () => {},
  };
}
