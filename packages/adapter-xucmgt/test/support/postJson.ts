export interface PostResult {
  readonly status: number;
  readonly json: Record<string, unknown>;
  readonly headers: Headers;
  /** Wall time of the request, ms. */
  readonly ms: number;
}

/** POSTs like the agent app does (JSON, with an Origin), and reads the JSON reply. */
export async function postJson(
  url: string,
  body: string | object,
  init: { contentType?: string; origin: string },
): Promise<PostResult> {
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': init.contentType ?? 'application/json', origin: init.origin },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  return { status: response.status, json, headers: response.headers, ms: performance.now() - started };
}
