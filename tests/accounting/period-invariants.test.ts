import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildReport, IncompleteReading, type ReportInput } from "@/core/accounting/build-report";
import { combineFunctions, combineLocations, type StateTimeline } from "@/core/accounting/combine";
import { clip, intersect, subtract, totalMs, union, type Span } from "@/core/accounting/intervals";
import { joinOutages } from "@/core/accounting/join-outages";
import { locationTimeline, type Run } from "@/core/accounting/location-timeline";
import { monthWindow, parseMonth } from "@/core/accounting/periods";
import type { ContractConfig } from "@/core/config/contract-schema";
import type { ProbeState } from "@/core/probe-result";
import { at, contract, DAY, HOUR, MIN } from "./report-fixtures";

/**
 * Invariants across periods, over random timelines of two critical functions: outages crossing month ends,
 * outages longer than a month, unmeasured holes inside outages, maintenance. Every month is read as of
 * 2022-07-10, when April, May and June are closed.
 *
 * The oracle judges the same runs once, over the whole record, straight from the definitions: each function's
 * outages (DOWN joined across unmeasured holes) against the minimum as a whole, the service down when any
 * function is, each service outage priced whole, once, by the recovery-time rule.
 */
const STEP = 30 * MIN;
const START = at("2022-03-20T00:00:00Z");
const AS_OF = at("2022-07-10T00:00:00Z");
const MONTHS = ["2022-04", "2022-05", "2022-06"];
const RANGE: Span = { start: monthWindow(parseMonth("2022-04")!, "Asia/Seoul").start, end: monthWindow(parseMonth("2022-06")!, "Asia/Seoul").end };
const STEPS = (AS_OF - START) / STEP;

type Piece = { from: number; steps: number; state: ProbeState | "GAP" };
const piece = fc.record({
  from: fc.integer({ min: 0, max: STEPS - 1 }),
  // from one run to about 45 days, most of them short
  steps: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 2160 })),
  state: fc.constantFrom<ProbeState | "GAP">("DOWN", "DOWN", "DOWN", "UNKNOWN", "GAP"),
});
const scenario = fc.record({
  topup: fc.array(piece, { maxLength: 6 }),
  payment: fc.array(piece, { maxLength: 4 }),
  confirm: fc.integer({ min: 1, max: 3 }),
  minOutage: fc.constantFrom(0, 1, 3),
  maintenance: fc.array(fc.record({ from: fc.integer({ min: 0, max: STEPS - 1 }), steps: fc.integer({ min: 1, max: 48 }) }), { maxLength: 2 }),
});
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function runsOf(pieces: Piece[]): Run[] {
  const out: Run[] = [];
  for (let i = 0; i < STEPS; i++) {
    const hit = pieces.findLast((p) => i >= p.from && i < p.from + p.steps);
    if (hit?.state === "GAP") continue;
    out.push({ at: START + i * STEP, state: hit?.state ?? "UP", intervalMs: STEP });
  }
  return out;
}

const rto = { id: "rto", kind: "recovery_time", clause: "장애 복구 4시간 이내", maxRecovery: "4h", perStartedHour: { amountKrw: 1_000_000 } };
const cf = { id: "cf", kind: "critical_failure", clause: "3개월 내 24시간 초과", window: "90d", moreThan: "24h" };
function contractOf(s: Scenario, rules: Record<string, unknown>[]): ContractConfig {
  return contract({ maintenanceNotice: "72h", ...(s.minOutage ? { minOutage: `${s.minOutage}h` } : {}), rulesets: [{ effectiveFrom: "2022-04-01", rules }] });
}

function inputOf(s: Scenario, c: ContractConfig, month: string): ReportInput {
  return {
    service: {
      slug: "s",
      name: "서비스",
      nameEn: "Service",
      quorum: 1,
      functions: ["topup", "payment"].map((key) => ({ key, name: key, nameEn: key, critical: true })),
    },
    contract: c,
    month: parseMonth(month)!,
    asOf: AS_OF,
    probes: [
      { functionKey: "topup", location: "local", confirm: s.confirm, runs: runsOf(s.topup) },
      { functionKey: "payment", location: "local", confirm: s.confirm, runs: runsOf(s.payment) },
    ],
    // announced ten days ahead: excused under the 72-hour notice rule
    maintenance: s.maintenance.map((m, i) => ({
      id: `m${i}`,
      start: START + m.from * STEP,
      end: START + (m.from + m.steps) * STEP,
      announcedAt: START + m.from * STEP - 10 * DAY,
    })),
    forceMajeure: [],
    reported: [],
    latencyP95: () => null,
  };
}

