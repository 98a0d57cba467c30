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

/** Turns anything thrown into an AppError; unknown errors become a generic INTERNAL error. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    return new AppError('BAD_REQUEST', 'The request is invalid.', { fields: fieldErrorsFromZod(error), cause: error });
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
