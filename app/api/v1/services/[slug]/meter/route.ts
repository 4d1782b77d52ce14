import { getDb } from "@/lib/db";
import { servicePenaltyMeter } from "@/lib/reports/penalty-meter";
import { ReportError } from "@/lib/reports/service-report";
import { parseInstant } from "../../../query-params";
import { apiError, json } from "../../../responses";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/services/{slug}/meter[?at=instant]: the money accruing now (or as of
 * `at`, for a replay) under each rule, from the same report as …/sla.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const now = new Date();
  const at = parseInstant(new URL(req.url).searchParams, "at", now);
  if (!at.ok) return at.response;
  try {
    const meter = await servicePenaltyMeter(await getDb(), slug, at.value);
    if (!meter) return apiError(422, "no_contract", `no contract of "${slug}" covers ${at.value.toISOString()}, or its period has not begun`);
    return json({ generatedAt: now.toISOString(), ...meter });
  } catch (err) {
    if (err instanceof ReportError) return apiError(err.code === "not_found" ? 404 : 422, err.code, err.message);
    throw err;
  }
}
