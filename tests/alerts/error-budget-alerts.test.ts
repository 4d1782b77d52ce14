import { describe, expect, it } from "vitest";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { evaluateErrorBudgets } from "@/lib/alerts/evaluate-error-budgets";
import type { Db } from "@/lib/db";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const T0 = Date.parse("2026-12-02T00:00:00Z");
const contract = {
  term: { start: "2026-01-01", end: "2027-12-31" },
  rulesets: [
    {
      effectiveFrom: "2026-01-01",
      rules: [{ id: "sla", kind: "service_credit", clause: "제10조", target: "99.5%", tiers: [{ below: "99.5%", credit: "10%" }] }],
    },
  ],
};

async function budgetService(db: Db, intervalSec = 10) {
  return createService(db, {
    contract,
    intervalSec,
    confirm: 10, // short failing streaks stay blips: this is about the budget, not outages
    alerts: (slug) => ({
      channels: [{ key: "ops-hook", kind: "webhook", url: "http://127.0.0.1:9/hook" }],
      policies: [{ key: "budget", services: [slug], events: ["error_budget"], escalation: [{ channels: ["ops-hook"] }] }],
    }),
  });
}

function runs(probeKey: string, from: number, to: number, state: (i: number) => ProbeState): ProbeResult[] {
  const out: ProbeResult[] = [];
  for (let i = from; i < to; i++) {
    const s = state(i);
    out.push({
      probeKey,
      at: new Date(T0 + i * 10_000),
      intervalSec: 10,
      state: s,
      latencyMs: 100,
      httpStatus: s === "DOWN" ? 503 : 200,
      errorClass: s === "DOWN" ? "ASSERTION_STATUS" : null,
      message: null,
    });
  }
  return out;
}

/** 00:00–01:00 UTC, every 10 s: every 12th run before 00:50 fails (25 runs), and 3 of the last 30 (at 00:55, 00:56:40, 00:58:20). */
const firstHour = (i: number): ProbeState => ((i < 300 && i % 12 === 0) || i === 330 || i === 340 || i === 350 ? "DOWN" : "UP");

