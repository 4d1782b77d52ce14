import { z } from "zod";
import { contentHash } from "./evidence/content-hash";
import { EVIDENCE_ROLES, type EvidenceBlob } from "./evidence/evidence-blob";
import { ERROR_CLASSES, PROBE_STATES, type ProbeResult } from "./probe-result";
import type { ResultDetail } from "./result-detail";

/**
 * A batch of results a remote probe agent posts to POST /api/v1/agents/results.
 * The request body is the batch as canonical JSON (canonicalJson below); the
 * agent signs exactly those bytes with its Ed25519 key. Documented in docs/agents.md.
 */
export const AGENT_BATCH_VERSION = 1;
/** Results in one batch at most: an agent flushes every second, so this is far above one batch's share. */
export const MAX_BATCH_RESULTS = 5000;

/** What a failing run saw (steps, answer, timings), as canonical JSON at most this long. */
export const MAX_DETAIL_CHARS = 64 * 1024;
/** Evidence in one batch at most, in bytes before base64 (about 11 MB as base64, under the server's 16 MB body limit). */
export const MAX_BATCH_EVIDENCE_BYTES = 8 * 1024 * 1024;
/** Evidence files one result may carry, in bytes before base64; larger files are left out, largest first. */
export const MAX_RESULT_EVIDENCE_BYTES = 2 * 1024 * 1024;

const instant = z.iso.datetime({ message: "an ISO 8601 instant in UTC, e.g. 2026-03-01T00:00:00.000Z" });

export const agentResultSchema = z.strictObject({
  probeKey: z.string().regex(/^[a-z0-9][a-z0-9-]{0,190}$/, "a probe key from the configuration"),
  at: instant,
  intervalSec: z.number().int().min(1).max(3600),
  state: z.enum(PROBE_STATES),
  latencyMs: z.number().int().min(0).nullable(),
  httpStatus: z.number().int().min(100).max(599).nullable(),
  errorClass: z.enum(ERROR_CLASSES).nullable(),
  message: z.string().max(500).nullable(),
  /** steps, answer and timing phases of a run that was not UP, already redacted (core/result-detail.ts) */
  detail: z
    .looseObject({ kind: z.string().max(40) })
    .refine((d) => canonicalJson(d).length <= MAX_DETAIL_CHARS, `at most ${MAX_DETAIL_CHARS} characters as canonical JSON`)
    .optional(),
  /** the files the run kept (redacted body, screenshot, HAR), each with the sha256 of its bytes */
  evidence: z
    .array(
      z.strictObject({
        role: z.enum(EVIDENCE_ROLES),
        step: z.string().max(200).nullable(),
        mediaType: z.string().min(1).max(100),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, "lower-case hex sha256 of the bytes"),
        base64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, "the bytes in standard base64"),
      }),
    )
    .max(8)
    .optional(),
});

export const agentBatchSchema = z.strictObject({
  v: z.literal(AGENT_BATCH_VERSION),
  agent: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  /** unique per agent; a batch sent again (its response was lost) keeps it */
  batchId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/, "8 to 64 letters, digits or '-' (a UUID)"),
  /** strictly increasing per agent */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** the agent's clock when it sent this request (set anew on every attempt) */
  sentAt: instant,
  results: z.array(agentResultSchema).min(1).max(MAX_BATCH_RESULTS),
});

export type AgentBatch = z.output<typeof agentBatchSchema>;
export type AgentResult = z.output<typeof agentResultSchema>;

/**
 * Canonical JSON: object keys sorted, no whitespace, numbers as JavaScript prints
 * them. The same value always gives the same bytes, which is what is signed and hashed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`not representable in canonical JSON: ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  throw new Error(`not representable in canonical JSON: ${typeof value}`);
}

/** What identifies a batch's content across resends: everything but the sending time. */
export function batchContent(b: AgentBatch): string {
  return canonicalJson({ ...b, sentAt: undefined });
}

