import { describe, expect, it } from "vitest";
import { contract, report, runs } from "./report-fixtures";

const FIVE = 5 * 60_000;
// April 2022 in Seoul: [2022-03-31T15:00Z, 2022-04-30T15:00Z).
const fn = (spans: [string, string, "DOWN"][] = [], to = "2022-05-02T00:00:00Z") => ({ key: "topup", runs: runs("2022-03-31T00:00:00Z", to, FIVE, spans) });
const april = (asOf: string, spans: [string, string, "DOWN"][] = [], to?: string) =>
  report({ contract: contract(), month: "2022-04", asOf, functions: [fn(spans, to)] });

describe("the instant a report is as of", () => {
  it("a closed month, up at its end: as of its end, whenever it is read", () => {
    // the run at 2022-04-30T14:55:00Z answered and covers to 15:00:00Z (05-01 00:00 KST), the month's end
    const later = april("2030-01-01T00:00:00Z");
    expect(later.period.asOf).toBe("2022-04-30T15:00:00.000Z");
    expect(april("2022-06-01T00:00:00Z")).toEqual(later);
    // asked for as of the instant stated: the same document
    expect(april(later.period.asOf)).toEqual(later);
  });

  it("runs that stop at the month's end settle it too: the last run covers its last instant", () => {
    // runs until 14:55Z; the 14:55Z run covers [14:55, 15:00), up to the month's end
    const later = april("2030-01-01T00:00:00Z", [], "2022-04-30T15:00:00Z");
    expect(later.period.asOf).toBe("2022-04-30T15:00:00.000Z");
    expect(april(later.period.asOf, [], "2022-04-30T15:00:00Z")).toEqual(later);
  });

  it("an outage across the month's end: as of the second after the service answered again", () => {
    // DOWN from 04-30 14:00Z to 16:00Z; the first correct run at 16:00:00Z (01:00 KST on 05-01) ends it → 16:00:01Z
    const spans: [string, string, "DOWN"][] = [["2022-04-30T14:00:00Z", "2022-04-30T16:00:00Z", "DOWN"]];
    const later = april("2030-01-01T00:00:00Z", spans);
    expect(later.period.asOf).toBe("2022-04-30T16:00:01.000Z");
    expect(april(later.period.asOf, spans)).toEqual(later);
    expect(later.outages[0]).toMatchObject({ end: "2022-04-30T16:00:00.000Z", belongsTo: "later" });
  });

  it("a month still running is as of the instant read", () => {
    expect(april("2022-04-15T03:00:00Z").period).toMatchObject({ partial: true, asOf: "2022-04-15T03:00:00.000Z" });
  });

  it("an outage still open when the runs stop: as of the instant read (the figures may still change)", () => {
    // DOWN from 04-30 14:00Z to the last run read (05-01 23:55Z): not up again after the month's end
    const r = april("2022-05-03T00:00:00Z", [["2022-04-30T14:00:00Z", "2022-05-02T00:00:00Z", "DOWN"]]);
    expect(r.period.asOf).toBe("2022-05-03T00:00:00.000Z");
  });

  it("a go-live made after the month settled: as of the go-live", () => {
    // deadline 04-01 14:00 KST; go-live 05-10 09:00 KST (00:00Z): April's delay line stops accruing then
    const c = contract({
      goLive: { deadline: "2022-04-01T14:00:00+09:00", actualStart: "2022-05-10T09:00:00+09:00" },
      rulesets: [{ effectiveFrom: "2022-04-01", rules: [{ id: "delay", kind: "delay_damages", clause: "지체상금", dailyRate: "1.3/1000" }] }],
    });
    const read = (asOf: string) => report({ contract: c, month: "2022-04", asOf, functions: [fn()] });
    const later = read("2030-01-01T00:00:00Z");
    expect(later.period.asOf).toBe("2022-05-10T00:00:00.000Z");
    expect(read(later.period.asOf)).toEqual(later);
    expect(later.money[0]).toMatchObject({ accruing: false });
  });
});
