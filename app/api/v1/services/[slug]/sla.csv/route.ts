import { parseMonth } from "@/core/accounting/periods";
import { CSV_CONTENT_TYPE, attachmentDisposition } from "@/core/csv";
import { exportSlaCsv } from "@/lib/data/exports";
import { getDb } from "@/lib/db";
import { ReportError } from "@/lib/reports/service-report";
import { apiError } from "../../../responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/services/{slug}/sla.csv?month=YYYY-MM: the report of GET …/sla as CSV (the same as `ledger report --format csv`). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const raw = new URL(req.url).searchParams.get("month");
  const month = raw ? parseMonth(raw) : null;
  if (!month) return apiError(400, "invalid_parameter", "month must be given as YYYY-MM, e.g. 2022-04", "month");
  try {
    const out = await exportSlaCsv(await getDb(), slug, month, new Date());
    return new Response(out.csv, {
      status: 200,
      headers: { "Content-Type": CSV_CONTENT_TYPE, "Content-Disposition": attachmentDisposition(out.filename), "Cache-Control": "no-store" },
    });
  } catch (err) {
    if (err instanceof ReportError) return apiError(err.code === "not_found" ? 404 : 422, err.code, err.message);
    throw err;
  }
}
