import type { ProbeDefinition } from "@/core/config/resolve";
import { DEFAULT_EVIDENCE, type EvidenceSettings } from "@/core/config/probe-definition";
import { createRedactor } from "@/core/evidence/redact";
import type { ProbeResult, RunOutcome } from "@/core/probe-result";
import type { BrowserPool } from "./browser-pool";
import { systemResolver, type Resolver } from "./resolver";
import type { ProbeRunner, RunContext } from "./run-context";
import { runBrowserJourney } from "./runners/browser-runner";
import { runDnsCheck } from "./runners/dns-runner";
import { runFlow } from "./runners/flow-runner";
import { runHttpCheck } from "./runners/http-runner";
import { runTcpCheck } from "./runners/tcp-runner";
import { runTlsCheck } from "./runners/tls-runner";

type Runners = { [K in ProbeDefinition["kind"]]: ProbeRunner<Extract<ProbeDefinition, { kind: K }>> };

/** Every probe kind and its runner; all share one signature and one result type (docs/architecture.md, Code conventions). */
export const RUNNERS: Runners = {
  http: runHttpCheck,
  flow: runFlow,
  browser: runBrowserJourney,
  tls: runTlsCheck,
  dns: runDnsCheck,
  tcp: runTcpCheck,
};

export type RunDeps = { evidence?: EvidenceSettings; browsers?: BrowserPool | null; resolve?: Resolver };

/** How a worker's runs keep evidence, built once from the configuration. */
export function runContextFor(deps: RunDeps, at: Date): RunContext {
  const settings = deps.evidence ?? DEFAULT_EVIDENCE;
  return {
    now: at,
    evidence: { bodyBytes: settings.bodyBytes, redactor: redactorFor(settings) },
    browsers: deps.browsers ?? null,
    resolve: deps.resolve ?? systemResolver,
  };
}

const redactors = new WeakMap<EvidenceSettings, ReturnType<typeof createRedactor>>();
function redactorFor(settings: EvidenceSettings) {
  let r = redactors.get(settings);
  if (!r) redactors.set(settings, (r = createRedactor({ patterns: settings.redact, headers: settings.redactHeaders })));
  return r;
}

/** Runs one probe of any kind: the same signature for every kind. A runner that throws is a monitor fault: UNKNOWN. */
export async function runProbe(probe: ProbeDefinition, at: Date, deps: RunDeps = {}): Promise<ProbeResult> {
  const ctx = runContextFor(deps, at);
  const runner = RUNNERS[probe.kind] as ProbeRunner<ProbeDefinition>;
  let outcome: RunOutcome;
  try {
    outcome = await runner(probe, ctx);
  } catch (err) {
    outcome = {
      state: "UNKNOWN",
      latencyMs: null,
      httpStatus: null,
      errorClass: "MONITOR_ERROR",
      message: ctx.evidence.redactor.text(`monitor error: ${(err as Error).message ?? String(err)}`),
    };
  }
  return { probeKey: probe.key, at, intervalSec: probe.intervalMs / 1000, ...outcome };
}
