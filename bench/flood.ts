/**
 * The public page under a flood: boots the real stack (scripts/start.ts: sandbox,
 * worker, Next.js, edge cache) on its own ports and data folder, then loads the
 * service page with autocannon at 100 and 1,000 connections (closed loop: every
 * connection asks again as soon as it is answered), and as 1,000 readers each
 * asking once a second. Browsers ask for gzip, so does the benchmark. The probe
 * worker's schedule lag is read from its stats file during the flood.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { Pool } from "undici";
import { startBenchStack } from "./bench-stack";

export type FloodRow = { name: string; value: number; unit: string; note: string };

const PORT = Number(process.env.E2E_PORT_BASE ?? 3300);

type Stats = { lagMs: { p50: number | null; p99: number | null; max: number | null }; windowRuns: number; skipped: number };

export async function runFlood(opts: { edgeWorkers?: number } = {}): Promise<FloodRow[]> {
  const stack = await startBenchStack({ port: PORT, name: "flood", env: opts.edgeWorkers ? { LEDGER_EDGE_WORKERS: String(opts.edgeWorkers) } : {} });
  const { base, dataDir } = stack;
  const rows: FloodRow[] = [];
  try {
    const url = `${base}/ko/services/dongbaekjeon`;
    // let the worker write a first round of results, then warm the cache
    await new Promise((r) => setTimeout(r, 12_000));
    await fetch(url, { headers: { "accept-encoding": "gzip" } });
    const statsFile = path.join(dataDir, "worker-stats.json");
    const readStats = (): Stats | null => {
      try {
        return JSON.parse(readFileSync(statsFile, "utf8")) as Stats;
      } catch {
        return null;
      }
    };

    const watchLag = () => {
      const lags: number[] = [];
      const timer = setInterval(() => {
        const st = readStats();
        if (st?.lagMs.p99 !== null && st?.lagMs.p99 !== undefined) lags.push(st.lagMs.p99);
      }, 5000);
      return () => {
        clearInterval(timer);
        return lags.length ? Math.max(...lags) : NaN;
      };
    };
    const headers = { "accept-encoding": "gzip, deflate, br" };

    // Closed loop (autocannon): every connection asks again the moment it is answered: the saturation point.
    for (const connections of [100, 1000]) {
      const stopLag = watchLag();
      const r = await autocannon({ url, connections, duration: 10, headers, warmup: { connections, duration: 3 } } as autocannon.Options);
      const lag = stopLag();
      const errors = r.errors + r.timeouts + r.non2xx;
      const name = `${connections.toLocaleString("en")} connections, closed loop`;
      rows.push({
        name: `page: ${name}`,
        value: Math.round(r.requests.average),
        unit: "requests/s",
        note: `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, ${errors} errors`,
      });
      rows.push({ name: `page: ${name}, p99`, value: r.latency.p99, unit: "ms", note: `${r.requests.total} requests after a 3 s warm-up` });
      rows.push({ name: `probe lag during ${name}`, value: lag, unit: "ms (p99)", note: "worst 5-s window of the worker's schedule lag" });
    }

    // Open loop: 1,000 readers on their own connections, arrivals spread evenly at a fixed total rate;
    // latency is measured from when each request was due (so a stall is never hidden).
    for (const rate of [1000, 2000]) {
      const stopLag = watchLag();
      const r = await pacedReaders({ url, readers: 1000, ratePerSec: rate, seconds: 10, headers });
      const lag = stopLag();
      const name = `1,000 readers, ${rate.toLocaleString("en")} requests/s in all`;
      rows.push({ name: `page: ${name}, p99`, value: r.p99, unit: "ms", note: `p50 ${r.p50} ms, max ${r.max} ms, ${r.done} requests, ${r.errors} errors` });
      rows.push({ name: `probe lag during ${name}`, value: lag, unit: "ms (p99)", note: "worst 5-s window of the worker's schedule lag" });
    }
  } finally {
    await stack.stop();
  }
  return rows;
}

/** An open-loop load: requests due at a fixed rate, each on the next free reader's connection. */
async function pacedReaders(opts: { url: string; readers: number; ratePerSec: number; seconds: number; headers: Record<string, string> }) {
  const u = new URL(opts.url);
  const pool = new Pool(u.origin, { connections: opts.readers, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const inflight: Promise<void>[] = [];
  const total = opts.ratePerSec * opts.seconds;
  // open the readers' connections first, as readers already on the page would have them
  await Promise.all(
    Array.from({ length: opts.readers }, () =>
      pool.request({ path: u.pathname, method: "HEAD", headers: opts.headers }).then(
        (r) => r.body.dump(),
        () => undefined,
      ),
    ),
  );
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / opts.ratePerSec;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      pool.request({ path: u.pathname, method: "GET", headers: opts.headers }).then(
        async (r) => {
          await r.body.dump();
          if (r.statusCode !== 200) errors++;
          latencies.push(performance.now() - due);
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(inflight);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? NaN);
  return { p50: q(0.5), p99: q(0.99), max: Math.round(latencies.at(-1) ?? NaN), done: latencies.length, errors };
}
