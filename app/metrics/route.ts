import { PROMETHEUS_CONTENT_TYPE, renderMetrics } from "@/core/prometheus-text";
import { collectMetrics } from "@/lib/data/metrics";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** GET /metrics: Prometheus text exposition format 0.0.4 (docs/api.md lists the families). */
export async function GET(): Promise<Response> {
  const families = await collectMetrics(await getDb(), new Date());
  return new Response(renderMetrics(families), { status: 200, headers: { "Content-Type": PROMETHEUS_CONTENT_TYPE, "Cache-Control": "no-store" } });
}
