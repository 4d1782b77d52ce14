/**
 * The agent's spool after a long outage (`npm run bench -- spool`): a million pending
 * batches of ten results each (about a week of a ten-probe location at 10 s, one batch
 * a round), written in transactions of 10,000, closed, then reopened in a fresh process
 * that starts sending to a local server which accepts everything. Measured: the time
 * to fill, the size on disk, the time to reopen and to the first batch answered, the
 * send rate after that, and the reopening process's resident memory.
 * BENCH_SPOOL_BATCHES changes the million (for a quick look).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { ProbeResult } from "@/core/probe-result";
import { openSpool } from "@/probes/agent/spool";

type Row = { name: string; value: number; unit: string; note: string };
type Reopen = { openMs: number; firstSentMs: number; pending: number; sentPerS: number; rssOpenMb: number; rssMb: number; maxRssMb: number };
const root = path.resolve(import.meta.dirname, "..");

export async function runSpoolBench(): Promise<Row[]> {
  const total = Number(process.env.BENCH_SPOOL_BATCHES ?? 1_000_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-bench-spool-"));
  try {
    // Fill through the spool's own API, 10,000 batches a transaction (the agent writes one a
    // second; a million one-by-one fsyncs would measure the disk, not the reopening).
    const t0 = Date.parse("2026-11-30T00:00:00Z");
    const spool = await openSpool(dir);
    const fillStarted = performance.now();
    for (let done = 0; done < total;) {
      const parts: ProbeResult[][] = [];
      for (let k = 0; k < 10_000 && done < total; k++, done++) parts.push(round(t0 + done * 10_000, done));
      await spool.appendAll(parts);
    }
    const fillS = (performance.now() - fillStarted) / 1000;
    const sample = JSON.stringify(spool.pending(1)[0]).length;
    await spool.close();
    const sizeMb = statSync(path.join(dir, "spool.db")).size / 2 ** 20;

    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"accepted","stored":10}'));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const r = await reopen(dir, url);
    server.close();
    if (r.pending !== total) throw new Error(`reopened with ${r.pending} pending, filled ${total}`);
    const n = total.toLocaleString("en");
    return [
      {
        name: "spool fill",
        value: Math.round(total / fillS),
        unit: "batches/s",
        note: `${n} batches of 10 results (${sample} bytes each as JSON), ${fillS.toFixed(0)} s, ${sizeMb.toFixed(0)} MB on disk`,
      },
      { name: "spool reopen", value: Math.round(r.openMs), unit: "ms", note: `${n} pending, fresh process, RSS ${r.rssOpenMb.toFixed(0)} MB after opening` },
      { name: "spool first batch sent", value: Math.round(r.firstSentMs), unit: "ms", note: `from opening to the first batch answered (local server)` },
      {
        name: "spool send rate",
        value: Math.round(r.sentPerS),
        unit: "batches/s",
        note: `signed and posted one at a time, 5 s; RSS ${r.rssMb.toFixed(0)} MB after, peak ${r.maxRssMb.toFixed(0)} MB`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One round of a ten-probe location at instant `at`, as a worker would hand it over. */
function round(at: number, i: number): ProbeResult[] {
  return Array.from({ length: 10 }, (_, j) => ({
    probeKey: `svc-${j >> 1}-${j % 2 ? "payment" : "topup"}-busan`,
    at: new Date(at),
    intervalSec: 10,
    state: "UP",
    latencyMs: 80 + ((i * 7 + j * 13) % 90),
    httpStatus: 200,
    errorClass: null,
    message: null,
  }));
}

function reopen(dir: string, url: string): Promise<Reopen> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "bench/spool-reopen.ts"), dir, url, "5"], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(line) as Reopen);
      } catch (err) {
        reject(new Error(`the reopening process failed (${(err as Error).message}): ${out.slice(-500)}`));
      }
    });
  });
}
