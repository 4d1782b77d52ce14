/**
 * Builds readiness.jsonl.gz: an ILLUSTRATIVE readiness history of the new operator's platform
 * before the April 2022 changeover, one run per function every hour from 2022-02-15 00:00 KST
 * to the cutover (2022-04-01 00:00 KST). Nobody probed readiness in 2022; this shows what such
 * probes would have shown had the platform been as unready as its opening suggests:
 *   balance  answers from 02-20
 *   sign-up  answers from 03-08 (after the 03-01 readiness deadline)
 *   top-up   answers from 03-25, with timeouts at the 09:00–11:00 hours after that
 *   payment  never answers correctly before the cutover
 * Deterministic: running it again gives the same file.
 *   npx tsx examples/dongbaekjeon-2022/make-readiness.ts
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const KST = (s: string) => Date.parse(`${s}+09:00`);
const start = KST("2022-02-15T00:00:00");
const end = KST("2022-04-01T00:00:00");
const HOUR = 3_600_000;
const readyFrom: Record<string, number> = {
  balance: KST("2022-02-20T00:00:00"),
  signup: KST("2022-03-08T00:00:00"),
  topup: KST("2022-03-25T00:00:00"),
  payment: Number.POSITIVE_INFINITY,
};

const lines: string[] = [];
for (let t = start; t < end; t += HOUR) {
  const at = new Date(t + 9 * HOUR).toISOString().replace("Z", "+09:00").replace(".000", "");
  const kstHour = new Date(t + 9 * HOUR).getUTCHours();
  for (const fn of ["signup", "topup", "payment", "balance"]) {
    const ready = t >= readyFrom[fn]! && !(fn === "topup" && kstHour >= 9 && kstHour < 11);
    const line = ready
      ? { state: "UP", latencyMs: 240, httpStatus: fn === "balance" ? 200 : 201, error: null }
      : fn === "topup" && t >= readyFrom.topup!
        ? { state: "DOWN", latencyMs: null, httpStatus: null, error: "TIMEOUT: no complete answer within 10000 ms" }
        : { state: "DOWN", latencyMs: 30, httpStatus: 503, error: "ASSERTION_STATUS: status 503 (not deployed)" };
    lines.push(JSON.stringify({ service: "dongbaekjeon", function: fn, location: "busan", at, ...line, purpose: "readiness" }));
  }
}
const out = path.join(import.meta.dirname, "readiness.jsonl.gz");
writeFileSync(out, gzipSync(`${lines.join("\n")}\n`, { level: 9 }));
process.stdout.write(`wrote ${lines.length} readiness runs to ${path.relative(process.cwd(), out)}\n`);
