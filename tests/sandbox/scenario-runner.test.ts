import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseDuration } from "@/core/duration";
import type { FaultTable } from "../../sandbox/faults";
import { DEFAULT_SCENARIOS_DIR, loadScenarioFile } from "../../sandbox/scenario-loader";
import { nextChangeAt, positionAt, startScenarioRunner, tableAt, type ScenarioRunner, type ScenarioStatus } from "../../sandbox/scenario-runner";
import { parseScenario, type Scenario, type ScenarioInput } from "../../sandbox/scenario-schema";
import type { Sandbox } from "../../sandbox/server";
import { admin, call, fakeClock, moneyHeaders, startSandbox } from "./sandbox-fixture";

const ms = (text: string) => {
  const value = parseDuration(text);
  if (value === null) throw new Error(`bad duration in test: ${text}`);
  return value;
};

function scenario(input: ScenarioInput): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.scenario;
}

const loadShipped = (name: string) => loadScenarioFile(path.join(DEFAULT_SCENARIOS_DIR, `${name}.yaml`));
const modes = (table: FaultTable) => Object.fromEntries(Object.entries(table.functions).map(([fn, f]) => [fn, f.mode]));

const climb = scenario({
  name: "climb",
  description: "test",
  steps: [
    { at: "10s", set: { topup: { mode: "slow", latencyMs: 200 } } },
    { at: "20s", set: { payment: { mode: "error" } } },
    { at: "30s", offline: true },
    { at: "40s", set: { all: { mode: "ok" } }, offline: false },
  ],
});

const loop = scenario({
  name: "loop",
  description: "test",
  loop: true,
  duration: "8m",
  steps: [
    { at: "0s", set: { all: { mode: "ok" } } },
    { at: "30s", set: { payment: { mode: "error" } } },
    { at: "50s", set: { payment: { mode: "ok" } } },
    { at: "7m", offline: true },
  ],
});

describe("step selection (pure)", () => {
  it.each([
    { at: "0s", step: -1, topup: "ok", payment: "ok", offline: false, why: "before the first step everything is ok" },
    { at: "9s", step: -1, topup: "ok", payment: "ok", offline: false, why: "still before the first step" },
    { at: "10s", step: 0, topup: "slow", payment: "ok", offline: false, why: "a step applies from its own instant" },
    { at: "25s", step: 1, topup: "slow", payment: "error", offline: false, why: "steps are cumulative" },
    { at: "35s", step: 2, topup: "slow", payment: "error", offline: true, why: "offline joins the earlier faults" },
    { at: "40s", step: 3, topup: "ok", payment: "ok", offline: false, why: "all: ok clears everything" },
    { at: "5d", step: 3, topup: "ok", payment: "ok", offline: false, why: "a finished scenario keeps its last state" },
  ])("at $at: $why", ({ at, step, topup, payment, offline }) => {
    expect(positionAt(climb, ms(at)).stepIndex).toBe(step);
    const table = tableAt(climb, ms(at));
    expect([table.functions.topup.mode, table.functions.payment.mode, table.offline]).toEqual([topup, payment, offline]);
  });

  it.each([
    { at: "7m 59s", loopIndex: 0, step: 3, payment: "ok", offline: true, why: "the end of the first loop" },
    { at: "8m", loopIndex: 1, step: 0, payment: "ok", offline: false, why: "wrap-around starts again from an all-ok table" },
    { at: "8m 30s", loopIndex: 1, step: 1, payment: "error", offline: false, why: "the second loop repeats the blip" },
    { at: "16m 49s", loopIndex: 2, step: 1, payment: "error", offline: false, why: "and the third" },
    { at: "16m 50s", loopIndex: 2, step: 2, payment: "ok", offline: false, why: "and recovers" },
  ])("loop at $at: $why", ({ at, loopIndex, step, payment, offline }) => {
    expect(positionAt(loop, ms(at))).toMatchObject({ loopIndex, stepIndex: step });
    const table = tableAt(loop, ms(at));
    expect([table.functions.payment.mode, table.offline]).toEqual([payment, offline]);
  });

  it.each([
    { s: climb, at: "0s", next: "10s" },
    { s: climb, at: "10s", next: "20s" },
    { s: climb, at: "45s", next: null },
    { s: loop, at: "7m 30s", next: "8m" },
    { s: loop, at: "8m 10s", next: "8m 30s" },
  ])("nextChangeAt($at) is $next", ({ s, at, next }) => {
    expect(nextChangeAt(s, ms(at))).toBe(next === null ? null : ms(next));
  });
});

