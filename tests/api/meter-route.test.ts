import { beforeAll, describe, expect, it, vi } from "vitest";
import { penaltyMeter, type PenaltyMeter } from "@/core/accounting/penalty-meter";
import { parseMonth } from "@/core/accounting/periods";
import { loadConfig } from "@/lib/config/load-config";
import { fileReport } from "@/lib/reports/file-report";
import { importResults } from "@/lib/store/import-results";
import { penaltyMeterResponseSchema } from "@/lib/openapi/schemas";
import { createTestDb } from "../helpers/test-db";

/**
 * The live penalty meter on the 2022 example with an injected clock (`at`): at each
 * chosen instant the meter from the database equals the report from the results file
 * (the CLI's), and both equal the figures worked out by hand.
 *
 * Delay damages: 3,640,000,000 × 1.3/1000 = 4,732,000 KRW per late day; deadline
 * 04-01 14:00 KST; a day is late from its 00:00 KST while the service has not started.
 * Recovery time (illustrative): limit 4 h; monthly fee 3,640,000,000 ÷ 36 = 101,111,111;
 * 1% per started hour beyond = 1,011,111 (truncated); cap 20% = 20,222,222.
 * Every function is DOWN from 04-01 00:00 KST (results every 5 min) until 04-04 09:00.
 */
const EXAMPLE = "examples/dongbaekjeon-2022";
const VARS = { SANDBOX_URL: "http://127.0.0.1:9" };
type Get = (req: Request, ctx: { params: Promise<{ slug: string }> }) => Promise<Response>;
let GET: Get;

beforeAll(async () => {
  const { db, url } = await createTestDb();
  await importResults(db, loadConfig(EXAMPLE, VARS), `${EXAMPLE}/results.jsonl.gz`);
  await db.$disconnect();
  process.env.DATABASE_URL = url;
  vi.resetModules();
  ({ GET } = (await import("@/app/api/v1/services/[slug]/meter/route")) as { GET: Get });
}, 120_000);

const call = (slug: string, query: string) => GET(new Request(`http://localhost/api/v1/services/${slug}/meter${query}`), { params: Promise.resolve({ slug }) });
const meterAt = async (at: string): Promise<PenaltyMeter> => {
  const res = await call("dongbaekjeon", `?at=${encodeURIComponent(at)}`);
  expect(res.status).toBe(200);
  const { generatedAt, ...meter } = penaltyMeterResponseSchema.parse(await res.json());
  // built now, whatever instant the meter is taken at
  expect(Math.abs(Date.parse(generatedAt) - Date.now())).toBeLessThan(60_000);
  return meter;
};
const fromFile = async (at: string) =>
  penaltyMeter(
    await fileReport({
      config: loadConfig(EXAMPLE, VARS),
      file: `${EXAMPLE}/results.jsonl.gz`,
      slug: "dongbaekjeon",
      month: parseMonth("2022-04")!,
      asOf: new Date(at),
    }),
  );
const line = (m: PenaltyMeter, id: string) => m.lines.find((l) => l.ruleId === id) ?? null;

