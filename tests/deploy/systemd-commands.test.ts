import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/lib/db";

/**
 * The commands of deploy/systemd/'s units, run as systemd would run them: from /opt/uptime-ledger (here this
 * checkout), with the environment of deploy/systemd/env.example, only the database, data folder,
 * configuration and ports pointed at this test. The setup's two commands migrate and load the
 * configuration; then the worker, the alerter and the edge start from their ExecStart= lines, beat,
 * answer, and stop cleanly on SIGTERM (systemd's stop). The web needs a build, so it is left to e2e.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const DIR = path.join(ROOT, "deploy/systemd");

const execStarts = (unit: string) =>
  readFileSync(path.join(DIR, unit), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("ExecStart="))
    .map((l) => l.slice("ExecStart=".length));

/** A unit's command as argv on this machine; each rewrite must apply. */
function argv(command: string, env: NodeJS.ProcessEnv): string[] {
  expect(command).toMatch(/^\/usr\/bin\/node /);
  expect(command).toContain("/opt/uptime-ledger/");
  return command
    .replace(/^\/usr\/bin\/node /, `${process.execPath} `)
    .replaceAll("/opt/uptime-ledger", ROOT)
    .replace(/\$\{([A-Z0-9_]+)\}/g, (_m, name: string) => env[name]!)
    .split(" ");
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-units-"));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const p of running) if (p.exitCode === null) p.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

describe("the units' commands with the example environment", () => {
  it("set up the database, then worker, alerter and edge run, beat, answer and stop on SIGTERM", { timeout: 240_000 }, async () => {
    const example = Object.fromEntries(
      readFileSync(path.join(DIR, "env.example"), "utf8")
        .split("\n")
        .map((l) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(l))
        .filter((m) => m !== null)
        .map((m) => [m[1]!, m[2]!]),
    );
    const port = await freePort();
    const local = {
      DATABASE_URL: `file:${path.join(dir, "ledger.db")}`,
      LEDGER_DATA_DIR: dir,
      LEDGER_CONFIG: path.join(ROOT, "examples/dongbaekjeon-2022/ledger.yaml"),
      LEDGER_LOCATION: "busan", // the configuration's one location
      PORT: String(port),
      LEDGER_NEXT_PORT: String(await freePort()),
      LEDGER_INVALIDATE_URL: `http://127.0.0.1:${port}/_edge/invalidate`,
      LEDGER_INTERNAL_TOKEN: "units-test-internal-token-0123456789",
    };
    for (const key of Object.keys(local)) expect(example, `env.example sets ${key}`).toHaveProperty(key);
    // its probes measure ${SANDBOX_URL}: a port nobody listens on, so they fail at once and reach nothing else on this machine
    const sandbox = { LEDGER_SANDBOX_PORT: String(await freePort()) };
    // what systemd gives a service (PATH), plus the file, plus the unit's Environment= line
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH!,
      HOME: dir,
      ...example,
      ...local,
      ...sandbox,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    };

    for (const command of execStarts("uptime-ledger-setup.service")) {
      const [cmd, ...args] = argv(command, env);
      const r = spawnSync(cmd!, args, { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
      expect(r.status, `${command}\n${r.stderr}`).toBe(0);
    }
    const db = await openDb(local.DATABASE_URL);
    expect(await db.service.findMany({ select: { slug: true } })).toEqual([{ slug: "dongbaekjeon" }]);

    const logs: Record<string, string> = {};
    for (const unit of ["worker", "alerter", "edge"]) {
      const [command] = execStarts(`uptime-ledger-${unit}.service`);
      const [cmd, ...args] = argv(command!, env);
      const child = spawn(cmd!, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
      logs[unit] = "";
      child.stdout!.on("data", (d: Buffer) => (logs[unit] += d.toString()));
      child.stderr!.on("data", (d: Buffer) => (logs[unit] += d.toString()));
      running.push(child);
    }

    // the worker and the alerter beat (what /readyz reads); the edge takes an invalidation only with the token
    const deadline = Date.now() + 90_000;
    let roles: string[] = [];
    while (Date.now() < deadline) {
      roles = (await db.processBeat.findMany({ select: { role: true }, orderBy: { role: "asc" } })).map((b) => b.role);
      if (roles.length === 2) break;
      for (const p of running) expect(p.exitCode, JSON.stringify(logs)).toBeNull();
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(roles, JSON.stringify(logs)).toEqual(["alerter", "worker"]);
    const invalidate = (token: string) =>
      fetch(local.LEDGER_INVALIDATE_URL, { method: "POST", headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
    expect(await invalidate(local.LEDGER_INTERNAL_TOKEN)).toBe(204);
    expect(await invalidate("not-the-token-at-all")).toBe(401);
    await db.$disconnect();

    // systemd's stop (KillMode=mixed): SIGTERM to each main process, which must exit 0 well inside TimeoutStopSec=20s
    const exits = running.map((p) => new Promise<number | null>((resolve) => p.once("exit", (code) => resolve(code))));
    const stopAt = Date.now();
    for (const p of running) p.kill("SIGTERM");
    expect(await Promise.all(exits), JSON.stringify(logs)).toEqual([0, 0, 0]);
    expect(Date.now() - stopAt).toBeLessThan(20_000);
  });
});
