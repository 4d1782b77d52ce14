import { parseMonth } from "@/core/accounting/periods";
import { CSV_CONTENT_TYPE, attachmentDisposition } from "@/core/csv";
import { exportSlaCsv } from "@/lib/data/exports";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";
import { ReportError } from "@/lib/reports/service-report";
import { apiError } from "../../../responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/services/{slug}/sla.csv?month=YYYY-MM[&lang=ko|en]: the report of GET …/sla as CSV (the same as `ledger report --format csv --lang`). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const query = new URL(req.url).searchParams;
  const raw = query.get("month");
  const month = raw ? parseMonth(raw) : null;
  if (!month) return apiError(400, "invalid_parameter", "month must be given as YYYY-MM, e.g. 2022-04", "month");
  const lang = query.get("lang") ?? "ko";
  if (!isLang(lang)) return apiError(400, "invalid_parameter", "lang must be ko or en", "lang");
  try {
    const out = await exportSlaCsv(await getDb(), slug, month, new Date(), lang);
    return new Response(out.csv, {
      status: 200,
      headers: { "Content-Type": CSV_CONTENT_TYPE, "Content-Disposition": attachmentDisposition(out.filename), "Cache-Control": "no-store" },
    });
  } catch (err) {
    if (err instanceof ReportError) return apiError(err.code === "not_found" ? 404 : 422, err.code, err.message);
    throw err;
  }
}
