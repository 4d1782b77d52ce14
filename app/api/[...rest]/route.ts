import { notFoundError } from "../v1/responses";

/** Unknown API paths answer in JSON, not with the HTML 404 page. */
export function GET(req: Request): Response {
  return notFoundError(`no API route at ${new URL(req.url).pathname}`);
}
