// The live feed's shapes and timings, shared by the server and the browser (no database access here).
import { z } from 'zod';

/** What changed, never its content: clients read the entity again through the normal, authorized API. */
export type LiveEvent = {
  workspace: string;
  /** null for workspace-wide changes (claims, memberships) */
  document: string | null;
  entity: 'annotation' | 'claim' | 'credence' | 'cruxLink' | 'reply' | 'membership' | 'document' | 'round' | 'presence';
  /** the entity's id (for presence: the reader's user id) */
  id: string;
  action: string;
  version: number;
};

/** A reader of a document now, and the passage they are looking at. */
export type PresenceDto = { userId: string; name: string; passageId: string | null; expiresAt: string };

/** SSE `retry:` — how long a browser waits before reconnecting. */
export const RETRY_MS = 3_000;
/** A comment line this often keeps proxies from closing an idle stream; access is checked again then too. */
export const HEARTBEAT_MS = 15_000;
/** A client that reconnects within this long gets what it missed; later, it is told to reload. */
export const RESUME_WINDOW_MS = 10 * 60_000;
/** A presence lives this long after its last heartbeat (a closed tab is gone within it). */
export const PRESENCE_TTL_MS = 20_000;
/** How often an open reading page renews its presence. */
export const PRESENCE_HEARTBEAT_MS = 8_000;

const id = z.string({ error: 'is required' }).trim().min(1, 'is required').max(200, 'is too long');

export const eventsQuerySchema = z.object({
  document: id.optional(),
  /** for clients that cannot send the Last-Event-ID header */
  lastEventId: z.string().regex(/^\d{1,18}$/, 'must be an event id').optional(),
});

export const presenceQuerySchema = z.object({ document: id });

export const presenceInputSchema = z.object({
  document: id,
  passageId: id.nullable().optional(),
});
export type PresenceInput = z.infer<typeof presenceInputSchema>;
