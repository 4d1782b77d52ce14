import net from "node:net";
import type { TcpProbe } from "@/core/config/resolve";
import type { Verdict } from "@/core/evaluate-response";
import type { ProbeRunner } from "../run-context";
import { classifyNetworkError } from "./classify-error";
import { slowerThan, toOutcome } from "./outcome";

/** A TCP connect to host:port within the deadline; the connection is closed at once. */
export const runTcpCheck: ProbeRunner<TcpProbe> = async (probe, ctx) => {
  const started = performance.now();
  const outcome = await new Promise<{ ok: true } | { ok: false; err: unknown; timedOut: boolean }>((resolve) => {
    const socket = net.connect({ host: probe.host, port: probe.port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ ok: false, err: null, timedOut: true });
    }, probe.timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok: true });
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      resolve({ ok: false, err, timedOut: false });
    });
  });
  const latencyMs = performance.now() - started;
  let verdict: Verdict;
  if (outcome.ok) verdict = slowerThan(latencyMs, probe.maxLatencyMs, "TCP connect took ") ?? { state: "UP", errorClass: null, message: null };
  else if (outcome.timedOut)
    verdict = { state: "DOWN", errorClass: "TIMEOUT", message: `no TCP connection to ${probe.host}:${probe.port} within ${probe.timeoutMs} ms` };
  else verdict = { state: "DOWN", ...classifyNetworkError(outcome.err) };
  return toOutcome(verdict, { latencyMs, httpStatus: null }, ctx, {
    detail: { kind: "tcp", tcp: { host: probe.host, port: probe.port, connectMs: outcome.ok ? Math.round(latencyMs) : null } },
  });
};