describe("scenario runner with an injected clock", () => {
  let runner: ScenarioRunner | undefined;
  afterEach(() => runner?.stop());

  function run(s: Scenario, speed: number) {
    const clock = fakeClock();
    const applied: { table: FaultTable; status: ScenarioStatus }[] = [];
    runner = startScenarioRunner({ scenario: s, speed, clock: clock.now, apply: (table, status) => applied.push({ table, status }) });
    return { clock, applied, runner };
  }

  it("applies the initial state at once and then only when the step changes", () => {
    const { clock, applied, runner } = run(climb, 1);
    expect(applied).toHaveLength(1);
    clock.advance(5_000);
    runner.tick();
    expect(applied).toHaveLength(1);
    clock.advance(5_000);
    runner.tick();
    runner.tick();
    expect(applied).toHaveLength(2);
    expect(applied[1]?.table.functions.topup).toEqual({ mode: "slow", latencyMs: 200 });
  });

  it("runs simulated time at `speed` simulated seconds per real second", () => {
    const { clock, runner } = run(climb, 10);
    clock.advance(3_000); // 30 simulated seconds
    expect(runner.tick()).toMatchObject({ stepIndex: 2, elapsed: "30s", offsetMs: 30_000 });
  });

  it("re-applies at a loop wrap even when the step index is the same", () => {
    const single = scenario({ name: "single", description: "t", loop: true, duration: "1m", steps: [{ at: "0s", set: { topup: { mode: "hang" } } }] });
    const { clock, applied, runner } = run(single, 1);
    clock.advance(60_000);
    runner.tick();
    expect(applied.map((a) => a.status.loopIndex)).toEqual([0, 1]);
  });

  it("stops applying after stop()", () => {
    const { clock, applied, runner } = run(climb, 1);
    runner.stop();
    clock.advance(60_000);
    runner.tick();
    expect(applied).toHaveLength(1);
  });
});

describe("shipped scenarios", () => {
  it("replays 동백전 April 2022 at 14:00, 17:00 and 04-04 09:00 (speed 360)", async () => {
    const april = await loadShipped("dongbaekjeon-2022-04");
    expect(april.speed).toBe(360);
    const clock = fakeClock();
    const tables: FaultTable[] = [];
    const runner = startScenarioRunner({ scenario: april, speed: april.speed, clock: clock.now, apply: (t) => tables.push(t) });
    const at = (simulated: string) => {
      clock.setOffset(ms(simulated) / 360);
      const status = runner.tick();
      return { status, table: tables.at(-1) as FaultTable };
    };
    try {
      const blackout = at("13h 59m");
      expect(new Set(Object.values(modes(blackout.table)))).toEqual(new Set(["error"]));
      expect(blackout.table.functions.app).toMatchObject({ status: 503, message: expect.stringContaining("시스템 이전") });

      const opened = at("14h");
      expect(opened.status.simulatedAt).toBe("2022-04-01T05:00:00.000Z"); // 14:00 KST
      expect(new Set(Object.values(modes(opened.table)))).toEqual(new Set(["ok"]));

      expect(at("16h 59m").table.functions.topup).toMatchObject({ mode: "error", status: 504 });

      const suspended = at("17h");
      expect(modes(suspended.table)).toMatchObject({
        signup: "error",
        identity: "error",
        topup: "error",
        payment: "error",
        login: "ok",
        balance: "ok",
        app: "ok",
      });

      expect(at("3d 8h 59m").table.functions.payment.mode).toBe("error");
      const reopened = at("3d 9h");
      expect(reopened.status.simulatedAt).toBe("2022-04-04T00:00:00.000Z"); // 09:00 KST
      expect(new Set(Object.values(modes(reopened.table)))).toEqual(new Set(["ok"]));
      // 81 simulated hours at 360x take 13.5 real minutes.
      expect(ms("3d 9h") / 360).toBe(13.5 * 60_000);
    } finally {
      runner.stop();
    }
  });

  it("first-of-month: top-up latency climbs 200 → 800 → 2,500 ms from 09:00, then top-up and payment 503, then recovery", async () => {
    const s = await loadShipped("first-of-month");
    const topupAt = (t: string) => tableAt(s, ms(t)).functions.topup;
    expect(topupAt("9m").mode).toBe("ok");
    expect([topupAt("10m"), topupAt("15m"), topupAt("20m")]).toEqual([
      { mode: "slow", latencyMs: 200 },
      { mode: "slow", latencyMs: 800 },
      { mode: "slow", latencyMs: 2500 },
    ]);
    expect(modes(tableAt(s, ms("30m")))).toMatchObject({ topup: "error", payment: "error" });
    expect(new Set(Object.values(modes(tableAt(s, ms("1h 20m")))))).toEqual(new Set(["ok"]));
  });

  it("demo: a payment blip shorter than 3 probe intervals and a top-up outage of about 2 minutes in every 8-minute loop", async () => {
    const s = await loadShipped("demo");
    expect(s).toMatchObject({ loop: true, duration: ms("8m"), speed: 1 });
    const secondsWhere = (pred: (t: FaultTable) => boolean) => {
      let n = 0;
      for (let t = 0; t < ms("8m"); t += 1_000) if (pred(tableAt(s, t))) n++;
      return n;
    };
    const blip = secondsWhere((t) => t.functions.payment.mode === "error");
    expect(blip).toBeGreaterThan(0);
    expect(blip).toBeLessThan(30);
    expect(secondsWhere((t) => t.functions.topup.mode === "error")).toBe(120);
    expect(secondsWhere((t) => t.functions.topup.mode === "slow")).toBeGreaterThan(0);
    // The outage is visible within the first few minutes of a demo.
    expect(tableAt(s, ms("3m")).functions.topup.mode).toBe("error");
  });
});