export function toAgentResult(r: ProbeResult): AgentResult {
  const base: AgentResult = {
    probeKey: r.probeKey,
    at: r.at.toISOString(),
    intervalSec: r.intervalSec,
    state: r.state,
    latencyMs: r.latencyMs,
    httpStatus: r.httpStatus,
    errorClass: r.errorClass,
    message: r.message?.slice(0, 500) ?? null,
  };
  if (r.detail && canonicalJson(r.detail).length <= MAX_DETAIL_CHARS) base.detail = r.detail;
  const kept = keptEvidence(r.evidence ?? []);
  if (kept.length > 0)
    base.evidence = kept.map((b) => ({
      role: b.role,
      step: b.step,
      mediaType: b.mediaType,
      sha256: contentHash(b.bytes),
      base64: Buffer.from(b.bytes).toString("base64"),
    }));
  return base;
}

/**
 * One flush's results as the batches an agent sends: at most MAX_BATCH_RESULTS
 * each, and at most MAX_BATCH_EVIDENCE_BYTES of files, in their order.
 */
export function splitForBatches(results: ProbeResult[]): ProbeResult[][] {
  const parts: ProbeResult[][] = [];
  let cur: ProbeResult[] = [];
  let bytes = 0;
  for (const r of results) {
    const size = keptEvidence(r.evidence ?? []).reduce((n, b) => n + b.bytes.length, 0);
    if (cur.length > 0 && (cur.length >= MAX_BATCH_RESULTS || bytes + size > MAX_BATCH_EVIDENCE_BYTES)) {
      parts.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(r);
    bytes += size;
  }
  if (cur.length > 0) parts.push(cur);
  return parts;
}

/** The run's files that fit one result's share, in their order; the largest are left out first. */
function keptEvidence(blobs: EvidenceBlob[]): EvidenceBlob[] {
  const bySize = [...blobs].sort((a, b) => a.bytes.length - b.bytes.length);
  const fit = new Set<EvidenceBlob>();
  let total = 0;
  for (const b of bySize.slice(0, 8)) {
    if (total + b.bytes.length > MAX_RESULT_EVIDENCE_BYTES) break;
    total += b.bytes.length;
    fit.add(b);
  }
  return blobs.filter((b) => fit.has(b));
}

/**
 * A result as the server stores it. Each file's bytes must match the sha256 the
 * agent signed beside them; a mismatch is an error, never a silently dropped file.
 */
export function fromAgentResult(r: AgentResult): ProbeResult {
  const { detail, evidence, ...rest } = r;
  const blobs = (evidence ?? []).map((e, i): EvidenceBlob => {
    const bytes = new Uint8Array(Buffer.from(e.base64, "base64"));
    if (contentHash(bytes) !== e.sha256) throw new Error(`evidence ${i} (${e.role}) of ${r.probeKey} at ${r.at}: its bytes do not match its sha256`);
    return { role: e.role, step: e.step, mediaType: e.mediaType, bytes };
  });
  return { ...rest, at: new Date(r.at), detail: (detail as ResultDetail | undefined) ?? null, ...(blobs.length > 0 ? { evidence: blobs } : {}) };
}

/**
 * The first probe and instant a batch gives two different results for, or null.
 * Which of the two would count is an accident of order, so such a batch is refused
 * whole (as an import refuses such a file); a result repeated exactly is harmless.
 */
export function conflictingResult(results: readonly AgentResult[]): { probeKey: string; at: string } | null {
  const seen = new Map<string, string>();
  for (const r of results) {
    const at = new Date(r.at).toISOString();
    const key = `${r.probeKey}@${at}`;
    const body = canonicalJson({ ...r, at });
    const before = seen.get(key);
    if (before === undefined) seen.set(key, body);
    else if (before !== body) return { probeKey: r.probeKey, at: r.at };
  }
  return null;
}
