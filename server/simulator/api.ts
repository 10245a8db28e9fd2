import { randomUUID } from 'node:crypto';
import type { WireSignedInUser, WireTokenAnswer } from '../rest/wire';

/** A refusal or failure from the server, with its stable code when the body carried one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * One party's session with the REST API: a password login, the bearer token on every call, and a new
 * login when the server answers 401 (tokens are short-lived, and a restarted server may not know them).
 */
export class ApiClient {
  private accessToken: string | undefined;
  user: WireSignedInUser | undefined;

  constructor(
    private readonly baseUrl: string,
    readonly email: string,
    private readonly password: string,
    private readonly signal: AbortSignal,
  ) {}

  async login(): Promise<WireSignedInUser> {
    const body = await this.send<WireTokenAnswer>('POST', '/v3/oauth/token', {
      grant_type: 'password',
      username: this.email,
      password: this.password,
    });
    this.accessToken = body.access_token;
    this.user = body.user;
    return body.user;
  }

  get<T>(path: string): Promise<T> {
    return this.authorized('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.authorized('POST', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.authorized('PATCH', path, body);
  }

  private async authorized<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.accessToken) await this.login();
    // One key per write, kept across the re-login retry: the server answers a repeat with the first result.
    // Random, not from the seeded generator: a second run with the same seed must not replay the first run's writes.
    const idempotencyKey = method === 'GET' ? undefined : randomUUID();
    try {
      return await this.send<T>(method, path, body, idempotencyKey);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error;
      await this.login();
      return this.send<T>(method, path, body, idempotencyKey);
    }
  }

  private async send<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.accessToken && path !== '/v3/oauth/token') headers.authorization = `Bearer ${this.accessToken}`;
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: this.signal,
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? `HTTP_${response.status}`,
        error?.message ?? (text.slice(0, 200) || response.statusText),
      );
    }
    return parsed as T;
  }
}
