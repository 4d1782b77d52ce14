import { CSV_CONTENT_TYPE, attachmentDisposition } from "@/core/csv";
import { exportOutagesCsv } from "@/lib/data/exports";
import { HISTORY_DAYS } from "@/lib/data/services";
import { getDb } from "@/lib/db";
import { parseWindow } from "../../../query-params";
import { notFoundError } from "../../../responses";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/services/{slug}/outages.csv?from=&to=: the rows of GET …/outages
 * (outages overlapping [from, to), default the last 90 days) as a CSV download.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const now = new Date();
  const window = parseWindow(new URL(req.url).searchParams, { now, defaultMs: HISTORY_DAYS * 86_400_000 });
  if (!window.ok) return window.response;
  const out = await exportOutagesCsv(await getDb(), slug, window.value, now);
  if (!out) return notFoundError(`no service with slug "${slug}"`);
  return new Response(out.csv, {
    status: 200,
    headers: { "Content-Type": CSV_CONTENT_TYPE, "Content-Disposition": attachmentDisposition(out.filename), "Cache-Control": "no-store" },
  });
}
