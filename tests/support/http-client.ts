// A small HTTP client for API tests: one cookie jar per actor, next-auth credentials sign-in, an optional bearer
// token, and answers read whole (status, headers, text, parsed JSON) so tests can assert on what came back. It
// talks to an AppTarget: the built app over real HTTP (e2e, bench) or the route handlers in the test process
// (tests/support/in-process-app.ts), so the same test bodies run against either.
import { uniqueClientIp } from './unique';

/** Where requests go: the app's public address, and the fetch that reaches it. */
export type AppTarget = {
  baseUrl: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
};

/** The app served at `baseUrl`, over real HTTP. */
export const overHttp = (baseUrl: string): AppTarget => ({ baseUrl, fetch: (url, init) => fetch(url, init) });

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type ApiResponse = {
  status: number;
  headers: Headers;
  /** the raw body, for "must not contain" checks */
  text: string;
  /** the parsed JSON body, or null when the body is empty or not JSON */
  json: unknown;
  /** the body's bytes, for a binary answer (application/zip) */
  bytes?: Uint8Array;
};

export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

/** The cookies a browser would keep for one site (names and values; attributes other than expiry are ignored). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const equals = pair.indexOf('=');
      if (equals < 1) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      const expired = attributes.some((a) => {
        const [key = '', raw = ''] = a.split('=').map((s) => s.trim());
        if (key.toLowerCase() === 'max-age') return Number(raw) <= 0;
        if (key.toLowerCase() === 'expires') return Date.parse(raw) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  /** a cookie as another client (or an attacker who copied it) would send it */
  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export const SESSION_COOKIE = 'next-auth.session-token';

export type ClientOptions = {
  /** sent as `Authorization: Bearer <token>` on every request */
  bearer?: string;
  /**
   * sent as X-Forwarded-For, as the proxy in front of the app would report the client's address (the test servers
   * trust one proxy, TRUST_PROXY=1). Unset: an address of this client's own, so clients are told apart as people at
   * different addresses are; null: no X-Forwarded-For, the socket's address counts.
   */
  clientIp?: string | null;
};

export type RequestOptions = {
  body?: unknown;
  /** `Origin` for this request: the default sends the app's own origin on writes when a cookie rides along; null sends none */
  origin?: string | null;
  headers?: Record<string, string>;
  /** an answer that is an event stream is not read to its end (it has none): its body comes back empty */
  stream?: boolean;
};

export class HttpClient {
  readonly jar = new CookieJar();
  /** the X-Forwarded-For this client sends, null for none */
  readonly clientIp: string | null;

  constructor(
    readonly app: AppTarget,
    private readonly options: ClientOptions = {},
  ) {
    this.clientIp = options.clientIp === undefined ? uniqueClientIp() : options.clientIp;
  }

  get baseUrl(): string {
    return this.app.baseUrl;
  }

  get isSignedIn(): boolean {
    return this.jar.has(SESSION_COOKIE);
  }

  withBearer(token: string): HttpClient {
    return new HttpClient(this.app, { ...this.options, clientIp: this.clientIp, bearer: token });
  }

  private baseHeaders(): Record<string, string> {
    const headers: Record<string, string> = {};
    const cookie = this.jar.header();
    if (cookie) headers.cookie = cookie;
    if (this.options.bearer) headers.authorization = `Bearer ${this.options.bearer}`;
    if (this.clientIp) headers['x-forwarded-for'] = this.clientIp;
    return headers;
  }

  async request(method: Method, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers = this.baseHeaders();
    const isWrite = method !== 'GET';
    const origin = options.origin === undefined ? (isWrite && headers.cookie ? this.baseUrl : null) : options.origin;
    if (origin) headers.origin = origin;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    Object.assign(headers, options.headers);
    const response = await this.app.fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      redirect: 'manual',
    });
    this.jar.store(response);
    if (options.stream && response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status, headers: response.headers, text: '', json: null };
    }
    return read(response);
  }

  get(path: string, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('GET', path, options);
  }

  post(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('POST', path, { ...options, body });
  }

  patch(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('PATCH', path, { ...options, body });
  }

  put(path: string, body?: unknown, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('PUT', path, { ...options, body });
  }

  delete(path: string, options?: RequestOptions): Promise<ApiResponse> {
    return this.request('DELETE', path, options);
  }

  /**
   * Signs in through next-auth's credentials provider as a browser form would: CSRF token and cookie first,
   * then a form POST with `json=true`. Returns the answer; the session cookie, if any, is kept in the jar.
   */
  async signIn(email: string, password: string): Promise<ApiResponse> {
    const csrf = await this.get('/api/auth/csrf');
    const csrfToken = (csrf.json as { csrfToken?: unknown } | null)?.csrfToken;
    if (csrf.status !== 200 || typeof csrfToken !== 'string') {
      throw new Error(`GET /api/auth/csrf answered ${csrf.status}: ${csrf.text.slice(0, 200)}`);
    }
    const headers = this.baseHeaders();
    headers['content-type'] = 'application/x-www-form-urlencoded';
    delete headers.authorization;
    const response = await this.app.fetch(`${this.baseUrl}/api/auth/callback/credentials`, {
      method: 'POST',
      headers,
      body: new URLSearchParams({ csrfToken, email, password, json: 'true' }).toString(),
      redirect: 'manual',
    });
    this.jar.store(response);
    return read(response);
  }

  /** Signs in and fails loudly (with the answer) unless a session cookie came back. */
  async signInOrThrow(email: string, password: string): Promise<void> {
    const answer = await this.signIn(email, password);
    if (!this.isSignedIn) throw new Error(`sign-in as ${email} failed: HTTP ${answer.status} ${answer.text.slice(0, 200)}`);
  }
}

async function read(response: Response): Promise<ApiResponse> {
  if (response.headers.get('content-type') === 'application/zip') {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, text: '', json: null, bytes };
  }
  const text = await response.text();
  let json: unknown = null;
  if (text !== '') {
    try {
      json = JSON.parse(text) as unknown;
    } catch {
      json = null;
    }
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** The `{error}` body of a failed answer; throws when the body is not one (so a test fails with the body shown). */
export function errorOf(response: ApiResponse): ErrorBody['error'] {
  const body = response.json as Partial<ErrorBody> | null;
  if (!body?.error || typeof body.error.message !== 'string') {
    throw new Error(`expected an error body, got HTTP ${response.status}: ${response.text.slice(0, 300)}`);
  }
  return body.error;
}

/** Asserts a 2xx answer and returns its JSON; throws with the answer otherwise (for setup steps). */
export function expectOk<T>(response: ApiResponse, what: string): T {
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`${what}: HTTP ${response.status} ${response.text.slice(0, 300)}`);
  }
  return response.json as T;
}
