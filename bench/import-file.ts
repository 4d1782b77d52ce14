/**
 * A results file for the import benchmark: `probes` HTTP monitors at a 60 s interval
 * (bench/synthetic-services.ts), `total` results, the probes interleaved minute by
 * minute as a worker writes them; one probe in 50 fails for 5 minutes every 6 hours
 * (outages open and close), and a run in 400 is slow (DEGRADED figures in the roll-ups).
 */
import { createWriteStream } from "node:fs";
import { resolveConfig, type LedgerConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import { FUNCTIONS, syntheticServices } from "./synthetic-services";

/** The configuration file's data (as it would be written in ledger.yaml). */
export function importBenchConfigData(probes: number) {
  return { services: syntheticServices(probes, () => ({ interval: "60s", request: { url: "http://127.0.0.1:9/" } })) };
}

export function importBenchConfig(probes: number): LedgerConfig {
  return resolveConfig([{ file: "bench-import", data: configFileSchema.parse(importBenchConfigData(probes)) }]).config;
}

export async function writeImportFile(file: string, total: number, probes: number, t0 = Date.parse("2025-01-01T00:00:00Z")): Promise<void> {
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  let buf = "";
  for (let i = 0; i < total; i++) {
    const p = i % probes;
    const minute = Math.floor(i / probes);
    const at = new Date(t0 + minute * 60_000 + p * 100).toISOString();
    const svc = `svc-${Math.floor(p / FUNCTIONS.length)}`;
    const fn = FUNCTIONS[p % FUNCTIONS.length];
    const down = p % 50 === 7 && minute % 360 < 5;
    const slow = !down && (i * 7919) % 400 === 0;
    const line = down
      ? { service: svc, function: fn, at, state: "DOWN", latencyMs: null, httpStatus: 503, error: "ASSERTION_STATUS: status 503, expected 2xx" }
      : { service: svc, function: fn, at, state: slow ? "DEGRADED" : "UP", latencyMs: slow ? 4200 : 80 + ((i * 31) % 120), httpStatus: 200 };
    buf += `${JSON.stringify(line)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once("drain", r));
      buf = "";
    }
  }
  out.write(buf);
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
}
