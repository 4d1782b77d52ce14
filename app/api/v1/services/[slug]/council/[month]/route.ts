import { parseMonth } from "@/core/accounting/periods";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";
import { logger } from "@/lib/log";
import { councilPdfFor } from "@/lib/pdf/council-pdf-store";
import { ReportError, serviceReport } from "@/lib/reports/service-report";
import { apiError } from "../../../../responses";

export const dynamic = "force-dynamic";

const log = logger("council-pdf");

/**
 * GET /api/v1/services/{slug}/council/{YYYY-MM}.pdf?lang=ko|en: the council
 * report of a month as an A4 PDF, the same figures as /sla?month= and the page.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string; month: string }> }): Promise<Response> {
  const { slug, month: file } = await params;
  const match = /^(\d{4}-\d{2})\.pdf$/.exec(file);
  const month = match ? parseMonth(match[1]!) : null;
  if (!month) return apiError(400, "invalid_parameter", "the path must end in {YYYY-MM}.pdf, e.g. 2022-04.pdf", "month");
  const lang = new URL(req.url).searchParams.get("lang") ?? "ko";
  if (!isLang(lang)) return apiError(400, "invalid_parameter", "lang must be ko or en", "lang");
  let report;
  try {
    report = await serviceReport(await getDb(), slug, month, new Date());
  } catch (err) {
    if (err instanceof ReportError) return apiError(err.code === "not_found" ? 404 : 422, err.code, err.message);
    throw err;
  }
  let pdf: Buffer;
  let kept: boolean;
  try {
    ({ pdf, kept } = await councilPdfFor(report, lang));
  } catch (err) {
    log.error({ slug, month: match![1], err: err instanceof Error ? err.message : String(err) }, "council pdf failed");
    return apiError(500, "pdf_failed", "the PDF could not be printed; the same report is at /sla?month= and on the council page");
  }
  return new Response(new Uint8Array(pdf), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${slug}-${match![1]}-council.pdf"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "no-store",
      // kept: printed before from the same figures (lib/pdf/pdf-cache.ts); printed: printed for this request
      "X-Ledger-Pdf": kept ? "kept" : "printed",
    },
  });
}
