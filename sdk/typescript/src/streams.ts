/** Reading answers as they arrive: NDJSON lines and the pages of a cursor listing. */

/** Each JSON value of an `application/x-ndjson` body, parsed as its line arrives. */
export async function* ndjsonLines<T>(response: Response): AsyncGenerator<T, void, undefined> {
  if (!response.body) return;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffered += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline = buffered.indexOf("\n");
      while (newline >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line) yield JSON.parse(line) as T;
        newline = buffered.indexOf("\n");
      }
      if (done) break;
    }
    const last = buffered.trim();
    if (last) yield JSON.parse(last) as T;
  } finally {
    // Stopping early (break out of the loop) closes the connection instead of reading the rest.
    await reader.cancel().catch(() => undefined);
  }
}

/** A page of a cursor listing as the api answers it. */
export interface CursorPage<T> {
  has_more?: boolean;
  next_cursor?: string | null;
  items: T[];
}

/**
 * Every item of a cursor listing: asks for the first page with `body`, then for the page after each page with its
 * `next_cursor` (same filters and sort), until a page says `has_more: false`. Pages are fetched one at a time, as
 * the caller consumes items.
 */
export async function* cursorItems<T>(
  body: Record<string, unknown>,
  fetchPage: (body: Record<string, unknown>) => Promise<CursorPage<T>>,
): AsyncGenerator<T, void, undefined> {
  let request = { ...body };
  for (;;) {
    const page = await fetchPage(request);
    yield* page.items;
    if (!page.has_more || !page.next_cursor) return;
    // A cursor page has no position: page and offset are replaced by the cursor.
    const { page: _page, offset: _offset, ...rest } = request;
    request = { ...rest, cursor: page.next_cursor };
  }
}
