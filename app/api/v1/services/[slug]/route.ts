import { getService } from "@/lib/data/services";
import { getDb } from "@/lib/db";
import { json, notFoundError } from "../../responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/services/{slug}: the service page's data. */
export async function GET(_req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await params;
  const service = await getService(await getDb(), slug, new Date());
  if (!service) return notFoundError(`no service with slug "${slug}"`);
  return json(service);
}
