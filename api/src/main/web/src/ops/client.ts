// Calls to the api's ops.* operations (POST /v1/op/<id>, JSON in and out) with the operator key as Bearer token.

/** A problem the api answered (RFC 9457): its status, stable `code` and the words to show. */
export class OpsError extends Error {
  readonly status: number;
  readonly code: string | null;

  constructor(status: number, problem: { code?: string; title?: string; detail?: string } | null) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'OpsError';
    this.status = status;
    this.code = problem?.code ?? null;
  }
}

/** Where the operations are: the api that served this page (the page is at <api>/ops/). */
const OPERATIONS = new URL('../v1/op/', window.location.href);

export class OpsClient {
  constructor(private readonly key: string) {}

  /** Calls operation `id` with `body`; answers the JSON answer or throws OpsError (or a TypeError when offline). */
  async call<T>(id: string, body: object = {}, signal?: AbortSignal): Promise<T> {
    const response = await fetch(new URL(id, OPERATIONS), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${this.key}` },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
      signal,
    });
    const type = response.headers.get('Content-Type') ?? '';
    const json = type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      throw new OpsError(response.status, json);
    }
    return json as T;
  }
}

/** What to tell the operator about a failed call. */
export function describe(error: unknown): string {
  if (error instanceof OpsError) {
    if (error.status === 401) {
      return 'The api refused this key or session (401: unknown, mistyped, revoked or expired). Sign in again with '
        + 'an operator key.';
    }
    if (error.status === 403) {
      return 'This key may not use the operators\' console (403: it lacks the ops:read scope). Organisation keys '
        + 'never have it; ask an admin for an operator key.';
    }
    return `The api answered ${error.status}${error.code ? ` ${error.code}` : ''}: ${error.message}`;
  }
  return `The api could not be reached: ${error instanceof Error ? error.message : String(error)}`;
}
