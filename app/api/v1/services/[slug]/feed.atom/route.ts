import { ATOM_CONTENT_TYPE, renderAtom } from "@/core/atom";
import { incidentFeed } from "@/lib/data/feed";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { notFoundError } from "../../../responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/services/{slug}/feed.atom: the service's outages as an Atom feed, linked on LEDGER_PUBLIC_URL. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const origin = env.publicUrl;
  const feed = await incidentFeed(await getDb(), { slug, origin, selfUrl: `${origin}/api/v1/services/${encodeURIComponent(slug)}/feed.atom`, now: new Date() });
  if (!feed) return notFoundError(`no service with slug "${slug}"`);
  return new Response(renderAtom(feed), { status: 200, headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "public, max-age=60" } });
}
