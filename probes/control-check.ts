import { connect } from "node:net";
import { request } from "undici";
import type { ControlTarget, ProbeDefinition } from "@/core/config/resolve";
import type { ProbeResult } from "@/core/probe-result";

/** One check of a location's known-good target. */
export type ControlOutcome = { ok: boolean; startedAt: number; detail: string };

/**
 * Checks a control target: an HTTP(S) URL answering with a status below 400, or a
 * TCP address accepting a connection, within its timeout. Never throws.
 */
export async function checkControl(target: ControlTarget, now: () => number = Date.now): Promise<ControlOutcome> {
  const startedAt = now();
  if (target.url !== undefined) {
    try {
      const res = await request(target.url, {
        method: "GET",
        headers: { "user-agent": "UptimeLedger/0.1 (control check)" },
        signal: AbortSignal.timeout(target.timeoutMs),
        reset: true,
      });
      await res.body.dump();
      return res.statusCode < 400
        ? { ok: true, startedAt, detail: `${target.url} answered ${res.statusCode}` }
        : { ok: false, startedAt, detail: `${target.url} answered ${res.statusCode}` };
    } catch (err) {
      return { ok: false, startedAt, detail: `${target.url}: ${describe(err)}` };
    }
  }
  const tcp = target.tcp;
  const at = tcp.lastIndexOf(":");
  const host = tcp.slice(0, at).replace(/^\[(.*)\]$/, "$1");
  const port = Number(tcp.slice(at + 1));
  return new Promise<ControlOutcome>((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean, detail: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok, startedAt, detail });
    };
    const timer = setTimeout(() => done(false, `tcp ${tcp}: no connection within ${target.timeoutMs} ms`), target.timeoutMs);
    socket.once("connect", () => done(true, `tcp ${tcp} accepted a connection`));
    socket.once("error", (err) => done(false, `tcp ${tcp}: ${describe(err)}`));
  });
}

function describe(err: unknown): string {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError" || e.name === "AbortError") return "no answer within the timeout";
  return e.cause?.code ?? e.code ?? e.cause?.message ?? e.message ?? String(err);
}

/**
 * Fairness (docs/methodology.md): a run that failed is checked against the location's control
 * target. When the control check fails too, the monitor's own network is at fault and
 * the run is UNKNOWN (never the operator's downtime); the service check's own error
 * stays in the message. The control check must start no earlier than the failed run
 * did, so it tells about the network around that run; failures arriving together
 * share one check.
 */
export function withControl(
  run: (def: ProbeDefinition, at: Date) => Promise<ProbeResult>,
  target: ControlTarget | null,
  now: () => number = Date.now,
): (def: ProbeDefinition, at: Date) => Promise<ProbeResult> {
  if (!target) return run;
  let latest: { startedAt: number; outcome: Promise<ControlOutcome> } | null = null;
  const control = (runStartedAt: number): Promise<ControlOutcome> => {
    if (latest && latest.startedAt >= runStartedAt) return latest.outcome;
    const startedAt = now();
    const outcome = checkControl(target, now);
    latest = { startedAt, outcome };
    return outcome;
  };
  return async (def, at) => {
    const result = await run(def, at);
    if (result.state !== "DOWN") return result;
    const c = await control(at.getTime());
    if (c.ok) return result;
    const own = [result.errorClass, result.message].filter(Boolean).join(": ");
    return {
      ...result,
      state: "UNKNOWN",
      errorClass: "CONTROL_FAILED",
      message: `control check failed (${c.detail}); the monitor's network, not the service, is in doubt. The check said: ${own || "failure"}`.slice(0, 500),
    };
  };
}
