import { randomUUID } from "node:crypto";
import type { FlowProbe, FlowStep } from "@/core/config/resolve";
import { evaluateResponse, type Observation, type Verdict } from "@/core/evaluate-response";
import type { EvidenceBlob } from "@/core/evidence/evidence-blob";
import { responseEvidence } from "@/core/evidence/response-evidence";
import { parseJsonPath, readJsonPath } from "@/core/json-path";
import type { ErrorClass } from "@/core/probe-result";
import { fillTemplate, MissingVariableError, TemplateError } from "@/core/request-template";
import type { ResponseDetail, StepDetail } from "@/core/result-detail";
import type { ProbeRunner, RunContext } from "../run-context";
import { httpExchange, type ExchangeTrace } from "./http-exchange";
import { exchangePolicy, toExchangeRequest } from "./http-runner";
import { slowerThan, toOutcome } from "./outcome";

type StepRun = { detail: StepDetail; verdict: Verdict; trace: ExchangeTrace | null; observation: Observation | null };

/**
 * A multi-step API flow: steps run in order under one deadline, each with its
 * own assertions and timing, passing values on through variables (JSON path or
 * header of an earlier answer); the first failing step ends the main part and
 * names itself in the verdict. Cleanup steps (refund, cancel) then run whatever
 * happened, under their own deadline, so a test account is put back even when
 * the flow failed half-way.
 */
export const runFlow: ProbeRunner<FlowProbe> = async (probe, ctx) => {
  const started = performance.now();
  const vars: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(probe.vars)) vars[name] = fillTemplate(value, { uuid: randomUUID, now: ctx.now });

  const runs: StepRun[] = [];
  let failed: StepRun | null = null;
  let degraded: StepRun | null = null;
  let mainMs = 0;
  try {
    const signal = AbortSignal.timeout(probe.timeoutMs);
    for (const [i, step] of probe.steps.entries()) {
      const run = await runStep(probe, step, "main", `${i + 1} of ${probe.steps.length}`, vars, signal, ctx);
      runs.push(run);
      if (run.detail.outcome === "failed") {
        failed = run;
        break;
      }
      if (run.detail.outcome === "degraded") degraded ??= run;
    }
  } finally {
    mainMs = performance.now() - started;
    const signal = AbortSignal.timeout(probe.cleanupTimeoutMs);
    for (const [i, step] of probe.cleanup.entries()) {
      const run = await runStep(probe, step, "cleanup", `cleanup ${i + 1} of ${probe.cleanup.length}`, vars, signal, ctx);
      runs.push(run);
      if (run.detail.outcome === "failed") failed ??= run;
    }
  }

  const last = [...runs].reverse().find((r) => r.detail.phase === "main" && r.detail.status !== null);
  const decisive = failed ?? degraded ?? null;
  let verdict: Verdict;
  if (failed) verdict = failed.verdict;
  else if (degraded) verdict = degraded.verdict;
  else verdict = slowerThan(mainMs, probe.maxLatencyMs, "the whole flow took ") ?? { state: "UP", errorClass: null, message: null };

  const measured = { latencyMs: mainMs, httpStatus: decisive?.detail.status ?? last?.detail.status ?? null };
  if (verdict.state === "UP") return toOutcome(verdict, measured, ctx);
  let response: ResponseDetail | undefined;
  let evidence: EvidenceBlob[] = [];
  if (decisive?.trace) {
    const kept = responseEvidence(decisive.trace, ctx.evidence, decisive.detail.name);
    response = kept.response;
    evidence = kept.blobs;
  }
  const steps = runs.map((r) => ({ ...r.detail, message: r.detail.message === null ? null : ctx.evidence.redactor.text(r.detail.message) }));
  return toOutcome(verdict, measured, ctx, { detail: { kind: "flow", step: decisive?.detail.name ?? null, steps, response }, evidence });
};

