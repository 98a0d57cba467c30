// A team (tests/factories) with one document of `text` imported by its owner, and helpers to annotate it: `target`
// finds a quote in the text, `input` parses a create body for the document, `annotateAs` creates an annotation as
// a member.
import { createAnnotation } from '../../lib/annotations/mutations';
import { createAnnotationInputSchema } from '../../lib/annotations/schemas';
import { importDocument } from '../../lib/documents/mutations';
import { uniqueSuffix } from '../support/unique';
import { contextFor } from './context';
import { createTestTeam } from './index';

export async function createAnnotatedDocument(text: string) {
  const team = await createTestTeam();
  const ws = team.workspace.slug;
  const slug = `doc-${uniqueSuffix()}`;
  const imported = await importDocument({ ctx: await contextFor(team.owner.id, ws), input: { slug, text } });
  const target = (quote: string) => {
    const start = text.indexOf(quote);
    return { exact: quote, start, end: start + quote.length };
  };
  const input = (body: Record<string, unknown>) => createAnnotationInputSchema.parse({ document: slug, ...body });
  const annotateAs = async (userId: string, body: Record<string, unknown>) => createAnnotation({ ctx: await contextFor(userId, ws), input: input(body) });
  return { ...team, ws, slug, documentId: imported.documentId, target, input, annotateAs };
}
