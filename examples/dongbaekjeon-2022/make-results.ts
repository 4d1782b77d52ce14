/**
 * Builds results.jsonl.gz for April 2022 from the public timeline (KST):
 *   04-01 00:00–14:00  planned blackout for data migration: every function answers 503
 *   04-01 14:00–17:00  opened, overwhelmed on the 1st (top-up day): requests time out
 *   04-01 17:00 – 04-04 09:00  suspended while capacity was raised 4x: 503
 *   04-04 09:00 –      normal service
 * One result per function every 5 minutes. Deterministic: running it again gives the same file.
 *   npx tsx examples/dongbaekjeon-2022/make-results.ts
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const KST = (s: string) => Date.parse(`${s}+09:00`);
const start = KST("2022-04-01T00:00:00");
const end = KST("2022-05-01T00:00:00");
const opened = KST("2022-04-01T14:00:00");
const suspended = KST("2022-04-01T17:00:00");
const reopened = KST("2022-04-04T09:00:00");
const STEP = 5 * 60_000;
const functions = ["signup", "topup", "payment", "balance"];

const lines: string[] = [];
let i = 0;
for (let t = start; t < end; t += STEP) {
  const at = new Date(t + 9 * 3_600_000).toISOString().replace("Z", "+09:00").replace(".000", "");
  for (const fn of functions) {
    i++;
    let line: Record<string, unknown>;
    if (t < opened) line = { state: "DOWN", latencyMs: 35, httpStatus: 503, error: "ASSERTION_STATUS: status 503 (data migration blackout)" };
    else if (t < suspended) line = { state: "DOWN", latencyMs: null, httpStatus: null, error: "TIMEOUT: no complete answer within 10000 ms" };
    else if (t < reopened) line = { state: "DOWN", latencyMs: 40, httpStatus: 503, error: "ASSERTION_STATUS: status 503 (service suspended)" };
    else line = { state: "UP", latencyMs: 180 + ((i * 7919) % 220), httpStatus: fn === "balance" ? 200 : 201, error: null };
    lines.push(JSON.stringify({ service: "dongbaekjeon", function: fn, location: "busan", at, ...line }));
  }
}
const out = path.join(import.meta.dirname, "results.jsonl.gz");
writeFileSync(out, gzipSync(`${lines.join("\n")}\n`, { level: 9 }));
process.stdout.write(`wrote ${lines.length} results to ${path.relative(process.cwd(), out)}\n`);