describe("scenarios driving a running sandbox (fake clock, no sleeps)", () => {
  let sandbox: Sandbox | undefined;
  afterEach(() => sandbox?.close());

  it("answers the API according to the April 2022 timeline", async () => {
    const clock = fakeClock("2026-05-01T00:00:00Z");
    const sb = (sandbox = await startSandbox({ clock: clock.now }));
    sb.startScenario(await loadShipped("dongbaekjeon-2022-04"));
    const topup = () => call(sb.url, "POST", "/api/v1/wallet/topups", { headers: moneyHeaders(), body: { amount: 10_000, sourceAccount: "BNK-1" } });

    expect((await topup()).status).toBe(503);
    clock.advance(ms("14h") / 360);
    expect((await topup()).status).toBe(201);
    clock.advance(ms("3h") / 360);
    const suspended = await topup();
    expect(suspended.status).toBe(503);
    expect(suspended.json).toMatchObject({ error: { code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("이용자 급증") } });

    const state = await call(sb.adminUrl, "GET", "/admin/faults", { headers: admin() });
    expect(state.json).toMatchObject({ scenario: { name: "dongbaekjeon-2022-04", stepIndex: 5, elapsed: "17h", simulatedAt: "2022-04-01T08:00:00.000Z" } });

    clock.advance(ms("2d 16h") / 360);
    expect((await topup()).status).toBe(201);
  });

  it("keeps a manual override until the next step, and stopScenario returns to all ok", async () => {
    const clock = fakeClock();
    const sb = (sandbox = await startSandbox({ clock: clock.now }));
    sb.startScenario(climb, { speed: 1 });
    sb.setFault("login", { mode: "hang" });
    clock.advance(5_000);
    expect(sb.faults.functions.login.mode).toBe("hang");
    clock.advance(5_000);
    expect(sb.faults.functions.login.mode).toBe("ok");
    expect(sb.faults.functions.topup.mode).toBe("slow");
    sb.stopScenario();
    expect(sb.state().scenario).toBeNull();
    expect(sb.faults.functions.topup.mode).toBe("ok");
  });

  it("takes the API listener offline and back when a step says so", async () => {
    const clock = fakeClock();
    const sb = (sandbox = await startSandbox({ clock: clock.now }));
    sb.startScenario(climb, { speed: 1 });
    clock.advance(ms("30s"));
    expect(sb.faults.offline).toBe(true);
    await sb.setOffline(true); // waits for the queued listener change to finish
    await expect(call(sb.url, "GET", "/api/v1/health")).rejects.toMatchObject({ code: "ECONNREFUSED" });
    clock.advance(ms("10s"));
    expect(sb.faults.offline).toBe(false);
    await sb.setOffline(false);
    expect((await call(sb.url, "GET", "/api/v1/health")).status).toBe(200);
  });
});
