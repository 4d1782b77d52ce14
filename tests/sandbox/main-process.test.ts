import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { admin, call, callError, errorCode } from "./sandbox-fixture";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

type Started = { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; at: number }> };

function startMain(env: Record<string, string | undefined>): Started {
  const base = { ...process.env };
  delete base.LEDGER_SANDBOX_TOKEN;
  delete base.LEDGER_SANDBOX_SCENARIO;
  const proc = spawn(process.execPath, ["--import", "tsx", "sandbox/main.ts"], { cwd: repoRoot, env: { ...base, LOG_LEVEL: "info", ...env }, stdio: "pipe" });
  child = proc;
  let output = "";
  proc.stdout.on("data", (d: Buffer) => (output += d.toString()));
  proc.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => proc.on("exit", (code) => resolve({ code, at: performance.now() })));
  return { child: proc, output: () => output, exited };
}

async function waitForOutput(started: Started, text: string, timeoutMs = 15_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!started.output().includes(text)) {
    if (performance.now() > deadline || started.child.exitCode !== null) throw new Error(`no "${text}" in output:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A port p with p + 1 free too (the admin port). */
async function freePortPair(): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const actual = (server.address() as { port: number }).port;
        server.close(() => resolve(actual));
      });
    });
  for (let i = 0; i < 20; i++) {
    const port = await tryListen(0);
    if (port !== null && port < 65535 && (await tryListen(port + 1)) !== null) return port;
  }
  throw new Error("no free port pair");
}

describe("sandbox/main.ts", () => {
  it("refuses to start without LEDGER_SANDBOX_TOKEN", async () => {
    const started = startMain({});
    const { code } = await started.exited;
    expect(code).toBe(1);
    expect(started.output()).toContain("LEDGER_SANDBOX_TOKEN is not set");
  });

  it("refuses to start with an unknown scenario, naming it", async () => {
    const started = startMain({
      LEDGER_SANDBOX_TOKEN: "main-test-token",
      LEDGER_SANDBOX_PORT: String(await freePortPair()),
      LEDGER_SANDBOX_SCENARIO: "no-such-scenario",
    });
    const { code } = await started.exited;
    expect(code).toBe(1);
    expect(started.output()).toContain("no-such-scenario");
  });

  it("serves the API and the admin API, runs the scenario, and exits within 2 s of SIGTERM with a request hanging", async () => {
    const port = await freePortPair();
    const started = startMain({
      LEDGER_SANDBOX_TOKEN: "main-test-token",
      LEDGER_SANDBOX_PORT: String(port),
      LEDGER_SANDBOX_SCENARIO: "demo",
      LEDGER_SANDBOX_CLOCK_SPEED: "2",
    });
    await waitForOutput(started, "sandbox listening");
    const line =
      started
        .output()
        .split("\n")
        .find((l) => l.includes("sandbox listening")) ?? "";
    expect(JSON.parse(line)).toMatchObject({ module: "sandbox", url: `http://127.0.0.1:${port}`, adminUrl: `http://127.0.0.1:${port + 1}` });

    const api = `http://127.0.0.1:${port}`;
    expect((await call(api, "GET", "/api/v1/health")).status).toBe(200);
    const state = await call(`http://127.0.0.1:${port + 1}`, "GET", "/admin/faults", { headers: admin("main-test-token") });
    expect(state.json).toMatchObject({ scenario: { name: "demo", speed: 2 } });

    await call(`http://127.0.0.1:${port + 1}`, "PUT", "/admin/faults/balance", { headers: admin("main-test-token"), body: { mode: "hang" } });
    const hanging = callError(
      call(api, "GET", "/api/v1/wallet/balance", { headers: { authorization: "Bearer sandbox-test-token-probe-01" }, timeoutMs: 10_000 }),
    );
    await callError(call(api, "GET", "/api/v1/wallet/balance", { headers: { authorization: "Bearer sandbox-test-token-probe-01" }, timeoutMs: 200 }));

    const signalled = performance.now();
    started.child.kill("SIGTERM");
    const { code, at } = await started.exited;
    expect(code).toBe(0);
    expect(at - signalled).toBeLessThan(2_000);
    expect(["ECONNRESET", "UND_ERR_SOCKET"]).toContain(errorCode(await hanging));
    expect(started.output()).toContain("sandbox closed");
  });
});
