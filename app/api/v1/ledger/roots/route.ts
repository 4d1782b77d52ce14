import { defaultRootsTo, listPublishedRoots, ROOTS_DEFAULT_DAYS, ROOTS_MAX_DAYS } from "@/lib/data/ledger-roots";
import { getDb } from "@/lib/db";
import { parseDayWindow } from "../../query-params";
import { json } from "../../responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/ledger/roots?from=YYYY-MM-DD&to=YYYY-MM-DD: the published daily roots of [from, to) (UTC days). */
export async function GET(req: Request): Promise<Response> {
  const now = new Date();
  const range = parseDayWindow(new URL(req.url).searchParams, { defaultTo: defaultRootsTo(now), defaultDays: ROOTS_DEFAULT_DAYS, maxDays: ROOTS_MAX_DAYS });
  if (!range.ok) return range.response;
  return json(await listPublishedRoots(await getDb(), range.value, now));
}
