import { spawn, type ChildProcess } from "node:child_process";
import type { Logger } from "./log";

export type ProcessSpec = { name: string; command: string; args: string[]; env: NodeJS.ProcessEnv; cwd?: string };

export type Supervisor = {
  /** Sends SIGTERM to every child, then SIGKILL to those still alive after `graceMs`. */
  stopAll: (graceMs?: number) => Promise<void>;
  restarts: (name: string) => number;
  pid: (name: string) => number | undefined;
};

/**
 * Runs each process separately and restarts one that exits while we are not
 * stopping, with a backoff (1 s doubling to 30 s, reset after a minute of good
 * health), so a crashing worker never takes the web site down with it.
 */
export function supervise(specs: ProcessSpec[], log: Logger, opts: { backoffMs?: number; maxBackoffMs?: number; healthyAfterMs?: number } = {}): Supervisor {
  const base = opts.backoffMs ?? 1000;
  const max = opts.maxBackoffMs ?? 30_000;
  const healthyAfter = opts.healthyAfterMs ?? 60_000;
  let stopping = false;
  const state = new Map<string, { child: ChildProcess | null; restarts: number; delay: number; timer: NodeJS.Timeout | null; exited: Promise<void> }>();

  const start = (spec: ProcessSpec) => {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ["ignore", "inherit", "inherit"] });
    const s = state.get(spec.name)!;
    s.child = child;
    const startedAt = Date.now();
    s.exited = new Promise((resolve) => {
      child.on("exit", (code, signal) => {
        s.child = null;
        resolve();
        if (stopping) return;
        if (Date.now() - startedAt > healthyAfter) s.delay = base;
        log.error({ process: spec.name, code, signal, restartInMs: s.delay }, "process exited; restarting");
        s.timer = setTimeout(() => {
          s.timer = null;
          s.restarts++;
          if (!stopping) start(spec);
        }, s.delay);
        s.delay = Math.min(max, s.delay * 2);
      });
      child.on("error", (err) => log.error({ process: spec.name, err }, "could not start process"));
    });
    log.info({ process: spec.name, pid: child.pid }, "started");
  };

  for (const spec of specs) {
    state.set(spec.name, { child: null, restarts: 0, delay: base, timer: null, exited: Promise.resolve() });
    start(spec);
  }

  return {
    restarts: (name) => state.get(name)?.restarts ?? 0,
    pid: (name) => state.get(name)?.child?.pid,
    async stopAll(graceMs = 10_000) {
      stopping = true;
      const waits: Promise<void>[] = [];
      for (const [name, s] of state) {
        if (s.timer) clearTimeout(s.timer);
        const child = s.child;
        if (!child) continue;
        child.kill("SIGTERM");
        const killer = setTimeout(() => {
          log.warn({ process: name }, "did not stop in time; killing");
          child.kill("SIGKILL");
        }, graceMs);
        waits.push(s.exited.then(() => clearTimeout(killer)));
      }
      await Promise.all(waits);
    },
  };
}
