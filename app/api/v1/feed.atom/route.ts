import { ATOM_CONTENT_TYPE, renderAtom } from "@/core/atom";
import { incidentFeed } from "@/lib/data/feed";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/feed.atom: outages of every service as an Atom feed. Links and ids are on
 * LEDGER_PUBLIC_URL: behind the edge, the request's own URL is the loopback port.
 */
export async function GET(): Promise<Response> {
  const feed = await incidentFeed(await getDb(), { origin: env.publicUrl, selfUrl: `${env.publicUrl}/api/v1/feed.atom`, now: new Date() });
  return new Response(renderAtom(feed), { status: 200, headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "public, max-age=60" } });
}