/** The oracle: the whole record judged once. */
function wholeRecord(s: Scenario): { moneyKrw: number; downtimeMs: number } {
  const window: Span = { start: START, end: AS_OF };
  const minMs = s.minOutage * HOUR;
  const fn = (pieces: Piece[]): StateTimeline => {
    const t = combineLocations([locationTimeline(runsOf(pieces), window, s.confirm)], 1, window);
    const short = joinOutages(t)
      .filter((o) => o.downMs < minMs)
      .flatMap((o) => clip(t.down, o));
    return { ...t, down: subtract(t.down, short), up: union(t.up, short) };
  };
  const service = combineFunctions([fn(s.topup), fn(s.payment)], "any", window);
  const excused = inputOf(s, contractOf(s, []), "2022-04").maintenance.map((m) => ({ start: m.start, end: m.end }));
  let moneyKrw = 0;
  for (const o of joinOutages(service)) {
    const resolved = intersect([{ start: o.end, end: window.end }], service.up).length > 0;
    if (!resolved || o.end <= RANGE.start || o.end > RANGE.end) continue;
    const downMs = totalMs(subtract(clip(service.down, o), excused));
    if (downMs > 4 * HOUR) moneyKrw += 1_000_000 * Math.ceil((downMs - 4 * HOUR) / HOUR);
  }
  return { moneyKrw, downtimeMs: totalMs(subtract(clip(service.down, RANGE), excused)) };
}

/** A report read as the database path reads: a window of runs, widened until the reading is whole. */
function readReport(s: Scenario, c: ContractConfig, month: string, before: number, after: number) {
  const input = inputOf(s, c, month);
  const w = monthWindow(input.month, "Asia/Seoul");
  let from = w.start - before;
  let to = Math.min(AS_OF, w.end + after);
  for (;;) {
    const probes = input.probes.map((p) => ({
      ...p,
      historyBefore: "runs" in p && p.runs.some((r) => r.at < from),
      runs: "runs" in p ? p.runs.filter((r) => r.at >= from && r.at < to) : [],
    }));
    try {
      return buildReport({ ...input, probes, runsFrom: from, runsTo: to });
    } catch (e) {
      if (!(e instanceof IncompleteReading)) throw e;
      if (e.earlier) from -= Math.max(2 * (w.start - from), 7 * DAY);
      if (e.later) to = Math.min(AS_OF, to + Math.max(2 * (to - w.end), 7 * DAY));
    }
  }
}

const recovery = (r: ReturnType<typeof buildReport>) => r.money.find((m) => m.ruleId === "rto")!.amountKrw;

describe("consecutive monthly reports add up to the whole", () => {
  it("recovery-time money and downtime over April–June equal the same outages judged once", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const reports = MONTHS.map((m) => buildReport(inputOf(s, contractOf(s, [rto]), m)));
        const whole = wholeRecord(s);
        expect(reports.reduce((n, r) => n + recovery(r), 0)).toBe(whole.moneyKrw);
        expect(reports.reduce((n, r) => n + r.serviceFigures.downtimeMs, 0)).toBe(whole.downtimeMs);
      }),
      { numRuns: 60, seed: 20221207 },
    );
  });

  it("adding an unrelated rule changes no other rule's figures", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        for (const m of MONTHS) {
          const alone = buildReport(inputOf(s, contractOf(s, [rto]), m));
          const withFlag = buildReport(inputOf(s, contractOf(s, [rto, cf]), m));
          expect(withFlag.money).toEqual(alone.money);
          expect(withFlag.serviceFigures).toEqual(alone.serviceFigures);
          expect(withFlag.outages).toEqual(alone.outages);
        }
      }),
      { numRuns: 30, seed: 7 },
    );
  });

  it("no figure depends on how far before or after the period a report starts reading", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (s, before, after) => {
        const c = contractOf(s, [rto, cf]);
        for (const m of MONTHS) {
          const whole = buildReport(inputOf(s, c, m));
          const read = readReport(s, c, m, before * DAY, after * DAY);
          expect(read.money).toEqual(whole.money);
          expect(read.flags).toEqual(whole.flags);
          expect(read.serviceFigures).toEqual(whole.serviceFigures);
          expect(read.functions).toEqual(whole.functions);
          expect(read.outages).toEqual(whole.outages);
        }
      }),
      { numRuns: 40, seed: 42 },
    );
  });
});
