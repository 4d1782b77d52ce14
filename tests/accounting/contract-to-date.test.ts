import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CouncilReport } from "@/components/council-report";
import { reportToMarkdown } from "@/lib/reports/render-markdown";
import { contract, report, runs } from "./report-fixtures";

/**
 * Delay damages across months, against figures worked out by hand. Contract 3,640,000,000 KRW at 1.3/1000 a
 * day: 3,640,000,000 × 13 / 10,000 = 4,732,000 KRW per late day; cap 5% = 182,000,000 KRW (38.46… days).
 * Deadline 2022-04-20 18:00 KST: late days from 04-21.
 * - go-live 2022-05-30 10:00 KST: April 04-21…04-30 = 10 days, May 05-01…05-30 = 30 days, 40 in all.
 *   April: 10 × 4,732,000 = 47,320,000.
 *   May: to date 40 × 4,732,000 = 189,280,000 > cap 182,000,000 → 182,000,000 − 47,320,000 = 134,680,000.
 * - go-live 2022-06-04 10:00 KST: 10 (April) + 31 (May 05-01…05-31) + 4 (June 06-01…06-04) = 45 days;
 *   the cap was reached in May (41 × 4,732,000 = 194,012,000 > 182,000,000): June charges 0 and says so.
 */
const rules = [
  { effectiveFrom: "2022-04-01", rules: [{ id: "delay", kind: "delay_damages", clause: "계약일반조건 지체상금", dailyRate: "1.3/1000", cap: "5%" }] },
];
const fn = { key: "topup", runs: runs("2022-03-31T14:00:00Z", "2022-07-01T00:00:00Z", 10 * 60_000) };
const monthOf = (actualStart: string, month: string) =>
  report({ contract: contract({ goLive: { deadline: "2022-04-20T18:00:00+09:00", actualStart }, rulesets: rules }), month, functions: [fn] });

describe("delay damages: the contract to date", () => {
  it("40 days late over two months, the cap reached in the second", () => {
    const april = monthOf("2022-05-30T10:00:00+09:00", "2022-04").money[0]!;
    expect(april.amountKrw).toBe(47_320_000);
    expect(april.toDate).toEqual({
      daysTotal: 10,
      daysBefore: 0,
      daysThisPeriod: 10,
      uncappedKrw: 47_320_000,
      capKrw: 182_000_000,
      cappedKrw: 47_320_000,
      chargedBeforeKrw: 0,
      thisPeriodKrw: 47_320_000,
      capReachedBefore: false,
      capReachedNow: false,
    });
    const may = monthOf("2022-05-30T10:00:00+09:00", "2022-05").money[0]!;
    expect(may.amountKrw).toBe(134_680_000);
    expect(may.toDate).toEqual({
      daysTotal: 40,
      daysBefore: 10,
      daysThisPeriod: 30,
      uncappedKrw: 189_280_000,
      capKrw: 182_000_000,
      cappedKrw: 182_000_000,
      chargedBeforeKrw: 47_320_000,
      thisPeriodKrw: 134_680_000,
      capReachedBefore: false,
      capReachedNow: true,
    });
    // the subtraction is written out, never an uncapped product beside the capped amount
    expect(may.formulaKo).toBe(
      "누적: 3,640,000,000원 × 1.3/1000 × 40일 = 189,280,000원 > 한도(계약금액의 5%) 182,000,000원; 182,000,000원 − 이전 달까지 47,320,000원 = 134,680,000원 (1원 미만 절사)",
    );
    expect(may.formula).toContain("KRW 182,000,000 − KRW 47,320,000 charged before = KRW 134,680,000");
    // the months add up to the cap
    expect(april.amountKrw + may.amountKrw).toBe(182_000_000);
  });

  it("a month after the cap charges 0 and says the cap was reached, with no uncapped formula", () => {
    const june = monthOf("2022-06-04T10:00:00+09:00", "2022-06").money[0]!;
    expect(june.amountKrw).toBe(0);
    expect(june.toDate).toMatchObject({
      daysTotal: 45,
      daysBefore: 41,
      daysThisPeriod: 4,
      chargedBeforeKrw: 182_000_000,
      thisPeriodKrw: 0,
      capReachedBefore: true,
    });
    expect(june.formulaKo).toBe("계약금액의 5% 한도(182,000,000원)에 이전 달까지 이미 도달(182,000,000원 부과): 이번 달 0원");
    expect(june.formulaKo).not.toMatch(/×/);
  });

  it("the markdown and the council page show the same contract-to-date figures", () => {
    const r = monthOf("2022-05-30T10:00:00+09:00", "2022-05");
    const md = reportToMarkdown(r, "ko");
    const html = renderToStaticMarkup(createElement(CouncilReport, { report: r, lang: "ko" }));
    for (const text of [
      "40일 (이전 달까지 10일 + 이번 달 30일)",
      "3,640,000,000원 × 1.3/1000 × 40일 = 189,280,000원(1억 8,928만원)",
      "182,000,000원(1억 8,200만원)",
      "47,320,000원(4,732만원)",
      "182,000,000원 − 47,320,000원 = 134,680,000원(1억 3,468만원)",
    ]) {
      expect(md).toContain(text);
      expect(html).toContain(text);
    }
    const en = reportToMarkdown(r, "en");
    expect(en).toContain("182,000,000 KRW − 47,320,000 KRW = 134,680,000 KRW");
  });
});
