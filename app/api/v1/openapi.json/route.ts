import { openApiDocument } from "@/lib/openapi/document";
import { json } from "../responses";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of every public endpoint. */
export function GET(): Response {
  return json(openApiDocument());
}
