import { execFileSync } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { BrowserProbe } from "@/core/config/resolve";
import { loadConfig } from "@/lib/config/load-config";
import { createBrowserPool, type BrowserPool } from "@/probes/browser-pool";
import { runProbe } from "@/probes/run-probe";
import type { Sandbox } from "@/sandbox/server";
import { startSandbox } from "../sandbox/sandbox-fixture";

/**
 * The demo's browser journey (examples/demo) in Debian's Chromium against the
 * real sandbox web page: UP when healthy; on failure the step, a screenshot, the
 * page text and a redacted HAR; the context closed in every case, also when the
 * page never loads; a dead browser makes UNKNOWN and is replaced.
 */
let sandbox: Sandbox;
let journey: BrowserProbe;
let pool: BrowserPool;

beforeAll(async () => {
  sandbox = await startSandbox();
  const config = loadConfig("examples/demo", { SANDBOX_URL: sandbox.url });
  const demo = config.services[0]!.probes.find((p): p is BrowserProbe => p.kind === "browser")!;
  // The demo's journey with three times its step limits (45 s in all): a CI machine busy with other
  // suites must not turn a verdict under test into a TIMEOUT. Tests of limits set their own.
  journey = {
    ...demo,
    timeoutMs: Math.max(demo.timeoutMs, 45_000),
    steps: demo.steps.map((s) => ({ ...s, timeoutMs: s.timeoutMs === null ? null : s.timeoutMs * 3 })),
  };
  pool = createBrowserPool({ executablePath: "/usr/bin/chromium", maxContexts: 2 });
}, 30_000);
afterAll(async () => {
  await pool.close();
  await sandbox.close();
});
beforeEach(() => sandbox.resetFaults());

const run = (probe: BrowserProbe = journey, p: BrowserPool = pool) => runProbe(probe, new Date(), { browsers: p });
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const noContextsLeft = (p: BrowserPool = pool) => expect(p.stats()).toMatchObject({ slotsInUse: 0, contexts: 0, waiting: 0 });

