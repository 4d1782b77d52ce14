import { ATOM_CONTENT_TYPE, renderAtom } from "@/core/atom";
import { incidentFeed } from "@/lib/data/feed";
import { getDb } from "@/lib/db";
import { notFoundError } from "../../../responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/services/{slug}/feed.atom: the service's outages as an Atom feed. */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const url = new URL(req.url);
  const feed = await incidentFeed(await getDb(), { slug, origin: url.origin, selfUrl: `${url.origin}${url.pathname}`, now: new Date() });
  if (!feed) return notFoundError(`no service with slug "${slug}"`);
  return new Response(renderAtom(feed), { status: 200, headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "public, max-age=60" } });
}
