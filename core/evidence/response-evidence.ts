import type { ResponseDetail, TimingPhases } from "../result-detail";
import { MEDIA_TYPES, type EvidenceBlob } from "./evidence-blob";
import { bodyExcerpt, type Redactor } from "./redact";

/** An HTTP exchange as the runner saw it, before redaction. */
export type RawExchange = {
  method: string;
  url: string;
  status: number | null;
  headers: Record<string, string> | null;
  phases: TimingPhases;
  bodyBytes: number;
  body: Uint8Array;
  redirects: string[];
};

export type EvidencePolicy = { bodyBytes: number; redactor: Redactor };

/**
 * The evidence of one HTTP answer: status, redacted headers, timing phases and
 * redirects as detail, and the first `bodyBytes` of the body, redacted, as a
 * text blob. The body is always kept as plain text so it can never run as a
 * page when it is shown.
 */
export function responseEvidence(ex: RawExchange, settings: EvidencePolicy, step: string | null): { response: ResponseDetail; blobs: EvidenceBlob[] } {
  const r = settings.redactor;
  const response: ResponseDetail = {
    method: ex.method,
    url: r.url(ex.url),
    status: ex.status,
    headers: ex.headers ? r.headers(ex.headers) : {},
    phases: ex.phases,
    bodyBytes: ex.bodyBytes,
    redirects: ex.redirects.map((u) => r.url(u)),
  };
  const blobs: EvidenceBlob[] = [];
  if (settings.bodyBytes > 0 && ex.body.length > 0) {
    const excerpt = bodyExcerpt(ex.body, settings.bodyBytes, r);
    const text = excerpt.binary ? `[binary body, ${ex.bodyBytes} bytes, not kept]` : excerpt.text;
    blobs.push({ role: "body", step, mediaType: MEDIA_TYPES.text, bytes: new TextEncoder().encode(text) });
  }
  return { response, blobs };
}
