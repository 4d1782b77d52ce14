/**
 * `npm run bench -- import`: `ledger import` of a large results file, as an auditor runs it
 * (the CLI in a process of its own, on a fresh SQLite database), timed and its peak resident
 * memory read by /usr/bin/time. The file: BENCH_IMPORT_RESULTS results (10 million by
 * default) of 100 monitors at 60 s (bench/import-file.ts), about 69 days. Also measured on
 * their own: writing the file, and the first reading (every line checked, nothing stored),
 * which the import does before it writes anything.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { resultWindow } from "@/core/result-window";
import { migrateDeploy } from "@/lib/migrate";
import { scanResultsFile } from "@/lib/results-file/read-results-file";
import { importBenchConfig, importBenchConfigData, writeImportFile } from "./import-file";

type Row = { name: string; value: number; unit: string; note: string };
const root = path.resolve(import.meta.dirname, "..");
const PROBES = 100;

export async function runImportBench(): Promise<Row[]> {
  const total = Number(process.env.BENCH_IMPORT_RESULTS ?? 10_000_000);
  const n = total.toLocaleString("en");
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-bench-import-"));
  try {
    const file = path.join(dir, "results.jsonl");
    let t = performance.now();
    await writeImportFile(file, total, PROBES);
    const writeS = (performance.now() - t) / 1000;
    const fileMb = statSync(file).size / 2 ** 20;

    const config = importBenchConfig(PROBES);
    t = performance.now();
    const checked = await scanResultsFile(file, config, { window: resultWindow({ now: Date.now(), skewMs: 0 }), inTimeOrder: true }, () => undefined);
    const checkS = (performance.now() - t) / 1000;
    if (checked.issueCount > 0) throw new Error(`the generated file has bad lines: ${JSON.stringify(checked.issues.slice(0, 3))}`);

    const configFile = path.join(dir, "ledger.yaml");
    writeFileSync(configFile, JSON.stringify(importBenchConfigData(PROBES)));
    const url = `file:${path.join(dir, "ledger.db")}`;
    await migrateDeploy(url, process.env);
    const run = await timed(["bin/ledger.mjs", "import", file, "--config", configFile], { ...process.env, DATABASE_URL: url, LEDGER_DATA_DIR: dir });
    if (!run.out.includes(`${total} imported`)) throw new Error(`ledger import did not import everything: ${run.out.slice(-400)}`);
    const dbMb = statSync(url.slice("file:".length)).size / 2 ** 20;
    return [
      {
        name: "import file written",
        value: Math.round(fileMb),
        unit: "MB",
        note: `${n} results of ${PROBES} monitors at 60 s, ${writeS.toFixed(0)} s to write`,
      },
      {
        name: "import, first reading (check only)",
        value: Math.round(total / checkS),
        unit: "results/s",
        note: `${checkS.toFixed(0)} s: every line parsed and checked`,
      },
      {
        name: "ledger import (SQLite)",
        value: Math.round(total / run.seconds),
        unit: "results/s",
        note:
          `${n} results in ${run.seconds.toFixed(0)} s (${(run.seconds / 60).toFixed(1)} min), ` +
          `peak RSS ${run.maxRssMb.toFixed(0)} MB, database ${dbMb.toFixed(0)} MB`,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs node with the arguments under /usr/bin/time: wall seconds and peak RSS of the process. */
function timed(args: string[], env: NodeJS.ProcessEnv): Promise<{ seconds: number; maxRssMb: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "TIME %e %M", process.execPath, ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.once("exit", (code) => {
      const m = /TIME ([\d.]+) (\d+)/.exec(err);
      if (code !== 0 || !m) return reject(new Error(`ledger import failed (${code}): ${err.slice(-800)}`));
      resolve({ seconds: Number(m[1]), maxRssMb: Number(m[2]) / 1024, out });
    });
  });
}
