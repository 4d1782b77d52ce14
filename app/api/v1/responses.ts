/** JSON responses of the public API: never cached for now, errors as { error: { code, message, parameter? } }. */
const HEADERS = { "Cache-Control": "no-store", "Content-Type": "application/json; charset=utf-8" };

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: HEADERS });
}

export function apiError(status: number, code: string, message: string, parameter?: string): Response {
  return json({ error: parameter ? { code, message, parameter } : { code, message } }, status);
}

export function notFoundError(message: string): Response {
  return apiError(404, "not_found", message);
}
