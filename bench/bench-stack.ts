import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export type BenchStack = { base: string; dataDir: string; stop: () => Promise<void> };

/**
 * The real stack (scripts/start.ts: sandbox, worker, alerter, Next.js on port + 1, the edge on `port`)
 * on its own ports and a fresh data folder, answering once `/api/v1/services` does (120 s at most).
 * `stop` ends the whole process group and removes the data folder.
 */
export async function startBenchStack(opts: { port: number; name: string; env?: Record<string, string> }): Promise<BenchStack> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `ledger-${opts.name}-`));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/start.ts")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(opts.port),
      LEDGER_NEXT_PORT: String(opts.port + 1),
      LEDGER_SANDBOX_PORT: String(opts.port + 2),
      LEDGER_DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      ...opts.env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const stop = async () => {
    if (child.pid) {
      try {
        process.kill(-child.pid, "SIGINT");
      } catch {
        // already gone
      }
    }
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${opts.port}`;
  try {
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error("the stack did not start within 120 s");
      const ok = await fetch(`${base}/api/v1/services`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, dataDir, stop };
}
