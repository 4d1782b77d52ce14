import { CSV_CONTENT_TYPE, attachmentDisposition } from "@/core/csv";
import { exportReportCountsCsv } from "@/lib/citizen/report-counts-csv";
import { getDb } from "@/lib/db";
import { parseWindow } from "../../../query-params";
import { notFoundError } from "../../../responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/services/{slug}/reports.csv?from=&to=: the counts of GET …/reports as CSV (at most 7 days). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const window = parseWindow(new URL(req.url).searchParams, { now: new Date(), defaultMs: 86_400_000, maxMs: 7 * 86_400_000 });
  if (!window.ok) return window.response;
  const out = await exportReportCountsCsv(await getDb(), slug, window.value);
  if (!out) return notFoundError(`no service with slug "${slug}"`);
  return new Response(out.csv, {
    status: 200,
    headers: { "Content-Type": CSV_CONTENT_TYPE, "Content-Disposition": attachmentDisposition(out.filename), "Cache-Control": "no-store" },
  });
}
