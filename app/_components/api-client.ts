// The browser side of the JSON API: one fetch wrapper that turns `{error:{code,message,fields?}}` into a value
// forms can show, and a hook that tracks a pending call and its error.
import { useCallback, useState } from 'react';

export type FieldMessages = Record<string, string[]>;

export type ApiFailure = { status: number; code: string; message: string; fields: FieldMessages };

export type ApiResult<T> = { ok: true; status: number; data: T } | ({ ok: false } & ApiFailure);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

function errorOf(payload: unknown): { code?: unknown; message?: unknown; fields?: unknown } | null {
  if (typeof payload !== 'object' || payload === null || !('error' in payload)) return null;
  const error = payload.error;
  return typeof error === 'object' && error !== null ? error : null;
}

function fieldsOf(value: unknown): FieldMessages {
  if (typeof value !== 'object' || value === null) return {};
  const fields: FieldMessages = {};
  for (const [key, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) fields[key] = messages.filter((m): m is string => typeof m === 'string');
  }
  return fields;
}

export async function callApi<T>(path: string, { method, body }: { method: Method; body?: unknown }): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, code: 'NETWORK', message: 'Could not reach Cruxmap. Check your connection and try again.', fields: {} };
  }
  let payload: unknown = null;
  if (response.status !== 204) {
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
  }
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const error = errorOf(payload);
  return {
    ok: false,
    status: response.status,
    code: typeof error?.code === 'string' ? error.code : 'INTERNAL',
    message: typeof error?.message === 'string' ? error.message : `Something went wrong (HTTP ${response.status}). Try again.`,
    fields: fieldsOf(error?.fields),
  };
}

/** One API call at a time from a form or button: `pending` while it runs, `error` when it failed. */
export function useApiCall() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiFailure | null>(null);
  const run = useCallback(async <T,>(path: string, init: { method: Method; body?: unknown }): Promise<ApiResult<T>> => {
    setPending(true);
    setError(null);
    try {
      const result = await callApi<T>(path, init);
      if (!result.ok) setError(result);
      return result;
    } finally {
      setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { pending, error, setError, clearError, run };
}
