import { CSV_CONTENT_TYPE, attachmentDisposition } from "@/core/csv";
import { exportResults, ExportNotFoundError, MAX_RESULTS_WINDOW_DAYS } from "@/lib/data/exports";
import { getDb } from "@/lib/db";
import { parseChoice, parseFunctionKey, parseWindow } from "../../../query-params";
import { apiError, notFoundError } from "../../../responses";

export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;

/**
 * GET /api/v1/services/{slug}/results?from=&to=&function=&format=json|csv:
 * every probe run in the half-open window [from, to) (default: the last 24
 * hours, at most 31 days), streamed in (at, id) order.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const now = new Date();
  const query = new URL(req.url).searchParams;
  const window = parseWindow(query, { now, defaultMs: DAY_MS, maxMs: MAX_RESULTS_WINDOW_DAYS * DAY_MS });
  if (!window.ok) return window.response;
  const format = parseChoice(query, "format", ["json", "csv"], "json");
  if (!format.ok) return format.response;
  const functionKey = parseFunctionKey(query);
  if (!functionKey.ok) return functionKey.response;

  try {
    const out = await exportResults(await getDb(), { slug, functionKey: functionKey.value, ...window.value, format: format.value }, now);
    const headers: Record<string, string> =
      format.value === "csv"
        ? { "Content-Type": CSV_CONTENT_TYPE, "Content-Disposition": attachmentDisposition(out.filename) }
        : { "Content-Type": "application/json; charset=utf-8" };
    return new Response(out.body, { status: 200, headers: { ...headers, "Cache-Control": "no-store" } });
  } catch (err) {
    if (err instanceof ExportNotFoundError) return err.parameter ? apiError(404, "not_found", err.message, err.parameter) : notFoundError(err.message);
    throw err;
  }
}
