import { randomUUID } from "node:crypto";
import type { FlowProbe, HttpProbe } from "@/core/config/resolve";
import type { HttpRequestSpec } from "@/core/config/probe-definition";
import { evaluateResponse } from "@/core/evaluate-response";
import { responseEvidence } from "@/core/evidence/response-evidence";
import { allowedRanges } from "@/core/net/allowed-ranges";
import { fillTemplate } from "@/core/request-template";
import type { ProbeRunner, RunContext } from "../run-context";
import { httpExchange, type ExchangePolicy, type ExchangeRequest } from "./http-exchange";
import { toOutcome } from "./outcome";

/**
 * One HTTP check: a total deadline over the whole exchange (redirects and body
 * included), caps on body bytes and redirects, a fresh connection per check, as
 * a citizen's phone would open one. Conditions are evaluated on what came back.
 */
export const runHttpCheck: ProbeRunner<HttpProbe> = async (probe, ctx) => {
  const signal = AbortSignal.timeout(probe.timeoutMs);
  const filled = fillTemplate(probe.request, { uuid: randomUUID, now: ctx.now });
  const { observation, trace } = await httpExchange(toExchangeRequest(filled), { ...probe, timeoutMs: probe.timeoutMs }, signal, exchangePolicy(probe, ctx));
  const verdict = evaluateResponse(observation, probe.expect);
  const measured = { latencyMs: observation.latencyMs, httpStatus: observation.ok ? observation.status : (observation.status ?? null) };
  if (verdict.state === "UP") return toOutcome(verdict, measured, ctx);
  const { response, blobs } = responseEvidence(trace, ctx.evidence, null);
  return toOutcome(verdict, measured, ctx, { detail: { kind: "http", response }, evidence: blobs });
};

/** A filled request as bytes on the wire: a non-string body is sent as JSON, with its content type unless one is set. */
export function toExchangeRequest(filled: HttpRequestSpec): ExchangeRequest {
  const headers = { ...filled.headers };
  let body: string | undefined;
  if (filled.body !== undefined) {
    body = typeof filled.body === "string" ? filled.body : JSON.stringify(filled.body);
    if (typeof filled.body !== "string" && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";
  }
  return { method: filled.method, url: filled.url, headers, body };
}

/**
 * Where a probe's requests may go: public addresses, plus the private ranges its
 * own configured URLs are in (or all with allowPrivateNetwork); secret headers
 * are those evidence redaction hides, so what is never published is never forwarded.
 */
export function exchangePolicy(probe: HttpProbe | FlowProbe, ctx: RunContext): ExchangePolicy {
  const urls = probe.kind === "http" ? [probe.request.url] : [...probe.steps, ...probe.cleanup].map((s) => s.request.url);
  return { resolve: ctx.resolve, allowed: allowedRanges(urls, probe.allowPrivateNetwork ?? false), isSecretHeader: ctx.evidence.redactor.isSecretHeader };
}
