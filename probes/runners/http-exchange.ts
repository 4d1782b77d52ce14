import { request, type Dispatcher } from "undici";
import type { Observation } from "@/core/evaluate-response";
import type { ErrorClass } from "@/core/probe-result";
import type { TimingPhases } from "@/core/result-detail";
import { nextHop, redirectTarget, type HopRequest } from "@/core/net/redirect-hop";
import { classifyNetworkError } from "./classify-error";
import { BlockedAddressError, phasesOf, timedAgent, type AddressGuard } from "./timed-connector";

export type ExchangeRequest = HopRequest;
export type ExchangeLimits = { maxBodyBytes: number; maxRedirects: number; ca: string | null; timeoutMs: number };
/** Where the exchange may connect, and which request headers are secrets that must not follow a redirect to another origin. */
export type ExchangePolicy = AddressGuard & { isSecretHeader: (name: string) => boolean };

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
 * bounded by the cap whatever the server sends. A redirect somewhere a probe
 * must not go (not http(s), not a URL, a refused address) is the target's
 * failure; of a refused hop nothing is kept but the answer that pointed there.
 */
export async function httpExchange(req: ExchangeRequest, limits: ExchangeLimits, signal: AbortSignal, policy: ExchangePolicy): Promise<Exchange> {
  const { agent, marks } = timedAgent({ connectTimeoutMs: limits.timeoutMs, ca: limits.ca, guard: policy });
  const elapsed = () => performance.now() - marks.start;
  let hopReq: HopRequest = { ...req, headers: { "user-agent": USER_AGENT, ...req.headers } };
  let url = req.url;
  let method = req.method;
  const redirects: string[] = [];
  const visited = new Set<string>([`${method} ${url}`]);
  // the answer that sent the exchange to the current hop, shown instead of a hop that was refused
  let from: { method: string; url: string; status: number; headers: Record<string, string> } | null = null;
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
        headers: hopReq.headers,
        body: method === "GET" || method === "HEAD" ? undefined : hopReq.body,
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
        const target = redirectTarget(location, url);
        if (!target.ok) return fail("BAD_REDIRECT", target.message);
        const next = target.url;
        from = { method, url, status: res.statusCode, headers: resHeaders };
        redirects.push(url);
        hopReq = nextHop(hopReq, res.statusCode, next, policy.isSecretHeader);
        method = hopReq.method;
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
    const blocked = blockedIn(err);
    if (blocked) {
      const why = `${blocked.address} is a ${blocked.range} address`;
      if (!from) return fail("BLOCKED_ADDRESS", `refused to connect to ${blocked.host}: ${why} (private networks need allowPrivateNetwork)`);
      // nothing was sent to the refused hop; the evidence is the target's redirect that pointed there
      ({ method, url, status, headers: resHeaders } = from);
      redirects.pop();
      return fail("BLOCKED_ADDRESS", `redirect to ${blocked.host} refused: ${why}; the target pointed the monitor into a private network`);
    }
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

/** The guard's refusal inside an error undici wrapped, if that is what stopped the request. */
function blockedIn(err: unknown): BlockedAddressError | null {
  let current: unknown = err;
  for (let i = 0; i < 5 && current && typeof current === "object"; i++) {
    if (current instanceof BlockedAddressError) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
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
