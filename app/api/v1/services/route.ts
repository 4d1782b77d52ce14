import { listServices } from "@/lib/data/services";
import { getDb } from "@/lib/db";
import { json } from "../responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/services: every service and the state of each function now. */
export async function GET(): Promise<Response> {
  const now = new Date();
  const services = await listServices(await getDb(), now);
  return json({ generatedAt: now.toISOString(), services });
}
