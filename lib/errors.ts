// One error type for the whole app, with a fixed set of codes, and the one place that maps them to HTTP.
import { ZodError } from 'zod';

export const errorCodes = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  UNPROCESSABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_REQUESTS: 429,
  DATABASE_BUSY: 503,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  /** extra JSON for the client, e.g. the current version of a resource after a conflicting edit */
  readonly details?: Record<string, unknown>;
  /** seconds to wait before trying again (429, 503), sent as Retry-After */
  readonly retryAfter?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { fields?: FieldErrors; details?: Record<string, unknown>; cause?: unknown; retryAfter?: number },
  ) {
    super(message, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.fields = options?.fields;
    this.details = options?.details;
    this.retryAfter = options?.retryAfter;
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

/** Field messages keyed by dotted path, as API clients and forms want them. */
export function fieldErrorsFromZod(error: ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  return fields;
}

function prismaCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Seconds a client should wait before retrying while the database is unreachable (the Retry-After header). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// What a lost or refused database connection looks like, at whichever layer it surfaces: Prisma's codes for an
// unreachable server, a timeout, a closed connection, too many connections, or a transaction that could not start;
// PostgreSQL's SQLSTATEs for a server shutting down or starting up (57P01-57P03) and connection failures (class 08);
// Node's socket errors (the pg driver passes them through); and pg's plain Errors, which carry no code.
const unavailablePrismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const unavailableSocketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ECONNABORTED']);
const unavailableMessages = [
  'connection terminated',
  'client has encountered a connection error',
  'connection is not queryable',
  'cannot use a pool after calling end',
  'timeout exceeded when trying to connect',
  'the database system is starting up',
  'the database system is shutting down',
  'terminating connection due to administrator command',
  "can't reach database server",
  'server closed the connection unexpectedly',
];

/**
 * Whether `error` says the database cannot be reached right now (down, restarting, refusing connections), as
 * opposed to a query that failed. Looks through `cause` chains and Prisma's `meta.driverAdapterError`, a few
 * levels deep.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 6 || typeof error !== 'object' || error === null) return false;
  const record = error as Record<string, unknown>;
  for (const key of ['code', 'originalCode']) {
    const code = record[key];
    if (typeof code === 'string' && (unavailablePrismaCodes.has(code) || unavailableSqlStates.has(code) || unavailableSocketCodes.has(code))) {
      return true;
    }
  }
  const kind = record.kind;
  if (kind === 'DatabaseNotReachable' || kind === 'ConnectionClosed' || kind === 'SocketTimeout' || kind === 'TooManyConnections') return true;
  for (const key of ['message', 'originalMessage']) {
    const message = record[key];
    if (typeof message === 'string') {
      const lower = message.slice(0, 2000).toLowerCase();
      if (unavailableMessages.some((m) => lower.includes(m))) return true;
    }
  }
  const meta = record.meta;
  const nested = [record.cause, typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>).driverAdapterError : undefined];
  return nested.some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}

/** Whether PostgreSQL's SQLSTATE `code` is what `error` (a Prisma error carrying the driver's) reports. */
function hasDriverCode(error: unknown, code: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } }).meta;
  return meta?.driverAdapterError?.cause?.originalCode === code;
}

/** Turns anything thrown into an AppError; unknown errors become a generic INTERNAL error. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError('BAD_REQUEST', 'The request is invalid.', { fields: fieldErrorsFromZod(error), cause: error });
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('DATABASE_UNAVAILABLE', `The database is unavailable right now. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`, {
      cause: error,
    });
  }
  // U+0000 or bytes that are not UTF-8 in text sent to the database (routes refuse NUL up front; this is the
  // backstop for text read otherwise, such as an annotation file): the request's fault, and nothing was written
  if (hasDriverCode(error, '22021')) {
    return new AppError('BAD_REQUEST', 'The request contains a character the database cannot store (U+0000).', { cause: error });
  }
  switch (prismaCode(error)) {
    case 'P2002':
      return new AppError('CONFLICT', 'That already exists.', { cause: error });
    case 'P2025':
      return new AppError('NOT_FOUND', 'Not found.', { cause: error });
  }
  return new AppError('INTERNAL', 'Something went wrong on our side.', { cause: error });
}

/** The JSON body for an error response: never the underlying message of an unexpected error. */
export function errorBody(error: AppError): { error: { code: ErrorCode; message: string; fields?: FieldErrors } & Record<string, unknown> } {
  return {
    error: { ...(error.details ?? {}), code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
  };
}
