import { formatHoursMinutes } from "../format";
import { normalize, type Span } from "./intervals";
import { duration, note, num, text, type Note } from "./report-values";

/**
 * Time the contract does not count against the operator. Maintenance is excused
 * only when announced at least the contract's notice period before it starts;
 * a late announcement is shown but not excused. Force majeure is an admin's
 * finding, always with a reason; so is an operator's dispute an admin accepted.
 */
export type Maintenance = { id: string; start: number; end: number; announcedAt: number; note?: string };
export type ForceMajeure = { id: string; start: number; end: number; reason: string };
/** An operator's dispute an admin accepted: the reason is the admin's resolution. */
export type AcceptedDispute = ForceMajeure & { dispute: number; outage: number };

export type ExcusedDecision = {
  id: string;
  kind: "maintenance" | "force_majeure" | "dispute";
  start: number;
  end: number;
  excused: boolean;
  why: string;
  whyKo: string;
  /** the same reason as a note, for documents in either language */
  reason: Note;
};

export function excusedTime(opts: { maintenance: Maintenance[]; forceMajeure: ForceMajeure[]; noticeMs: number; disputes?: AcceptedDispute[] }): {
  spans: Span[];
  decisions: ExcusedDecision[];
} {
  const decisions: ExcusedDecision[] = [];
  for (const m of opts.maintenance) {
    const leadMs = m.start - m.announcedAt;
    const excused = leadMs >= opts.noticeMs;
    decisions.push({
      id: m.id,
      kind: "maintenance",
      start: m.start,
      end: m.end,
      excused,
      why: excused
        ? `announced ${leadText(leadMs, "en")} (notice required: ${formatHoursMinutes(opts.noticeMs / 1000, "en")})`
        : `announced only ${leadText(leadMs, "en")}; the contract requires ${formatHoursMinutes(opts.noticeMs / 1000, "en")}`,
      whyKo: excused
        ? `시작 ${leadText(leadMs, "ko")} 예고 (계약상 필요: ${formatHoursMinutes(opts.noticeMs / 1000, "ko")} 전)`
        : `시작 ${leadText(leadMs, "ko")}에야 예고함; 계약상 ${formatHoursMinutes(opts.noticeMs / 1000, "ko")} 전까지 예고해야 함`,
      reason: note(excused ? "maintenance_in_time" : "maintenance_late", { lead: duration(leadMs), notice: duration(opts.noticeMs) }),
    });
  }
  for (const f of opts.forceMajeure)
    decisions.push({
      id: f.id,
      kind: "force_majeure",
      start: f.start,
      end: f.end,
      excused: true,
      why: f.reason,
      whyKo: f.reason,
      reason: note("force_majeure", { reason: text(f.reason) }),
    });
  for (const d of opts.disputes ?? []) {
    const why = `dispute #${d.dispute} about outage #${d.outage} accepted: ${d.reason}`;
    const whyKo = `장애 #${d.outage}에 대한 이의 제기 #${d.dispute} 인정: ${d.reason}`;
    const params = { dispute: num(d.dispute), outage: num(d.outage), reason: text(d.reason) };
    decisions.push({ id: d.id, kind: "dispute", start: d.start, end: d.end, excused: true, why, whyKo, reason: note("dispute_accepted", params) });
  }
  return { spans: normalize(decisions.filter((d) => d.excused).map((d) => ({ start: d.start, end: d.end }))), decisions };
}

/**
 * How long before the start a notice came, in whole hours and minutes: "72시간 59분 전" / "72 h 59 min before start";
 * a notice given after the start says so ("1시간 30분 뒤" / "1 h 30 min after start").
 */
export function leadText(leadMs: number, locale: "ko" | "en"): string {
  const span = formatHoursMinutes(Math.abs(leadMs) / 1000, locale);
  if (locale === "ko") return leadMs < 0 ? `${span} 뒤` : `${span} 전`;
  return leadMs < 0 ? `${span} after start` : `${span} before start`;
}
