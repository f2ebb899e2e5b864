// Calls to the api from a page: JSON in, RFC 9457 problems turned into errors a person can read.

/** An api answer that was not 2xx: `status`, and the problem's `code`, `title` and `detail` when it sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? null;
    this.title = problem?.title ?? null;
  }
}

/** GETs `url` and answers its JSON body; throws ApiError for a non-2xx answer. */
export async function getJson(url, { signal } = {}) {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal, credentials: 'omit' });
  const type = response.headers.get('Content-Type') ?? '';
  const body = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, body);
  }
  return body;
}

/** What to tell a person about a failed call: expired or refused links get their own words. */
export function describeError(error) {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.status === 403) {
      return 'This map link is not valid any more (it has expired or was changed). Ask the api for a new one '
        + 'with processing.job.tile_info.';
    }
    if (error.status === 404) {
      return 'No such job, or it belongs to another organisation.';
    }
    return `The api answered ${error.status}: ${error.message}`;
  }
  return `The api could not be reached: ${error.message}`;
}
