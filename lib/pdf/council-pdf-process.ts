import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { ServiceReport } from "@/core/accounting/report-types";
import { inheritedEnv } from "@/lib/env";
import type { Lang } from "@/lib/i18n";

/**
 * councilPdf() in a child process, for the web server (see pdf-worker.ts for why).
 * One child at a time, so a burst of downloads holds one browser's memory; a
 * child that takes too long is killed.
 */
let queue: Promise<unknown> = Promise.resolve();

export function councilPdfInChild(report: ServiceReport, lang: Lang, opts: { root?: string; timeoutMs?: number } = {}): Promise<Buffer> {
  const run = queue.then(
    () => runChild(report, lang, opts),
    () => runChild(report, lang, opts),
  );
  queue = run.catch(() => undefined);
  return run;
}

function runChild(report: ServiceReport, lang: Lang, opts: { root?: string; timeoutMs?: number }): Promise<Buffer> {
  // The server and the CLI run from the checkout's root (scripts/start.ts sets it as the working directory).
  const root = opts.root ?? process.cwd();
  const worker = path.join(root, "lib/pdf/pdf-worker.ts");
  if (!existsSync(worker)) return Promise.reject(new Error(`PDF worker not found at ${worker}`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", worker], { cwd: root, env: inheritedEnv(), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 90_000);
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const pdf = Buffer.concat(out);
      if (code === 0 && pdf.subarray(0, 5).toString("latin1") === "%PDF-") resolve(pdf);
      else reject(new Error(`PDF worker failed (${signal ?? `exit ${code}`}): ${err.trim().slice(0, 500)}`));
    });
    child.stdin.end(JSON.stringify({ report, lang }));
  });
}
