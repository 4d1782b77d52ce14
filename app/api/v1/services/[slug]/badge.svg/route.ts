import { BADGE_CONTENT_TYPE, renderBadge } from "@/core/badge-svg";
import { BADGE_KINDS, BadgeNotFoundError, serviceBadge } from "@/lib/data/badge";
import { getDb } from "@/lib/db";
import { LANGS } from "@/lib/i18n";
import { apiError, notFoundError } from "../../../responses";
import { parseChoice, parseFunctionKey } from "../../../query-params";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/services/{slug}/badge.svg?function=&kind=status|uptime30d&lang=ko|en:
 * a status badge for embedding. Without `function`, the service's overall state.
 */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const query = new URL(req.url).searchParams;
  const kind = parseChoice(query, "kind", BADGE_KINDS, "status");
  if (!kind.ok) return kind.response;
  const lang = parseChoice(query, "lang", LANGS, "ko");
  if (!lang.ok) return lang.response;
  const functionKey = parseFunctionKey(query);
  if (!functionKey.ok) return functionKey.response;
  if (kind.value === "uptime30d" && functionKey.value === undefined)
    return apiError(400, "invalid_parameter", "function is required for kind=uptime30d", "function");

  try {
    const badge = await serviceBadge(await getDb(), { slug, functionKey: functionKey.value, kind: kind.value, lang: lang.value }, new Date());
    return new Response(renderBadge(badge), { status: 200, headers: { "Content-Type": BADGE_CONTENT_TYPE, "Cache-Control": "public, max-age=60" } });
  } catch (err) {
    if (err instanceof BadgeNotFoundError) return err.parameter ? apiError(404, "not_found", err.message, err.parameter) : notFoundError(err.message);
    throw err;
  }
}