async function runStep(
  probe: FlowProbe,
  step: FlowStep,
  phase: "main" | "cleanup",
  position: string,
  vars: Record<string, unknown>,
  signal: AbortSignal,
  ctx: RunContext,
): Promise<StepRun> {
  const label = `step "${step.name}" (${position})`;
  const base = { name: step.name, phase, ms: null, status: null } as const;
  const values = { uuid: randomUUID, now: ctx.now, vars };
  let request;
  let expect;
  try {
    request = fillTemplate(step.request, values);
    expect = fillTemplate(step.expect, values);
  } catch (err) {
    if (err instanceof MissingVariableError && phase === "cleanup") {
      const message = `skipped: {{${err.variable}}} has no value (the step that sets it did not succeed)`;
      return {
        detail: { ...base, outcome: "skipped", errorClass: null, message },
        verdict: { state: "UP", errorClass: null, message: null },
        trace: null,
        observation: null,
      };
    }
    // A placeholder that cannot be filled means an earlier answer carried a value of the wrong kind.
    const reason = err instanceof TemplateError || err instanceof MissingVariableError ? err.message : String(err);
    return failure(base, "ASSERTION_JSON", `${label}: ${reason}`);
  }
  if (signal.aborted)
    return failure(base, "TIMEOUT", `${label}: not started, the ${phase === "main" ? probe.timeoutMs : probe.cleanupTimeoutMs} ms deadline had passed`);

  const { observation, trace } = await httpExchange(
    toExchangeRequest(request),
    { maxBodyBytes: probe.maxBodyBytes, maxRedirects: probe.maxRedirects, ca: probe.ca, timeoutMs: probe.timeoutMs },
    signal,
    exchangePolicy(probe, ctx),
  );
  const status = observation.ok ? observation.status : (observation.status ?? null);
  const timed = { ...base, ms: Math.round(observation.latencyMs), status };
  const judged = evaluateResponse(observation, { ...expect, maxLatency: undefined });
  if (judged.state !== "UP") {
    const deadline = signal.aborted ? `; the ${phase === "main" ? `flow's ${probe.timeoutMs}` : `cleanup's ${probe.cleanupTimeoutMs}`} ms deadline passed` : "";
    const verdict = { ...judged, message: `${label}: ${judged.message ?? judged.state}${deadline}` };
    return { detail: { ...timed, outcome: "failed", errorClass: judged.errorClass, message: verdict.message }, verdict, trace, observation };
  }

  // Values for later steps: a missing one fails this step, since the answer lacked what the flow needs.
  let doc: unknown;
  let parsed = false;
  for (const [name, ex] of Object.entries(step.extract)) {
    let raw: unknown;
    let where: string;
    if (ex.json !== undefined) {
      where = ex.json;
      if (!parsed) {
        parsed = true;
        try {
          doc = JSON.parse(observation.ok ? observation.body : "");
        } catch {
          const type = observation.ok ? (observation.headers["content-type"] ?? "unknown content type") : "no body";
          return failedAfter(timed, trace, observation, "INVALID_JSON", `${label}: cannot set {{${name}}}: body is not JSON (${type})`);
        }
      }
      const found = readJsonPath(doc, parseJsonPath(ex.json)!);
      if (!found.found || found.value === null)
        return failedAfter(timed, trace, observation, "ASSERTION_JSON", `${label}: cannot set {{${name}}}: ${ex.json} is missing`);
      raw = found.value;
    } else {
      where = `header ${ex.header}`;
      raw = observation.ok ? observation.headers[ex.header!.toLowerCase()] : undefined;
      if (raw === undefined)
        return failedAfter(timed, trace, observation, "ASSERTION_HEADER", `${label}: cannot set {{${name}}}: header ${ex.header} is missing`);
    }
    if (ex.regex !== undefined) {
      const m = new RegExp(ex.regex).exec(typeof raw === "string" ? raw : JSON.stringify(raw));
      if (!m || m[1] === undefined)
        return failedAfter(
          timed,
          trace,
          observation,
          ex.json ? "ASSERTION_JSON" : "ASSERTION_HEADER",
          `${label}: cannot set {{${name}}}: ${where} does not match /${ex.regex}/`,
        );
      raw = m[1];
    }
    vars[name] = raw;
  }

  const slow = slowerThan(observation.latencyMs, expect.maxLatency ?? null, `${label}: `);
  if (slow) return { detail: { ...timed, outcome: "degraded", errorClass: null, message: slow.message }, verdict: slow, trace, observation };
  return {
    detail: { ...timed, outcome: "ok", errorClass: null, message: null },
    verdict: { state: "UP", errorClass: null, message: null },
    trace,
    observation,
  };
}

function failure(base: { name: string; phase: "main" | "cleanup"; ms: null; status: null }, errorClass: ErrorClass, message: string): StepRun {
  return { detail: { ...base, outcome: "failed", errorClass, message }, verdict: { state: "DOWN", errorClass, message }, trace: null, observation: null };
}

function failedAfter(
  timed: Omit<StepDetail, "outcome" | "errorClass" | "message">,
  trace: ExchangeTrace,
  observation: Observation,
  errorClass: ErrorClass,
  message: string,
): StepRun {
  return { detail: { ...timed, outcome: "failed", errorClass, message }, verdict: { state: "DOWN", errorClass, message }, trace, observation };
}
