export const dynamic = "force-dynamic";

/** GET /healthz: the web process is alive (it answers). Whether the instance can be trusted is /readyz. */
export function GET(): Response {
  return Response.json({ status: "ok", generatedAt: new Date().toISOString() }, { headers: { "Cache-Control": "no-store" } });
}
