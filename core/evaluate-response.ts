import type { ExpectSpec } from "./config/probe-schema";
import { parseJsonPath, readJsonPath } from "./json-path";
import type { ErrorClass, ProbeState } from "./probe-result";

/** What a runner observed; conditions are evaluated afterwards (docs/architecture.md, Code conventions). */
export type Observation =
  | { ok: true; status: number; headers: Record<string, string>; body: string; latencyMs: number }
  | { ok: false; errorClass: ErrorClass; message: string; latencyMs: number; status?: number };

export type Verdict = { state: ProbeState; errorClass: ErrorClass | null; message: string | null };

export function evaluateResponse(obs: Observation, expect: ExpectSpec): Verdict {
  if (!obs.ok) {
    return { state: obs.errorClass === "MONITOR_ERROR" ? "UNKNOWN" : "DOWN", errorClass: obs.errorClass, message: obs.message };
  }
  if (!expect.status.some((s) => statusMatches(obs.status, s))) {
    return { state: "DOWN", errorClass: "ASSERTION_STATUS", message: `status ${obs.status}, expected ${expect.status.join(" or ")}` };
  }
  for (const text of expect.bodyContains) {
    if (!obs.body.includes(text)) return { state: "DOWN", errorClass: "ASSERTION_BODY", message: `body does not contain "${text}"` };
  }
  for (const text of expect.bodyNotContains) {
    if (obs.body.includes(text)) return { state: "DOWN", errorClass: "ASSERTION_BODY", message: `body contains "${text}"` };
  }
  if (expect.json.length > 0) {
    let doc: unknown;
    try {
      doc = JSON.parse(obs.body);
    } catch {
      const type = obs.headers["content-type"] ?? "unknown content type";
      return { state: "DOWN", errorClass: "INVALID_JSON", message: `body is not JSON (${type})` };
    }
    for (const a of expect.json) {
      const { found, value } = readJsonPath(doc, parseJsonPath(a.path)!);
      if (a.exists !== undefined) {
        if (found !== a.exists) return fail(`${a.path} ${a.exists ? "is missing" : "should be absent"}`);
      } else if (!found) {
        return fail(`${a.path} is missing`);
      } else if (a.equals !== undefined && value !== a.equals) {
        return fail(`${a.path} is ${JSON.stringify(value)}, expected ${JSON.stringify(a.equals)}`);
      } else if (a.matches !== undefined && !new RegExp(a.matches).test(String(value))) {
        return fail(`${a.path} is ${JSON.stringify(value)}, expected to match /${a.matches}/`);
      } else if (a.min !== undefined || a.max !== undefined) {
        const bound = boundsCheck(a.path, value, a.min, a.max);
        if (bound) return fail(bound);
      }
    }
  }
  for (const h of expect.headers ?? []) {
    const value = obs.headers[h.name.toLowerCase()];
    if (h.exists !== undefined) {
      if ((value !== undefined) !== h.exists) return headerFail(`header ${h.name} ${h.exists ? "is missing" : "should be absent"}`);
    } else if (value === undefined) {
      return headerFail(`header ${h.name} is missing`);
    } else if (h.equals !== undefined && value !== h.equals) {
      return headerFail(`header ${h.name} is ${JSON.stringify(value)}, expected ${JSON.stringify(h.equals)}`);
    } else if (h.matches !== undefined && !new RegExp(h.matches).test(value)) {
      return headerFail(`header ${h.name} is ${JSON.stringify(value)}, expected to match /${h.matches}/`);
    }
  }
  if (expect.maxLatency !== undefined && obs.latencyMs > expect.maxLatency) {
    return { state: "DEGRADED", errorClass: null, message: `${Math.round(obs.latencyMs)} ms, target ${expect.maxLatency} ms` };
  }
  return { state: "UP", errorClass: null, message: null };
}

function boundsCheck(path: string, value: unknown, min: unknown, max: unknown): string | null {
  if (typeof value !== "number") return `${path} is ${JSON.stringify(value)}, expected a number`;
  for (const [label, bound] of [
    ["min", min],
    ["max", max],
  ] as const) {
    if (bound !== undefined && typeof bound !== "number") return `${label} for ${path} is ${JSON.stringify(bound)}, not a number`;
  }
  if (typeof min === "number" && value < min) return `${path} is ${value}, expected at least ${min}`;
  if (typeof max === "number" && value > max) return `${path} is ${value}, expected at most ${max}`;
  return null;
}

function headerFail(message: string): Verdict {
  return { state: "DOWN", errorClass: "ASSERTION_HEADER", message };
}

function fail(message: string): Verdict {
  return { state: "DOWN", errorClass: "ASSERTION_JSON", message };
}

function statusMatches(status: number, spec: number | string): boolean {
  return typeof spec === "number" ? status === spec : Math.floor(status / 100) === Number(spec[0]);
}
