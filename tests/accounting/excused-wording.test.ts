import { describe, expect, it } from "vitest";
import { excusedTime } from "@/core/accounting/excused";

/** How a maintenance decision states its lead time: whole hours and minutes, never "72.99 h". */
describe("maintenance notice wording", () => {
  const H = 3_600_000;
  const start = Date.parse("2026-12-10T01:00:00Z");
  const decide = (leadMs: number) =>
    excusedTime({ maintenance: [{ id: "m", start, end: start + H, announcedAt: start - leadMs }], forceMajeure: [], noticeMs: 72 * H }).decisions[0]!;

  it.each([
    // 72.99 h = 72 h 59.4 min, below the 72 h notice? no: 72.99 h ≥ 72 h, excused; minutes truncated to 59
    {
      lead: 72.99 * H,
      excused: true,
      ko: "시작 72시간 59분 전 예고 (계약상 필요: 72시간 전)",
      en: "announced 72 h 59 min before start (notice required: 72 h)",
    },
    // 71.99 h = 71 h 59.4 min, short of 72 h: late
    {
      lead: 71.99 * H,
      excused: false,
      ko: "시작 71시간 59분 전에야 예고함; 계약상 72시간 전까지 예고해야 함",
      en: "announced only 71 h 59 min before start; the contract requires 72 h",
    },
    // announced 90 min after the maintenance began
    {
      lead: -1.5 * H,
      excused: false,
      ko: "시작 1시간 30분 뒤에야 예고함; 계약상 72시간 전까지 예고해야 함",
      en: "announced only 1 h 30 min after start; the contract requires 72 h",
    },
  ])("$en", ({ lead, excused, ko, en }) => {
    const d = decide(lead);
    expect(d.excused).toBe(excused);
    expect(d.whyKo).toBe(ko);
    expect(d.why).toBe(en);
  });
});
