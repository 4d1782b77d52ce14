import { z } from "zod";
import { HISTORY_DAYS, listOutages } from "@/lib/data/services";
import { getDb } from "@/lib/db";
import { apiError, json, notFoundError } from "../../../responses";

export const dynamic = "force-dynamic";

const instant = z.iso.datetime({ offset: true, error: "must be an ISO 8601 instant with an offset, e.g. 2022-04-01T00:00:00+09:00" });

/**
 * GET /api/v1/services/{slug}/outages?from=&to=: outages overlapping the
 * half-open window [from, to). Defaults: the last 90 days up to now.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const now = new Date();
  const query = new URL(req.url).searchParams;

  const bounds: Record<"from" | "to", Date | undefined> = { from: undefined, to: undefined };
  for (const name of ["from", "to"] as const) {
    const raw = query.get(name);
    if (raw === null) continue;
    // An unencoded "+09:00" arrives as " 09:00" (form decoding); a space is never valid in an instant.
    const parsed = instant.safeParse(raw.replaceAll(" ", "+"));
    if (!parsed.success) return apiError(400, "invalid_parameter", `${name} ${parsed.error.issues[0]?.message ?? "is invalid"}`, name);
    bounds[name] = new Date(parsed.data);
  }
  const to = bounds.to ?? now;
  const from = bounds.from ?? new Date(to.getTime() - HISTORY_DAYS * 86_400_000);
  if (from.getTime() >= to.getTime()) return apiError(400, "invalid_parameter", "from must be earlier than to", "from");

  const outages = await listOutages(await getDb(), slug, { from, to }, now);
  if (!outages) return notFoundError(`no service with slug "${slug}"`);
  return json({ generatedAt: now.toISOString(), from: from.toISOString(), to: to.toISOString(), outages });
}