describe("GET /api/v1/services/{slug}/meter: the meter agrees with the report at every instant", () => {
  it.each([
    {
      at: "2022-04-01T20:30:00+09:00",
      // 6.5 h past the deadline, before the first midnight: 0 days late so far; at 04-02 00:00 KST one day: 4,732,000
      delay: { amountKrw: 0, nextStep: { at: "2022-04-01T15:00:00.000Z", amountKrw: 4_732_000 } },
      // down 20.5 h: 16.5 h beyond 4 h → 17 started hours × 1,011,111 = 17,188,887;
      // at 21:00:00.001 the 18th hour starts: 18 × 1,011,111 = 18,199,998
      recovery: { amountKrw: 17_188_887, nextStep: { at: "2022-04-01T12:00:00.001Z", amountKrw: 18_199_998 } },
    },
    {
      at: "2022-04-02T12:00:00+09:00",
      // 04-02 late: 1 × 4,732,000; next midnight 04-03 00:00 KST: 2 × 4,732,000 = 9,464,000
      delay: { amountKrw: 4_732_000, nextStep: { at: "2022-04-02T15:00:00.000Z", amountKrw: 9_464_000 } },
      // down 36 h: 32 started hours × 1,011,111 = 32,355,552 > cap → 20,222,222, no further step
      recovery: { amountKrw: 20_222_222, nextStep: null },
    },
    {
      at: "2022-04-03T23:59:59+09:00",
      // 04-02, 04-03: 2 × 4,732,000 = 9,464,000; at 04-04 00:00 KST: 3 × 4,732,000 = 14,196,000
      delay: { amountKrw: 9_464_000, nextStep: { at: "2022-04-03T15:00:00.000Z", amountKrw: 14_196_000 } },
      recovery: { amountKrw: 20_222_222, nextStep: null },
    },
    {
      at: "2022-04-04T08:59:00+09:00",
      // one minute before the reopening: 04-02, 04-03, 04-04 = 3 days: 14,196,000; next 04-05 00:00: 4 × 4,732,000 = 18,928,000
      // (a step that never came: the service reopened at 09:00)
      delay: { amountKrw: 14_196_000, nextStep: { at: "2022-04-04T15:00:00.000Z", amountKrw: 18_928_000 } },
      recovery: { amountKrw: 20_222_222, nextStep: null },
      stepCame: false,
    },
  ])(
    "at $at",
    async ({ at, delay, recovery, stepCame }) => {
      const meter = await meterAt(at);
      // the results file knows no outage rows: the figures agree, the open outages come from the database
      expect({ ...meter, openOutages: [] }).toEqual(JSON.parse(JSON.stringify(await fromFile(at))));
      expect(meter.openOutages.length).toBeGreaterThan(0);
      for (const o of meter.openOutages) {
        expect(Date.parse(o.startedAt)).toBeLessThanOrEqual(Date.parse(at));
        // down for hours: long past the contract's one-minute minimum
        expect(o.countsFrom).toBeNull();
      }
      expect(line(meter, "delay-damages")).toMatchObject({ accruing: true, illustrative: false, ...delay });
      expect(line(meter, "recovery-time")).toMatchObject({ accruing: true, illustrative: true, ...recovery });
      expect(meter).toMatchObject({
        month: "2022-04",
        lateGoLive: true,
        openOutage: true,
        totalKrw: delay.amountKrw,
        illustrativeTotalKrw: recovery.amountKrw,
      });
      // the predicted next step is what the report says once that instant comes
      if (delay.nextStep && stepCame !== false) expect(line(await fromFile(delay.nextStep.at), "delay-damages")!.amountKrw).toBe(delay.nextStep.amountKrw);
      if (recovery.nextStep) expect(line(await fromFile(recovery.nextStep.at), "recovery-time")!.amountKrw).toBe(recovery.nextStep.amountKrw);
    },
    60_000,
  );

  it("after the reopening nothing accrues; the month's report keeps 14,196,000 KRW", async () => {
    // 09:05: the first UP run (09:00) has been seen, so the outage ended at 09:00
    const meter = await meterAt("2022-04-04T09:05:00+09:00");
    expect(meter).toMatchObject({ lines: [], lateGoLive: false, openOutage: false, totalKrw: 0, openOutages: [] });
    const report = await fileReport({
      config: loadConfig(EXAMPLE, VARS),
      file: `${EXAMPLE}/results.jsonl.gz`,
      slug: "dongbaekjeon",
      month: parseMonth("2022-04")!,
      asOf: new Date("2022-04-04T09:00:00+09:00"),
    });
    expect(report.money.find((m) => m.ruleId === "delay-damages")).toMatchObject({ amountKrw: 14_196_000, accruing: false, nextStep: null });
  }, 60_000);

  it("before the deadline nothing accrues yet", async () => {
    const meter = await meterAt("2022-04-01T13:00:00+09:00");
    // down 13 h (the planned blackout, not announced in the configuration): 9 started hours × 1,011,111 = 9,099,999
    expect(meter.lateGoLive).toBe(false);
    expect(line(meter, "recovery-time")).toMatchObject({ amountKrw: 9_099_999 });
  }, 60_000);

  it.each([
    ["?at=yesterday", 400],
    ["?at=2021-01-01T00:00:00Z", 422],
  ])("%s → %d", async (q, status) => {
    expect((await call("dongbaekjeon", q)).status).toBe(status);
  });
  it("an unknown service → 404", async () => expect((await call("nope", "")).status).toBe(404));
});
