import { MEDIA_TYPES } from "@/core/evidence/evidence-blob";
import { evidenceDir, getEvidenceBlob } from "@/lib/data/evidence-blob";
import { getDb } from "@/lib/db";
import { notFoundError } from "../../responses";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/evidence/{hash}: a stored piece of evidence (redacted body text,
 * screenshot, HAR) by its sha256. Immutable, so cached for good; served so it can
 * never run as a page here (text is plain text, nothing is sniffed, no scripts).
 */
export async function GET(_req: Request, { params }: { params: Promise<{ hash: string }> }): Promise<Response> {
  const { hash } = await params;
  const blob = await getEvidenceBlob(await getDb(), evidenceDir(), hash);
  if (!blob) return notFoundError(`no evidence with hash "${hash}"`);
  const har = blob.mediaType === MEDIA_TYPES.har;
  const type = blob.mediaType === MEDIA_TYPES.png || har ? blob.mediaType : MEDIA_TYPES.text;
  return new Response(new Uint8Array(blob.bytes), {
    headers: {
      "Content-Type": type,
      "Content-Length": String(blob.bytes.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; sandbox",
      ETag: `"${hash}"`,
      ...(har ? { "Content-Disposition": `attachment; filename="evidence-${hash.slice(0, 12)}.har"` } : {}),
    },
  });
}