describe("error-budget alerts from the roll-ups", () => {
  it("a page fires once per episode, and ends when the short window is clean again", async () => {
    const { db } = await createTestDb();
    const svc = await budgetService(db);
    const key = svc.probeKey("topup");
    await recordResults(db, svc.refs, runs(key, 0, 360, firstHour));
    let now = T0 + 3_600_000 - 1; // 00:59:59.999
    const evaluate = () => evaluateErrorBudgets(db, svc.config.alerts, { now: () => now, publicUrl: "https://ledger.test" });

    // 1 h (360 runs, at least 180 needed): 28 / 360 = 0.0778 → ÷ 0.005 = 15.6× > 14.4;
    // 5 min (00:55–00:59): 3 / 30 → 20× → page. The 6 h and 3 d windows hold one hour only,
    // less than half of 2,160 and 25,920 runs: those rules wait for more data.
    expect(await evaluate()).toEqual({ evaluated: 1, changes: 1 });
    const rows = await db.alertOutbox.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.kind, r.channelKey, r.status])).toEqual([["budget_page", "ops-hook", "PENDING"]]);
    const payload = JSON.parse(rows[0]!.payload) as { budget: { objective: string; burn: Record<string, number>; firing: { factor: string }[] }; url: string };
    expect(payload.budget.objective).toBe("99.5%");
    expect(payload.budget.burn[String(3_600_000)]).toBeCloseTo(28 / 360 / 0.005, 9);
    expect(payload.budget.firing.map((f) => f.factor)).toEqual(["14.4"]);
    expect(payload.url).toBe(`https://ledger.test/ko/services/${svc.slug}`);

    // Evaluated again: still firing, nothing new (one alert per episode and channel).
    now += 30_000;
    expect(await evaluate()).toEqual({ evaluated: 1, changes: 0 });
    expect(await db.alertOutbox.count()).toBe(1);

    // Five clean minutes (01:00–01:05): the 5-minute window burns 0× → the page ends.
    await recordResults(
      db,
      svc.refs,
      runs(key, 360, 390, () => "UP"),
    );
    now = T0 + 3_900_000 - 1;
    expect(await evaluate()).toEqual({ evaluated: 1, changes: 1 });
    expect((await db.budgetAlert.findMany({ orderBy: { severity: "asc" } })).map((s) => [s.severity, s.firingSince !== null])).toEqual([
      ["PAGE", false],
      ["TICKET", false],
    ]);
    expect((await db.alertOutbox.findMany({ orderBy: { id: "asc" } })).map((r) => r.kind)).toEqual(["budget_page", "budget_resolved"]);
  });

  it("a ticket fires at 1× over 3 days confirmed over 6 h", async () => {
    const { db } = await createTestDb();
    const svc = await budgetService(db, 60);
    // Two days at 60 s: 2,880 runs (the 3-day window needs at least 2,160). One failure a day and a
    // half early on (every 144th run of the first 2,520: 18), and 3 in the last 6 h (runs 2600, 2700, 2800).
    // 3 d: 21 / 2,880 = 0.729% → 1.46× > 1; 6 h: 3 / 360 → 1.67× > 1 → ticket.
    // Pages: 6 h 1.67× < 6; 1 h: 0 of 60. Nothing pages.
    const state = (i: number): ProbeState => ((i < 2520 && i % 144 === 0) || i === 2600 || i === 2700 || i === 2800 ? "DOWN" : "UP");
    const all: ProbeResult[] = [];
    for (let i = 0; i < 2880; i++) {
      const s = state(i);
      all.push({
        probeKey: svc.probeKey("topup"),
        at: new Date(T0 + i * 60_000),
        intervalSec: 60,
        state: s,
        latencyMs: 100,
        httpStatus: s === "DOWN" ? 503 : 200,
        errorClass: null,
        message: null,
      });
    }
    for (let i = 0; i < all.length; i += 720) await recordResults(db, svc.refs, all.slice(i, i + 720));
    const now = T0 + 2880 * 60_000 - 1;
    expect(await evaluateErrorBudgets(db, svc.config.alerts, { now: () => now, publicUrl: "https://ledger.test" })).toEqual({ evaluated: 1, changes: 1 });
    const row = await db.alertOutbox.findFirstOrThrow();
    expect(row.kind).toBe("budget_ticket");
    expect((JSON.parse(row.payload) as { budget: { burn: Record<string, number> } }).budget.burn[String(72 * 3_600_000)]).toBeCloseTo(21 / 2880 / 0.005, 9);
  });

  it("the monitor's own failures (UNKNOWN) are not errors", async () => {
    const { db } = await createTestDb();
    const svc = await budgetService(db);
    await recordResults(
      db,
      svc.refs,
      runs(svc.probeKey("topup"), 0, 360, (i) => (i % 2 === 0 ? "UNKNOWN" : "UP")),
    );
    expect(await evaluateErrorBudgets(db, svc.config.alerts, { now: () => T0 + 3_600_000 - 1, publicUrl: "https://ledger.test" })).toEqual({
      evaluated: 1,
      changes: 0,
    });
    expect(await db.alertOutbox.count()).toBe(0);
  });

  it("a service with neither a contract target nor a policy objective is not evaluated", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db, {
      alerts: (slug) => ({
        channels: [{ key: "h", kind: "webhook", url: "http://127.0.0.1:9/" }],
        policies: [{ key: "p", services: [slug], escalation: [{ channels: ["h"] }] }],
      }),
    });
    await recordResults(
      db,
      svc.refs,
      runs(svc.probeKey("topup"), 0, 60, () => "DOWN"),
    );
    expect(await evaluateErrorBudgets(db, svc.config.alerts, { now: () => T0 + 600_000, publicUrl: "https://ledger.test" })).toEqual({
      evaluated: 0,
      changes: 0,
    });
  });
});
