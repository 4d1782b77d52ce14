import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  agentResultSchema,
  canonicalJson,
  conflictingResult,
  fromAgentResult,
  MAX_BATCH_EVIDENCE_BYTES,
  MAX_RESULT_EVIDENCE_BYTES,
  splitForBatches,
  toAgentResult,
  type AgentResult,
} from "@/core/agent-batch";
import type { EvidenceBlob } from "@/core/evidence/evidence-blob";
import type { ProbeResult } from "@/core/probe-result";
import type { ResultDetail } from "@/core/result-detail";

/** What an agent sends for a run, and what the server makes of it: the same result, its detail and its files. */
const MB = 1024 * 1024;

function blob(role: EvidenceBlob["role"], size: number, fill = 0x41): EvidenceBlob {
  return {
    role,
    step: role === "body" ? null : "top-up",
    mediaType: role === "screenshot" ? "image/png" : "text/plain; charset=utf-8",
    bytes: new Uint8Array(size).fill(fill),
  };
}

const detail: ResultDetail = {
  kind: "flow",
  step: "top-up",
  steps: [
    { name: "login", phase: "main", outcome: "ok", ms: 41, status: 200, errorClass: null, message: null },
    { name: "top-up", phase: "main", outcome: "failed", ms: 5003, status: 503, errorClass: "ASSERTION_STATUS", message: "status 503, expected 200" },
  ],
};

function failing(evidence: EvidenceBlob[], at = 1_764_547_200_000): ProbeResult {
  return {
    probeKey: "dongbaek-topup-busan",
    at: new Date(at),
    intervalSec: 30,
    state: "DOWN",
    latencyMs: 5044,
    httpStatus: 503,
    errorClass: "ASSERTION_STATUS",
    message: "top-up: status 503",
    detail,
    evidence,
  };
}

describe("agent results on the wire", () => {
  it("carry a failing run's detail and files, each file with the sha256 of its bytes, and come back unchanged", () => {
    const body = blob("body", 120);
    const shot = blob("screenshot", 3000, 0x89);
    const wire = toAgentResult(failing([body, shot]));
    expect(agentResultSchema.parse(JSON.parse(canonicalJson(wire)))).toEqual(wire);
    expect(wire.evidence?.map((e) => e.sha256)).toEqual([body, shot].map((b) => createHash("sha256").update(b.bytes).digest("hex")));
    // base64 of 120 bytes is 4 × ⌈120 / 3⌉ = 160 characters
    expect(wire.evidence?.[0]?.base64).toHaveLength(160);

    const back = fromAgentResult(agentResultSchema.parse(JSON.parse(canonicalJson(wire))));
    expect(back.detail).toEqual(detail);
    expect(back.evidence?.map((e) => [e.role, e.step, e.mediaType])).toEqual([
      ["body", null, "text/plain; charset=utf-8"],
      ["screenshot", "top-up", "image/png"],
    ]);
    expect(Buffer.from(back.evidence![0]!.bytes).equals(Buffer.from(body.bytes))).toBe(true);
    expect(Buffer.from(back.evidence![1]!.bytes).equals(Buffer.from(shot.bytes))).toBe(true);
  });

  it("a file whose bytes do not match its sha256 is an error, not a dropped file", () => {
    const wire = toAgentResult(failing([blob("body", 64)]));
    const tampered = { ...wire, evidence: wire.evidence!.map((e) => ({ ...e, base64: Buffer.from("something else").toString("base64") })) };
    expect(() => fromAgentResult(tampered)).toThrow(/do not match its sha256/);
  });

  it("an UP run sends no detail and no files; a result from an older agent (no such fields) still reads", () => {
    const up: ProbeResult = { probeKey: "p", at: new Date(0), intervalSec: 60, state: "UP", latencyMs: 80, httpStatus: 200, errorClass: null, message: null };
    const wire = toAgentResult(up);
    expect(Object.keys(wire).sort()).toEqual(["at", "errorClass", "httpStatus", "intervalSec", "latencyMs", "message", "probeKey", "state"]);
    expect(fromAgentResult(wire)).toEqual({ ...up, detail: null });
  });

  it("a result's files past its 2 MB share are left out, largest first", () => {
    // 0.5 MB body + 1.2 MB screenshot = 1.7 MB ≤ 2 MB kept; adding the 1.5 MB HAR would make 3.2 MB, so the HAR goes
    const wire = toAgentResult(failing([blob("body", 0.5 * MB), blob("har", 1.5 * MB), blob("screenshot", 1.2 * MB)]));
    expect(MAX_RESULT_EVIDENCE_BYTES).toBe(2 * MB);
    expect(wire.evidence?.map((e) => e.role)).toEqual(["body", "screenshot"]);
  });

  it("one flush with many files becomes several batches, each within the evidence limit, in order", () => {
    // five results with 1.9 MB each: 4 × 1.9 = 7.6 MB ≤ 8 MB, a fifth would make 9.5 MB → batches of 4 and 1;
    // the UP result between them carries nothing and joins the current batch
    const up: ProbeResult = { probeKey: "p", at: new Date(5), intervalSec: 60, state: "UP", latencyMs: 80, httpStatus: 200, errorClass: null, message: null };
    const heavy = (i: number) => failing([blob("screenshot", 1.9 * MB)], i);
    const parts = splitForBatches([heavy(0), heavy(1), heavy(2), up, heavy(3), heavy(4)]);
    expect(MAX_BATCH_EVIDENCE_BYTES).toBe(8 * MB);
    expect(parts.map((p) => p.map((r) => r.at.getTime()))).toEqual([[0, 1, 2, 5, 3], [4]]);
    expect(splitForBatches([])).toEqual([]);
  });
});

describe("conflictingResult", () => {
  const r = (at: string, state: "UP" | "DOWN" = "UP", probeKey = "p-1"): AgentResult => ({
    probeKey,
    at,
    intervalSec: 10,
    state,
    latencyMs: null,
    httpStatus: null,
    errorClass: null,
    message: null,
  });
  const T = "2026-03-01T00:00:00.000Z";
  it.each<[string, AgentResult[], { probeKey: string; at: string } | null]>([
    ["distinct instants", [r(T), r("2026-03-01T00:00:10.000Z", "DOWN")], null],
    ["the same result twice", [r(T), r(T)], null],
    ["the same instant written two ways, same content", [r(T), r("2026-03-01T09:00:00+09:00")], null],
    ["the same instant at two probes", [r(T), r(T, "DOWN", "p-2")], null],
    ["UP and DOWN at one instant", [r(T), r(T, "DOWN")], { probeKey: "p-1", at: T }],
    ["a conflict after an exact repeat", [r(T), r(T), r(T, "DOWN")], { probeKey: "p-1", at: T }],
  ])("%s", (_, results, expected) => {
    expect(conflictingResult(results)).toEqual(expected);
  });
});
