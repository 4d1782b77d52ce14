import { request, type Dispatcher } from "undici";
import type { Observation } from "@/core/evaluate-response";
import type { ErrorClass } from "@/core/probe-result";
import type { TimingPhases } from "@/core/result-detail";
import { classifyNetworkError } from "./classify-error";
import { phasesOf, timedAgent } from "./timed-connector";

export type ExchangeRequest = { method: string; url: string; headers: Record<string, string>; body?: string };
export type ExchangeLimits = { maxBodyBytes: number; maxRedirects: number; ca: string | null; timeoutMs: number };

/** What the exchange saw, raw (not yet redacted): the material for evidence. */
export type ExchangeTrace = {
  method: string;
  url: string;
  status: number | null;
  headers: Record<string, string> | null;
  phases: TimingPhases;
  bodyBytes: number;
  /** the start of the body as received (at most maxBodyBytes) */
  body: Buffer;
  redirects: string[];
};

export type Exchange = { observation: Observation; trace: ExchangeTrace };

const USER_AGENT = "UptimeLedger/0.1 (+public SLA monitor)";

/**
 * One HTTP exchange under a deadline (`signal`): redirects followed up to a
 * limit (a loop is named as such), the body read up to a cap (a declared length
 * over the cap is refused before reading), timing phases noted. Never throws:
 * every failure is an Observation with its own error class, and memory stays
 * bounded by the cap whatever the server sends.
 */
export async function httpExchange(req: ExchangeRequest, limits: ExchangeLimits, signal: AbortSignal): Promise<Exchange> {
  const { agent, marks } = timedAgent({ connectTimeoutMs: limits.timeoutMs, ca: limits.ca });
  const elapsed = () => performance.now() - marks.start;
  const headers: Record<string, string> = { "user-agent": USER_AGENT, ...req.headers };
  let url = req.url;
  let method = req.method;
  const redirects: string[] = [];
  const visited = new Set<string>([`${method} ${url}`]);
  let status: number | null = null;
  let resHeaders: Record<string, string> | null = null;
  let bodyBytes = 0;
  const chunks: Buffer[] = [];
  let kept = 0;
  const trace = (): ExchangeTrace => ({
    method,
    url,
    status,
    headers: resHeaders,
    phases: phasesOf(marks, performance.now()),
    bodyBytes,
    body: Buffer.concat(chunks),
    redirects,
  });
  const fail = (errorClass: ErrorClass, message: string): Exchange => ({
    observation: { ok: false, errorClass, message, latencyMs: elapsed(), ...(status !== null ? { status } : {}) },
    trace: trace(),
  });

  try {
    for (let hop = 0; ; hop++) {
      status = null;
      resHeaders = null;
      marks.firstByte = null;
      const res = await request(url, {
        method: method as Dispatcher.HttpMethod,
        headers,
        body: method === "GET" || method === "HEAD" ? undefined : req.body,
        signal,
        dispatcher: agent,
        // the deadline is ours (precise); undici's own timers are coarse
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      marks.firstByte = performance.now();
      status = res.statusCode;
      resHeaders = flatten(res.headers);
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === "string") {
        discard(res.body);
        const next = new URL(location, url).toString();
        redirects.push(url);
        if (res.statusCode === 303 || ((res.statusCode === 301 || res.statusCode === 302) && method === "POST")) method = "GET";
        if (visited.has(`${method} ${next}`)) {
          return fail("REDIRECT_LOOP", `redirect loop: ${[...redirects, next].map(shortUrl).join(" → ")}`);
        }
        if (hop >= limits.maxRedirects) return fail("TOO_MANY_REDIRECTS", `more than ${limits.maxRedirects} redirects`);
        visited.add(`${method} ${next}`);
        url = next;
        continue;
      }
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
        discard(res.body);
        return fail("BODY_TOO_LARGE", `body declared as ${declared} bytes, more than the ${limits.maxBodyBytes} allowed`);
      }
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        bodyBytes += chunk.length;
        if (kept < limits.maxBodyBytes) {
          const part = chunk.subarray(0, limits.maxBodyBytes - kept);
          chunks.push(part);
          kept += part.length;
        }
        if (bodyBytes > limits.maxBodyBytes) {
          discard(res.body);
          return fail("BODY_TOO_LARGE", `body larger than ${limits.maxBodyBytes} bytes`);
        }
      }
      return {
        observation: { ok: true, status: res.statusCode, headers: resHeaders, body: Buffer.concat(chunks).toString("utf8"), latencyMs: elapsed() },
        trace: trace(),
      };
    }
  } catch (err) {
    if (signal.aborted) {
      const ms = Math.round(elapsed());
      if (status === null) return fail("TIMEOUT", `no answer within ${ms} ms (${reached(marks, url.startsWith("https:"))})`);
      if (bodyBytes === 0)
        return fail(
          "BODY_TIMEOUT",
          `headers (${status}) came after ${Math.round((marks.firstByte ?? marks.start) - marks.start)} ms, then no body byte before the deadline (${ms} ms)`,
        );
      return fail("SLOW_BODY", `body still arriving at the deadline (${ms} ms): ${bodyBytes} bytes received`);
    }
    const { errorClass, message } = classifyNetworkError(err);
    return fail(errorClass, message);
  } finally {
    agent.destroy().catch(() => {});
  }
}

function reached(
  m: { dnsStart: number | null; dnsEnd: number | null; connectStart: number | null; connectEnd: number | null; tlsEnd: number | null },
  https: boolean,
): string {
  if (m.connectStart === null) return "no connection attempt";
  if (m.dnsStart !== null && m.dnsEnd === null) return "still resolving the name";
  if (m.connectEnd === null) return "still connecting";
  if (https && m.tlsEnd === null) return "connected; TLS handshake not finished";
  return "connected; waiting for the answer";
}

/** Stops reading a body; the abort it causes is expected, not an error to report. */
function discard(body: { on: (e: "error", f: () => void) => unknown; destroy: () => unknown }): void {
  body.on("error", () => {});
  body.destroy();
}

function flatten(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

function shortUrl(u: string): string {
  try {
    const x = new URL(u);
    return `${x.pathname}${x.search}`;
  } catch {
    return u;
  }
}
