import { describe, expect, it } from "vitest";
import { expectSchema } from "@/core/config/schema";
import { evaluateResponse, type Observation } from "@/core/evaluate-response";

const ok = (body: string, status = 200, latencyMs = 100): Observation => ({
  ok: true,
  status,
  headers: { "content-type": "application/json" },
  body,
  latencyMs,
});
const spec = (s: unknown) => expectSchema.parse(s);

describe("evaluating a response", () => {
  const cases: { name: string; obs: Observation; expect: unknown; state: string; errorClass: string | null }[] = [
    { name: "2xx by default", obs: ok("{}"), expect: {}, state: "UP", errorClass: null },
    { name: "status class mismatch", obs: ok("{}", 503), expect: {}, state: "DOWN", errorClass: "ASSERTION_STATUS" },
    { name: "exact status", obs: ok("{}", 200), expect: { status: [201] }, state: "DOWN", errorClass: "ASSERTION_STATUS" },
    { name: "JSON equals", obs: ok('{"status":"COMPLETED"}'), expect: { json: [{ path: "$.status", equals: "COMPLETED" }] }, state: "UP", errorClass: null },
    {
      name: "JSON wrong value",
      obs: ok('{"status":"FAILED"}'),
      expect: { json: [{ path: "$.status", equals: "COMPLETED" }] },
      state: "DOWN",
      errorClass: "ASSERTION_JSON",
    },
    { name: "JSON missing field", obs: ok('{"a":1}'), expect: { json: [{ path: "$.b.c", exists: true }] }, state: "DOWN", errorClass: "ASSERTION_JSON" },
    {
      name: "HTML where JSON is expected",
      obs: ok("<html>점검 중</html>"),
      expect: { json: [{ path: "$.a", exists: true }] },
      state: "DOWN",
      errorClass: "INVALID_JSON",
    },
    { name: "regex", obs: ok('{"approvalNo":"A1234"}'), expect: { json: [{ path: "$.approvalNo", matches: "^A\\d{4}$" }] }, state: "UP", errorClass: null },
    { name: "body text", obs: ok("잔액 10,000원"), expect: { bodyContains: ["잔액"] }, state: "UP", errorClass: null },
    { name: "forbidden body text", obs: ok("서비스 점검 중입니다"), expect: { bodyNotContains: ["점검"] }, state: "DOWN", errorClass: "ASSERTION_BODY" },
    // 1,501 ms > 1,500 ms target: correct but slow
    { name: "slower than target is DEGRADED", obs: ok("{}", 200, 1501), expect: { maxLatency: "1500ms" }, state: "DEGRADED", errorClass: null },
    // exactly at target is not slower than it
    { name: "exactly at target is UP", obs: ok("{}", 200, 1500), expect: { maxLatency: "1500ms" }, state: "UP", errorClass: null },
    { name: "a wrong answer that is also slow is DOWN", obs: ok("{}", 500, 9000), expect: { maxLatency: "1s" }, state: "DOWN", errorClass: "ASSERTION_STATUS" },
    {
      name: "network failure",
      obs: { ok: false, errorClass: "CONNECTION_REFUSED", message: "refused", latencyMs: 1 },
      expect: {},
      state: "DOWN",
      errorClass: "CONNECTION_REFUSED",
    },
    {
      name: "the monitor's own fault is UNKNOWN",
      obs: { ok: false, errorClass: "MONITOR_ERROR", message: "bug", latencyMs: 1 },
      expect: {},
      state: "UNKNOWN",
      errorClass: "MONITOR_ERROR",
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = evaluateResponse(c.obs, spec(c.expect));
      expect([v.state, v.errorClass]).toEqual([c.state, c.errorClass]);
    });
  }
});
