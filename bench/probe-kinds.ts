/**
 * Figures for the probe kinds beyond a single request: flows against the
 * sandbox, browser journeys through the pool (time and memory of the one
 * Chromium), and memory while a hostile target sends 100 MB bodies.
 */
import { readFileSync, readdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { BrowserProbe, FlowProbe, HttpProbe } from "@/core/config/resolve";
import { loadConfig } from "@/lib/config/load-config";
import { createBrowserPool } from "@/probes/browser-pool";
import { runProbe } from "@/probes/run-probe";
import { createSandbox } from "@/sandbox/server";

type Row = { name: string; value: number; unit: string; note: string };

/**
 * Memory of a process and all its descendants, from /proc (Linux), in MB: the
 * proportional set size, so pages Chromium's processes share are counted once.
 */
function treePssMb(root: number): number {
  const parent = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parent) if (ppid === tree[i]) tree.push(pid);
  let kb = 0;
  for (const pid of tree) {
    try {
      kb += Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))?.[1] ?? 0);
    } catch {
      // ended
    }
  }
  return Math.round(kb / 1024);
}

export async function probeKindBench(want: (part: string) => boolean): Promise<Row[]> {
  const rows: Row[] = [];
  const sandbox = await createSandbox({ port: 0, adminPort: 0, adminToken: "bench-admin-token" });
  try {
    const probes = loadConfig("examples/demo", { SANDBOX_URL: sandbox.url }).services[0]!.probes;

    if (want("flows")) {
      // The demo's top-up flow: 4 steps and a refund, 5 requests, each on a new connection.
      const flow = probes.find((p): p is FlowProbe => p.kind === "flow" && p.functionKey === "topup")!;
      const lat: number[] = [];
      let failed = 0;
      const until = performance.now() + 3000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 5 }, async () => {
          while (performance.now() < until) {
            const s = performance.now();
            const r = await runProbe(flow, new Date());
            lat.push(performance.now() - s);
            if (r.state !== "UP") failed++;
          }
        }),
      );
      const secs = (performance.now() - started) / 1000;
      lat.sort((a, b) => a - b);
      rows.push({
        name: "top-up flows (5 requests each)",
        value: Math.round(lat.length / secs),
        unit: "flows/s",
        note: `5 concurrent, sandbox in the same process, ${lat.length} flows, p50 ${Math.round(lat[Math.floor(lat.length / 2)]!)} ms, ${failed} not UP`,
      });
    }

    if (want("browser")) {
      const journey = probes.find((p): p is BrowserProbe => p.kind === "browser")!;
      const pool = createBrowserPool({ executablePath: "/usr/bin/chromium", maxContexts: 2 });
      try {
        const before = treePssMb(process.pid);
        let peak = 0;
        const sampler = setInterval(() => (peak = Math.max(peak, treePssMb(process.pid))), 200);
        const lat: number[] = [];
        const started = performance.now();
        // 12 journeys due at once: the pool runs 2 at a time
        const results = await Promise.all(
          Array.from({ length: 12 }, async () => {
            const s = performance.now();
            const r = await runProbe({ ...journey, timeoutMs: 60_000 }, new Date(), { browsers: pool });
            lat.push(performance.now() - s);
            return r;
          }),
        );
        clearInterval(sampler);
        const total = (performance.now() - started) / 1000;
        lat.sort((a, b) => a - b);
        const up = results.filter((r) => r.state === "UP").length;
        rows.push({
          name: "browser journeys, 12 due at once",
          value: Math.round(total * 10) / 10,
          unit: "s",
          note: `pool of 2 contexts, one Chromium; ${up}/12 UP; each 12 steps; median wait+run ${Math.round(lat[6]!)} ms`,
        });
        rows.push({
          name: "worker + Chromium memory, peak",
          value: peak,
          unit: "MB PSS",
          note: `worker process plus every Chromium process; before the browser started ${before} MB; sampled every 200 ms over the 12 journeys`,
        });
      } finally {
        await pool.close();
      }
    }
  } finally {
    await sandbox.close();
  }

  if (want("hostile")) {
    // A server that sends 100 MB as fast as it is read; the probe stops at its 64 KB cap.
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, 120);
      let sent = 0;
      const pump = () => {
        while (sent < 100 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => res.removeAllListeners("drain"));
      pump();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const probe: HttpProbe = {
      key: "h",
      serviceSlug: "h",
      functionKey: "balance",
      location: "local",
      kind: "http",
      intervalMs: 10_000,
      timeoutMs: 5000,
      confirm: 3,
      maxBodyBytes: 65_536,
      maxRedirects: 0,
      ca: null,
      request: { method: "GET", url, headers: {} },
      expect: { status: ["2xx"], json: [], headers: [], bodyContains: [], bodyNotContains: [] },
    };
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const started = performance.now();
    for (let i = 0; i < 50; i++) {
      const r = await runProbe(probe, new Date());
      if (r.errorClass !== "BODY_TOO_LARGE") throw new Error(`expected BODY_TOO_LARGE, got ${r.errorClass}`);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const ms = (performance.now() - started) / 50;
    server.closeAllConnections();
    server.close();
    rows.push({
      name: "100 MB body, cut at 64 KB",
      value: Math.round(ms),
      unit: "ms/run",
      note: `50 runs; process RSS grew by at most ${Math.round((peak - before) / 1024 / 1024)} MB`,
    });
  }
  return rows;
}
