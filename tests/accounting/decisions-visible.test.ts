import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CouncilReport } from "@/components/council-report";
import { percentRule } from "@/lib/i18n/report-text";
import { amount, count, duration, instant, noteValue } from "@/core/accounting/report-values";
import { reportToCsv } from "@/lib/reports/render-csv";
import { reportToMarkdown } from "@/lib/reports/render-markdown";
import { syntheticReport } from "./synthetic-report";

/** Every decision of the synthetic April 2025 (tests/accounting/synthetic-report.ts) is on the report, not only the ones that cost money. */
const r = syntheticReport();
const kst = (s: string) => Date.parse(`${s}+09:00`);
const HOUR = 3_600_000;

describe("every decision visible", () => {
  it("recovery time: each outage ended in the period has its own line, 0 KRW where within the limit", () => {
    const line = r.money.find((m) => m.ruleId === "recovery")!;
    // 5 h − 4 h = 1 started hour × 500,000 = 500,000; 1 h within the limit; the maintenance and dispute outages excused
    expect(line.amountKrw).toBe(500_000);
    expect(line.inputs.outages).toEqual({
      type: "list",
      items: [
        noteValue("recovery_outage", {
          start: instant(kst("2025-04-01T00:00:00")),
          end: instant(kst("2025-04-01T05:00:00")),
          downtime: duration(5 * HOUR),
          hoursBeyond: count(1, "hour"),
          amount: amount(500_000),
        }),
        noteValue("recovery_outage", {
          start: instant(kst("2025-04-10T10:00:00")),
          end: instant(kst("2025-04-10T11:00:00")),
          downtime: duration(HOUR),
          hoursBeyond: count(0, "hour"),
          amount: amount(0),
        }),
        noteValue("recovery_outage", {
          start: instant(kst("2025-04-15T02:00:00")),
          end: instant(kst("2025-04-15T03:00:00")),
          downtime: duration(0),
          excused: duration(HOUR),
          hoursBeyond: count(0, "hour"),
          amount: amount(0),
        }),
        noteValue("recovery_outage", {
          start: instant(kst("2025-04-20T12:00:00")),
          end: instant(kst("2025-04-20T14:00:00")),
          downtime: duration(0),
          excused: duration(2 * HOUR),
          hoursBeyond: count(0, "hour"),
          amount: amount(0),
        }),
      ],
    });
    const md = reportToMarkdown(r, "ko");
    expect(md).toContain("2025년 4월 1일 00:00 시작, 2025년 4월 1일 05:00 종료: 장애 시간 5시간 → 한도 초과 1시간 → 500,000원(50만원)");
    expect(md).toContain("2025년 4월 10일 10:00 시작, 2025년 4월 10일 11:00 종료: 장애 시간 1시간 → 한도 이내 → 0원");
  });

  it("outages inside excused time are listed as excused, with what excused them", () => {
    expect(r.outages.map((o) => [o.start, o.excusedSec, o.excusedBy])).toEqual([
      [new Date(kst("2025-04-01T00:00:00")).toISOString(), 0, []],
      [new Date(kst("2025-04-10T10:00:00")).toISOString(), 0, []],
      [new Date(kst("2025-04-15T02:00:00")).toISOString(), 3600, [{ id: "maint-1", kind: "maintenance" }]],
      [new Date(kst("2025-04-20T12:00:00")).toISOString(), 7200, [{ id: "dispute-7", kind: "dispute" }]],
    ]);
    expect(reportToMarkdown(r, "ko")).toContain("| 2시간: 인정된 이의 제기 `dispute-7` |");
    expect(reportToMarkdown(r, "ko")).toContain("장애 #41에 대한 이의 제기(#7)를 관리자가 인정함: 통신사 회선 장애로 확인");
  });

  it("blips are counted and listed", () => {
    // one failed run at 04-05 09:00 and two at 04-06 09:00 KST, fewer than the 3 that confirm an outage
    expect(r.blips).toEqual([
      { functionKey: "topup", location: "seoul", start: new Date(kst("2025-04-05T09:00:00")).toISOString(), end: expect.any(String), failures: 1 },
      { functionKey: "topup", location: "seoul", start: new Date(kst("2025-04-06T09:00:00")).toISOString(), end: expect.any(String), failures: 2 },
    ]);
    expect(reportToMarkdown(r, "ko")).toContain("- 충전, 측정 위치 seoul: 2025년 4월 6일 09:00, 연속 실패 2회");
  });

  it("CSV money rows carry their inputs", () => {
    const delay = reportToCsv(r, "ko")
      .split("\r\n")
      .find((l) => l.startsWith("금액,delay,"))!;
    expect(delay).toContain("37000000");
    expect(delay).toContain("이전 달까지의 지체일수: 10일");
    expect(delay).toContain("한도 금액: 50,000,000원(5,000만원)");
    expect(reportToCsv(r, "en").split("\r\n")[0]).toBe("section,key,value,amount_krw,clause,formula,inputs");
  });

  it.each(["ko", "en"] as const)("every document (%s) states how its percentages are rounded", (lang) => {
    const rule = percentRule(lang);
    expect(rule).toContain(lang === "ko" ? "반올림하지 않고" : "never rounded up");
    expect(reportToMarkdown(r, lang)).toContain(rule);
    expect(reportToCsv(r, lang)).toContain(rule);
    expect(renderToStaticMarkup(createElement(CouncilReport, { report: r, lang }))).toContain(rule);
  });
});
