import { ATOM_CONTENT_TYPE, renderAtom } from "@/core/atom";
import { incidentFeed } from "@/lib/data/feed";
import { getDb } from "@/lib/db";

export const dynamic = "force-dynamic";

/** GET /api/v1/feed.atom: outages of every service as an Atom feed. */
export async function GET(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const feed = await incidentFeed(await getDb(), { origin: url.origin, selfUrl: `${url.origin}${url.pathname}`, now: new Date() });
  return new Response(renderAtom(feed), { status: 200, headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "public, max-age=60" } });
}
