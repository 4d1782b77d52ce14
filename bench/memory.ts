/**
 * Memory: the whole stack (scripts/start.ts: migrations, configuration sync, worker,
 * alerter, Next.js, edge) started on a configuration of N HTTP monitors at a 60 s
 * interval against a fast local target; after the worker has run for a while and
 * the site has served its pages, the resident size (RSS, from /proc) of the web
 * process (Next.js and its children) and of the worker process is read.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startTarget } from "./capacity";
import { syntheticServices } from "./synthetic-services";

type Row = { name: string; value: number; unit: string; note: string };
const root = path.resolve(import.meta.dirname, "..");

type Proc = { pid: number; ppid: number; rssKb: number; cmd: string };

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${d}/status`, "utf8"));
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").replaceAll("\0", " ");
      out.push({ pid: Number(d), ppid, rssKb: rss ? Number(rss[1]) : 0, cmd });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

function descendants(all: Proc[], pid: number): Proc[] {
  const out: Proc[] = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    for (const c of all) {
      if (c.ppid !== p) continue;
      out.push(c);
      stack.push(c.pid);
    }
  }
  return out;
}

/** RSS in MB of a process and all its descendants. */
export function treeRssMb(all: Proc[], pid: number): number {
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    const me = all.find((x) => x.pid === p);
    if (me) kb += me.rssKb;
    for (const c of all) if (c.ppid === p) stack.push(c.pid);
  }
  return kb / 1024;
}

export async function runMemory(counts: number[] = [1000, 10_000], portBase = Number(process.env.E2E_PORT_BASE ?? 3300) + 40): Promise<Row[]> {
  const rows: Row[] = [];
  const target = await startTarget();
  try {
    for (const n of counts) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-bench-memory-"));
      const config = { services: syntheticServices(n, () => ({ interval: "60s", timeout: "5s", request: { url: target.url } })) };
      const configFile = path.join(dir, "ledger.yaml");
      writeFileSync(configFile, JSON.stringify(config)); // JSON is YAML
      const started = Date.now();
      const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/start.ts")], {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(portBase),
          LEDGER_NEXT_PORT: String(portBase + 1),
          LEDGER_SANDBOX_PORT: String(portBase + 2),
          LEDGER_DATA_DIR: path.join(dir, "data"),
          LEDGER_CONFIG: configFile,
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "ignore", "inherit"],
        detached: true,
      });
      try {
        const base = `http://127.0.0.1:${portBase}`;
        for (;;) {
          if (Date.now() - started > 600_000) throw new Error(`the stack with ${n} monitors did not start within 10 minutes`);
          if (child.exitCode !== null) throw new Error(`the stack exited (${child.exitCode})`);
          if (
            await fetch(`${base}/api/v1/services`).then(
              (r) => r.ok,
              () => false,
            )
          )
            break;
          await new Promise((r) => setTimeout(r, 1000));
        }
        const startup = (Date.now() - started) / 1000;
        // half an interval of probing (half the monitors have run), with the site serving pages meanwhile
        const until = Date.now() + 30_000;
        let pages = 0;
        while (Date.now() < until) {
          for (const p of ["/ko", "/en", "/ko/services/svc-0", "/api/v1/services"]) {
            await fetch(`${base}${p}`).then(
              (r) => r.arrayBuffer(),
              () => null,
            );
            pages++;
          }
          await new Promise((r) => setTimeout(r, 1000));
        }
        const all = processes();
        const tree = descendants(all, child.pid!);
        const isWeb = (p: Proc) => p.cmd.startsWith("next-server") || p.cmd.includes("next/dist/bin/next");
        const worker = tree.find((p) => p.cmd.includes("probes/main.ts"));
        // the topmost Next.js process (it renames itself next-server); its children are counted with it
        const web = tree.find((p) => isWeb(p) && !tree.some((q) => q.pid === p.ppid && isWeb(q)));
        const edge = tree.filter((p) => p.cmd.includes("edge/main.ts") && !tree.some((q) => q.pid === p.ppid && q.cmd.includes("edge/main.ts")));
        if (!worker || !web) throw new Error(`could not find the worker and web processes among: ${tree.map((p) => p.cmd.slice(0, 80)).join(" | ")}`);
        const edgeMb = edge.reduce((a, p) => a + treeRssMb(all, p.pid), 0);
        const note = `${n.toLocaleString("en")} monitors at 60 s, after 30 s of probing and ${pages} page requests; stack up in ${startup.toFixed(0)} s`;
        rows.push({
          name: `memory: web, ${n.toLocaleString("en")} monitors`,
          value: Math.round(treeRssMb(all, web.pid)),
          unit: "MB RSS",
          note: `Next.js server and its children; the edge page cache in front adds ${Math.round(edgeMb)} MB; ${note}`,
        });
        rows.push({ name: `memory: worker, ${n.toLocaleString("en")} monitors`, value: Math.round(treeRssMb(all, worker.pid)), unit: "MB RSS", note });
      } finally {
        try {
          process.kill(-child.pid!, "SIGINT");
        } catch {
          // already gone
        }
        await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    target.child.kill();
  }
  return rows;
}
