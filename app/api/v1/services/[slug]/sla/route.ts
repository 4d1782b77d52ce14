import { parseMonth } from "@/core/accounting/periods";
import { getDb } from "@/lib/db";
import { ReportError, serviceReport } from "@/lib/reports/service-report";
import { apiError, json } from "../../../responses";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/services/{slug}/sla?month=YYYY-MM: the contract report for a
 * calendar month in the contract's time zone, the same as `ledger report`.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const raw = new URL(req.url).searchParams.get("month");
  const month = raw ? parseMonth(raw) : null;
  if (!month) return apiError(400, "invalid_parameter", "month must be given as YYYY-MM, e.g. 2022-04", "month");
  try {
    const now = new Date();
    return json({ generatedAt: now.toISOString(), ...(await serviceReport(await getDb(), slug, month, now)) });
  } catch (err) {
    if (err instanceof ReportError) return apiError(err.code === "not_found" ? 404 : 422, err.code, err.message);
    throw err;
  }
}