describe("browser journey on the sandbox web page", () => {
  it("open, sign up, top up: UP, and the context is closed", async () => {
    const r = await run();
    expect([r.state, r.errorClass, r.message]).toEqual(["UP", null, null]);
    expect(r.httpStatus).toBe(200);
    noContextsLeft();
  }, 60_000);

  it("top-up answering 503: DOWN at the step that waits for the result, with screenshot, page text and a redacted HAR", async () => {
    sandbox.setFault("topup", { mode: "error", status: 503 });
    const r = await run();
    expect([r.state, r.errorClass]).toEqual(["DOWN", "ASSERTION_PAGE"]);
    expect(r.message).toMatch(/^step "top-up done" \(12 of 12\): \[data-testid=topup-result\] shows "충전 실패: .*\(HTTP 503\)", expected "충전 완료"$/);
    expect(r.detail?.step).toBe("top-up done");
    expect(r.detail?.steps?.filter((s) => s.outcome === "ok")).toHaveLength(11);
    const byRole = new Map(r.evidence!.map((e) => [e.role, e]));
    expect([...byRole.keys()].sort()).toEqual(["har", "page", "screenshot"]);
    const png = byRole.get("screenshot")!;
    expect(png.mediaType).toBe("image/png");
    expect([...png.bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(text(byRole.get("page")!.bytes)).toContain("충전 실패");
    const har = JSON.parse(text(byRole.get("har")!.bytes)) as {
      log: { entries: { request: { url: string; headers: { name: string; value: string }[] }; response: { status: number } }[] };
    };
    const topup = har.log.entries.find((e) => e.request.url.endsWith("/api/v1/wallet/topups"))!;
    expect(topup.response.status).toBe(503);
    // the page sends the test account's token: never kept
    expect(topup.request.headers.find((h) => h.name.toLowerCase() === "authorization")?.value).toBe("[REDACTED]");
    expect(text(byRole.get("har")!.bytes)).not.toContain("sandbox-test-token");
    noContextsLeft();
  }, 60_000);

  it("the app answering an error page: ASSERTION_STATUS at the first step", async () => {
    sandbox.setFault("app", { mode: "error", status: 503 });
    const r = await run();
    expect([r.state, r.errorClass, r.httpStatus]).toEqual(["DOWN", "ASSERTION_STATUS", 503]);
    expect(r.message).toMatch(/^step "open" \(1 of 12\): page answered 503$/);
    noContextsLeft();
  }, 60_000);

  it("the page never loads (service offline): CONNECTION_REFUSED, and the context is still closed", async () => {
    await sandbox.setOffline(true);
    try {
      const r = await run();
      expect([r.state, r.errorClass]).toEqual(["DOWN", "CONNECTION_REFUSED"]);
      expect(r.message).toMatch(/^step "open" \(1 of 12\): .*ERR_CONNECTION_REFUSED/);
      noContextsLeft();
    } finally {
      await sandbox.setOffline(false);
    }
  }, 60_000);
});

describe("browser pool", () => {
  let hang: http.Server;
  let hangUrl: string;
  const requests: (() => void)[] = [];
  beforeAll(async () => {
    hang = http.createServer(() => requests.shift()?.());
    await new Promise<void>((r) => hang.listen(0, "127.0.0.1", r));
    hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}/`;
  });
  afterAll(() => {
    hang.closeAllConnections();
    hang.close();
  });
  const hanging = (timeoutMs: number): BrowserProbe => ({
    ...journey,
    key: "hang",
    timeoutMs,
    steps: [{ name: "open", action: "goto", url: hangUrl, timeoutMs: null }],
  });
  const requested = () => new Promise<void>((r) => requests.push(r));

  it("bounds contexts: a journey that finds no free slot before its deadline is UNKNOWN, not DOWN", async () => {
    const one = createBrowserPool({ executablePath: "/usr/bin/chromium", maxContexts: 1 });
    try {
      const seen = requested();
      const first = run(hanging(3_000), one);
      await seen; // the only slot is taken, its page waiting on the hanging server
      const second = await run({ ...journey, timeoutMs: 300 }, one);
      expect([second.state, second.errorClass]).toEqual(["UNKNOWN", "MONITOR_ERROR"]);
      expect(second.message).toBe("no browser slot free before the deadline (1 in use)");
      const r = await first;
      expect([r.state, r.errorClass]).toEqual(["DOWN", "TIMEOUT"]);
      noContextsLeft(one);
    } finally {
      await one.close();
    }
  }, 60_000);

  it("a browser that dies mid-journey makes the run UNKNOWN; the next journey starts a new browser", async () => {
    const own = createBrowserPool({ executablePath: "/usr/bin/chromium", maxContexts: 2 });
    try {
      const before = new Set(chromiumBrowsers().map((p) => p.pid));
      const seen = requested();
      const inFlight = run(hanging(20_000), own);
      await seen;
      const launches = own.stats().launches;
      killChromium(before);
      const r = await inFlight;
      expect([r.state, r.errorClass]).toEqual(["UNKNOWN", "MONITOR_ERROR"]);
      expect(r.message).toMatch(/the monitor's browser stopped during the journey/);
      const next = await run(journey, own);
      expect(next.state).toBe("UP");
      expect(own.stats()).toMatchObject({ launches: launches + 1, connected: true, slotsInUse: 0, contexts: 0 });
    } finally {
      await own.close();
    }
  }, 60_000);
});

/** The Chromium browser processes (not their helpers) this test process started; a shell wrapper may stand between. */
function chromiumBrowsers(): { pid: number; args: string }[] {
  const out = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" });
  const procs = out
    .split("\n")
    .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! }));
  const descendants = (pid: number): typeof procs => procs.filter((p) => p.ppid === pid).flatMap((c) => [c, ...descendants(c.pid)]);
  return descendants(process.pid).filter((p) => /chromium/.test(p.args) && !/--type=/.test(p.args));
}

/**
 * SIGKILL the browser started since `before` was taken. Chosen by that difference, not by the
 * highest pid: pids wrap around on a busy machine, so the newest browser need not have the largest.
 */
function killChromium(before: Set<number>): void {
  const started = chromiumBrowsers().filter((p) => !before.has(p.pid));
  if (started.length !== 1) throw new Error(`expected one browser started by the journey, found ${started.length}`);
  process.kill(started[0]!.pid, "SIGKILL");
}
