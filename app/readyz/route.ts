import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { readReadiness } from "@/lib/health/read-readiness";

export const dynamic = "force-dynamic";

/**
 * GET /readyz: database reachable, migrations applied, probe worker and alerter beating, data disk
 * under 90%. 200 when all hold, 503 otherwise; one line per check; never cached.
 */
export async function GET(): Promise<Response> {
  const r = await readReadiness(await getDb(), { now: Date.now(), databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  return Response.json(r, { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
