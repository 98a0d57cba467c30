// Every resource limit of the app in one place (the README's "Security" section lists them): what one client, one
// address or one user may take of the server at once or per period. Each is enforced where its resource is used,
// and answered 413 (a body too large) or 429 with Retry-After (too many, try later).
import { env } from './env';

const MB = 1024 * 1024;

export const LIMITS = {
  /** Failed sign-ins, counted in the database so they hold across instances (lib/auth/rate-limit*.ts). */
  signIn: {
    /** one address, whatever emails it tries: 5 failures in 15 minutes, then refused until the window ends */
    perAddress: { failures: 5, windowSeconds: 15 * 60 },
    /**
     * one email from one address: 5 failures, then locked 15 minutes, doubling with each further failure (30 min,
     * 1 h, …) up to a day; failures are remembered a day after the last one; a success clears it
     */
    perEmailAtAddress: { failures: 5, firstLockSeconds: 15 * 60, maxLockSeconds: 24 * 60 * 60, memorySeconds: 24 * 60 * 60 },
    /**
     * one email from every address together, the ceiling against guessing spread over many addresses: 50 failures in
     * an hour, then refused from every address the account has not signed in from in the last 30 days
     */
    perEmail: { failures: 50, windowSeconds: 60 * 60 },
    /** how long an address where the account signed in stays exempt from its per-email ceiling */
    knownAddressSeconds: 30 * 24 * 60 * 60,
  },
  /** Sign-ups (each costs a bcrypt hash) per address, counted in the database. */
  signUp: { perAddress: 10, windowSeconds: 60 * 60 },
  /** Request bodies: reading stops at the limit and the answer is 413 at once (lib/api/body.ts). */
  body: {
    /** a JSON body of the API (a document to import is capped further, at CRUXMAP_MAX_DOCUMENT_BYTES) */
    jsonBytes: 6 * MB,
    /** an annotation file (POST …/import) */
    annotationFileBytes: 25 * MB,
    /** the sign-in form */
    signInFormBytes: 64 * 1024,
  },
  /**
   * Dataset exports, per app instance: they share a pool of database connections (on PostgreSQL), and one user may
   * run only a few at once.
   */
  exports: { poolConnections: 4, perUser: 2, retryAfterSeconds: 10 },
  /** Live event streams (SSE) one user may hold open on one instance (CRUXMAP_STREAMS_PER_USER, default 8); one more closes their oldest. */
  eventStreams: { perUser: env.CRUXMAP_STREAMS_PER_USER },
  /** Presence heartbeats per user and minute on one instance (a reading tab sends one every 8 s). */
  presence: { heartbeatsPerMinute: 60 },
  /**
   * Notifications (lib/notifications): one event tells at most `recipientsPerEvent` people; the first
   * `mentionsPerText` distinct mentions of a rationale or reply are notified; one user's notification streams (the
   * header's unread count) on one instance, the oldest closed past `streamsPerUser` (as CRUXMAP_STREAMS_PER_USER).
   */
  notifications: { recipientsPerEvent: 5_000, mentionsPerText: 50, streamsPerUser: env.CRUXMAP_STREAMS_PER_USER },
} as const;
