import { citizenReportCounts, citizenReportsBody } from "@/lib/citizen/report-counts";
import { receiveCitizenReport } from "@/lib/citizen/receive-report";
import { getDb } from "@/lib/db";
import { parseWindow } from "../../../query-params";
import { json, notFoundError } from "../../../responses";

export const dynamic = "force-dynamic";

const DAY_MS = 86_400_000;

/**
 * GET /api/v1/services/{slug}/reports?from=&to=: citizens' reports counted per 5 minutes, per
 * function and district, in [from, to) (default the last 24 hours, at most 7 days), and the surges.
 * Reports, never measurements: they are not downtime.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const now = new Date();
  const window = parseWindow(new URL(req.url).searchParams, { now, defaultMs: DAY_MS, maxMs: 7 * DAY_MS });
  if (!window.ok) return window.response;
  const c = await citizenReportCounts(await getDb(), slug, window.value);
  if (!c) return notFoundError(`no service with slug "${slug}"`);
  return json(citizenReportsBody(c, now));
}

/** POST /api/v1/services/{slug}/reports: a citizen's report (the service page's form, or JSON). */
export async function POST(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return receiveCitizenReport(req, (await params).slug);
}
