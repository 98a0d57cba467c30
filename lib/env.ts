// The environment, parsed with zod once. Nothing else in app/, lib/, bin/ or proxy.ts reads process.env (lint
// enforces it; tests set it up for what they start), with one exception: bin/cruxmap.js, plain JavaScript that runs
// before TypeScript can be loaded, marks the capped-heap child it re-runs itself in with CRUXMAP_EXPORT_HEAP, a
// flag between those two processes only and not a setting.
import { z } from 'zod';
import { trimEndChars } from './text-edges';

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** A PostgreSQL server; unset means the embedded PGlite database under CRUXMAP_DATA_DIR. */
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  /**
   * A read replica of DATABASE_URL's database (optional, PostgreSQL only): the map's feed, exports, search and the
   * reading page's reads go there; writes, transactions, the events table and LISTEN stay on the primary.
   */
  DATABASE_REPLICA_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_REPLICA_URL must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  /** Where the embedded database and generated secrets live; `memory://` keeps the database in memory. */
  CRUXMAP_DATA_DIR: z.string().min(1).default('.data'),
  /**
   * A migrated embedded database (a PGlite data-folder tarball, `dumpDataDir`) that a new, empty embedded database
   * starts from instead of running every migration; pending migrations still run after it. The test suite makes
   * one per run: opening from it is several times cheaper than migrating each test file's database.
   */
  CRUXMAP_EMBEDDED_TEMPLATE: optionalString,
  /**
   * bcrypt's cost for new password hashes (2^cost rounds; 12 takes ~0.3 s here). Lower only for test servers: the
   * suite signs up hundreds of accounts. A hash keeps the cost it was made with, so sign-in checks any earlier one.
   */
  CRUXMAP_PASSWORD_COST: z.coerce.number().int().min(4).max(15).default(12),
  /**
   * The largest document text accepted, in bytes of UTF-8 (2 MB): a preview or import of a longer one is refused
   * with 413 before any work is done on it.
   */
  CRUXMAP_MAX_DOCUMENT_BYTES: z.coerce.number().int().min(1).default(2 * 1024 * 1024),
  /** Create the demo account and the generated demo data on a DATABASE_URL server too (always on the embedded database). */
  CRUXMAP_DEMO: z
    .enum(['0', '1', 'true', 'false', ''])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  /**
   * A file this process appends each distinct SQL statement it sends to, one JSON string a line (test runs only: the
   * integration suite's statement audit reads what the CLI processes it starts sent; lib/database/statement-log.ts).
   */
  CRUXMAP_STATEMENT_LOG: optionalString,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /**
   * How many proxies stand in front of the app (0: none, clients connect directly). The client's address — what the
   * per-address limits count — is the socket's peer with 0, else the N-th X-Forwarded-For hop from the right (the
   * address the outermost trusted proxy saw); hops a client wrote further left are never believed.
   */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  /**
   * Live event streams one user may hold open on one instance (lib/limits.ts); the next one ends their oldest. Raise
   * it for a user that legitimately follows many views at once (a wall of dashboards, the live bench's 200 streams).
   */
  CRUXMAP_STREAMS_PER_USER: z.coerce.number().int().min(1).default(8),
  /**
   * How long (milliseconds) an instance keeps a member's API-token sign-in for the next requests of that token to
   * the same workspace (lib/auth/sign-in-cache.ts). Anything this instance writes to tokens, users, memberships or
   * workspaces applies from its next request regardless; a change made by another instance or process applies
   * within this time. 0 reads every sign-in from the database.
   */
  CRUXMAP_SIGN_IN_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  /**
   * "New since my last visit": openings of a document this many seconds apart or closer are one visit, so a reload
   * (or the map after the text) keeps the marks (lib/visits/boundary.ts). The browser tests shorten it.
   */
  CRUXMAP_VISIT_GAP_SECONDS: z.coerce.number().int().min(0).max(86_400).default(1800),
  /**
   * The interface `cruxmap start`/`dev` listen on. Unset: 127.0.0.1 on the embedded database (it comes with the
   * demo account and its published password, so only this machine may reach it), 0.0.0.0 on a PostgreSQL server.
   */
  HOST: optionalString.pipe(z.string().regex(/^[\d.:[\]a-z-]+$/i, 'HOST must be an address or host name such as 127.0.0.1 or 0.0.0.0').optional()),
  NEXTAUTH_URL: optionalString,
  /**
   * The address datasets name things by (W3C ids and sources, the JSON-LD context, package and mail links), the same
   * from the CLI and the server; defaults to NEXTAUTH_URL, then http://localhost:PORT.
   */
  CRUXMAP_PUBLIC_URL: optionalString.pipe(
    z.url({ protocol: /^https?$/, error: 'CRUXMAP_PUBLIC_URL must be an absolute http(s) URL such as https://cruxmap.example.org' }).optional(),
  ),
  NEXTAUTH_SECRET: optionalString,
  /**
   * An SMTP server for the mail the app sends (invitations, email verification): `smtp://user:pass@host:587` or
   * `smtps://…:465`. Unset (or MAIL_FROM unset): nothing is sent.
   */
  SMTP_URL: optionalString.pipe(z.string().regex(/^smtps?:\/\//, 'SMTP_URL must be an smtp:// or smtps:// URL').optional()),
  /** The sender of that mail, e.g. `Cruxmap <cruxmap@example.org>`. */
  MAIL_FROM: optionalString,
  GITHUB_ID: optionalString,
  GITHUB_SECRET: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
});

export type Env = z.infer<typeof envSchema>;

const envRules = envSchema.refine((e) => e.DATABASE_REPLICA_URL === undefined || e.DATABASE_URL !== undefined, {
  path: ['DATABASE_REPLICA_URL'],
  message: 'DATABASE_REPLICA_URL needs DATABASE_URL: a replica serves reads of a PostgreSQL primary, not of the embedded database',
});

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envRules.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

export const isEmbeddedDatabase = (): boolean => env.DATABASE_URL === undefined;

/** Whether the app sends mail: both SMTP_URL and MAIL_FROM are set. */
export const isMailConfigured = (): boolean => env.SMTP_URL !== undefined && env.MAIL_FROM !== undefined;

/**
 * The app's public address without a trailing slash: CRUXMAP_PUBLIC_URL, else NEXTAUTH_URL, else http://localhost:PORT.
 * The one source of every absolute link — W3C ids and sources, the JSON-LD context, mail, invitations,
 * unsubscribe links — so the CLI and the server name things alike.
 */
export const publicBaseUrl = (): string => trimEndChars(env.CRUXMAP_PUBLIC_URL ?? env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`, '/');

/** An absolute link to `path` (from the host's root) on the app's public address. */
export const publicUrl = (path: string): string => new URL(path, `${publicBaseUrl()}/`).toString();

/** Where the app listens: HOST, else loopback only on the embedded database (demo account) and every interface otherwise. */
export const listenHost = (): string => env.HOST ?? (isEmbeddedDatabase() ? '127.0.0.1' : '0.0.0.0');

/** The environment a child process (next build, next start) inherits: this process's, with `overrides`. */
export const childProcessEnv = (overrides: Record<string, string>): NodeJS.ProcessEnv => ({ ...process.env, ...overrides });
