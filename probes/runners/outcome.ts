import type { Verdict } from "@/core/evaluate-response";
import type { EvidenceBlob } from "@/core/evidence/evidence-blob";
import type { RunOutcome } from "@/core/probe-result";
import type { ResultDetail } from "@/core/result-detail";
import type { RunContext } from "../run-context";

/**
 * A verdict as a run outcome. Detail (timings, steps, headers) is kept only when
 * the run was not UP, and blobs (body, screenshot, HAR) only when it failed: a
 * correct answer needs no proof, a slow one is explained by its timings, and
 * storing more for every run would swamp the disk. Messages are redacted like
 * the evidence.
 */
export function toOutcome(
  verdict: Verdict,
  measured: { latencyMs: number | null; httpStatus: number | null },
  ctx: RunContext,
  kept: { detail?: ResultDetail; evidence?: EvidenceBlob[] } = {},
): RunOutcome {
  const up = verdict.state === "UP";
  return {
    state: verdict.state,
    latencyMs: measured.latencyMs === null ? null : Math.round(measured.latencyMs),
    httpStatus: measured.httpStatus,
    errorClass: verdict.errorClass,
    message: verdict.message === null ? null : ctx.evidence.redactor.text(verdict.message),
    detail: up ? null : (kept.detail ?? null),
    evidence: verdict.state === "DOWN" || verdict.state === "UNKNOWN" ? (kept.evidence ?? []) : [],
  };
}

/** The verdict when latency is over a target and everything else held. */
export function slowerThan(latencyMs: number, targetMs: number | null, what = ""): Verdict | null {
  if (targetMs === null || latencyMs <= targetMs) return null;
  return { state: "DEGRADED", errorClass: null, message: `${what}${Math.round(latencyMs)} ms, target ${targetMs} ms` };
}
