import type { MoneyLine, ServiceReport } from "@/core/accounting/report-types";
import type { Note, NoteCode, Value } from "@/core/accounting/report-values";
import { formatDate, formatDateTime, formatDurationExact, formatKrw, formatKrwKorean } from "@/core/format";
import { dayWindow, parseLocalDate } from "@/core/time-zone";
import type { Lang } from "./index";

/**
 * The one formatter of a report's values for every council document (page, PDF, markdown, CSV): each value
 * in the document's language, instants in the contract's time zone, amounts in KRW (with 억/만 in Korean),
 * durations in that language's units. The words are the catalogues below.
 */
export type TextContext = { lang: Lang; tz: string; fnName: (key: string) => string };

export function textContext(r: ServiceReport, lang: Lang): TextContext {
  return {
    lang,
    tz: r.period.timeZone,
    fnName: (key) => {
      const f = r.functions.find((x) => x.key === key);
      return f ? (lang === "ko" ? f.name : f.nameEn) : key;
    },
  };
}

/** "14,196,000원(1,419만 6,000원)" / "KRW 14,196,000": the exact figure, with its Korean reading beside it in Korean. */
export function krwText(krw: number, lang: Lang): string {
  if (lang === "en") return formatKrw(krw, "en");
  return Math.abs(krw) < 10_000 ? formatKrw(krw, "ko") : `${formatKrw(krw, "ko")}(${formatKrwKorean(krw)})`;
}

/**
 * A share as a percentage, truncated (never rounded) to the given decimals, so 99.999% never reads 100.00%
 * and a figure below a threshold never reads as meeting it. Exact: integer arithmetic on num / den.
 */
export function percentOf(num: bigint, den: bigint, decimals = 2): string {
  if (den === 0n) return "—";
  const scaled = (num * 100n * 10n ** BigInt(decimals)) / den;
  const s = scaled.toString().padStart(decimals + 1, "0");
  return `${s.slice(0, -decimals) || "0"}.${s.slice(-decimals)}%`;
}

/** A ratio given as a number (figures), truncated to two decimals: the rule every document states. */
export function percentText(ratio: number, decimals = 2): string {
  const scale = 10 ** decimals;
  return `${(Math.floor(ratio * 100 * scale + 1e-9) / scale).toFixed(decimals)}%`;
}

/** Every unit down to seconds: "3일 9시간 5분" / "3 d 9 h 5 min"; "0초" / "0 s". */
export function durationText(ms: number, lang: Lang): string {
  return formatDurationExact(ms / 1000, lang);
}

const UNITS: Record<Extract<Value, { type: "count" }>["unit"], { ko: string; en: [string, string] }> = {
  day: { ko: "일", en: ["day", "days"] },
  hour: { ko: "시간", en: ["hour", "hours"] },
  outage: { ko: "건", en: ["outage", "outages"] },
  blip: { ko: "건", en: ["blip", "blips"] },
  run: { ko: "회", en: ["run", "runs"] },
};

export function formatValue(v: Value, c: TextContext): string {
  const ko = c.lang === "ko";
  switch (v.type) {
    case "amount":
      return krwText(v.krw, c.lang);
    case "percent":
      return percentOf(BigInt(v.num), BigInt(v.den), 4);
    case "rate":
    case "code":
    case "text":
      return v.text;
    case "duration":
      return durationText(v.ms, c.lang);
    case "instant":
      return formatDateTime(new Date(v.at), c.lang, c.tz);
    case "date":
      try {
        return formatDate(dayWindow(parseLocalDate(v.date), c.tz).start, c.lang, c.tz);
      } catch {
        return v.date;
      }
    case "count":
      return ko ? `${v.n.toLocaleString("ko-KR")}${UNITS[v.unit].ko}` : `${v.n.toLocaleString("en-US")} ${UNITS[v.unit].en[v.n === 1 ? 0 : 1]}`;
    case "number":
      return String(v.n);
    case "functions":
      return v.keys.map(c.fnName).join(", ");
    case "list":
      return v.items.length === 0 ? (ko ? "없음" : "none") : v.items.map((x) => formatValue(x, c)).join(ko ? ", " : "; ");
    case "note":
      return formatNote(v.note, c);
  }
}

/** A list's items one by one (for lists shown as lines: each outage of the recovery-time rule). */
export function valueLines(v: Value, c: TextContext): string[] {
  return v.type === "list" ? v.items.map((x) => formatValue(x, c)) : [formatValue(v, c)];
}

type Params = Record<string, string>;
type Template = (p: Params, raw: Note["params"]) => string;

const JURISDICTION: Record<string, { ko: string; en: string }> = {
  local: { ko: "지방계약법 시행규칙 제75조", en: "Local Government Contracts Act, Enforcement Rule art. 75" },
  national: { ko: "국가계약법 시행규칙 제75조", en: "State Contracts Act, Enforcement Rule art. 75" },
};

const METRICS: Record<string, { ko: string; en: string }> = {
  availability: { ko: "가용률(%)", en: "availability (%)" },
  latency_p95_ms: { ko: "응답시간 p95(ms)", en: "p95 latency (ms)" },
  outage_count: { ko: "장애 수", en: "outage count" },
  longest_outage_minutes: { ko: "최장 장애(분)", en: "longest outage (minutes)" },
};

const NOTES_KO: Record<NoteCode, Template> = {
  rate_over_ceiling: (p, raw) =>
    `계약의 1일 지체상금률 ${p.rate}이 법정 상한 ${p.ceiling}(${JURISDICTION[textOf(raw.jurisdiction)]?.ko ?? p.jurisdiction})을 넘습니다. 초과분은 무효이므로 ${p.ceiling}을 적용합니다.`,
  cap_over_ceiling: (p) => `계약의 지체상금 한도 ${p.cap}이 법정 한도(계약금액의 ${p.ceiling})를 넘으므로 ${p.ceiling}을 적용합니다.`,
  nothing_eligible: () => "이 달에는 대상 시간이 없어(모두 면책이거나 측정하지 못함) 감액을 계산할 수 없습니다.",
  low_coverage: (p) => `감시 시스템이 이 달의 ${p.coverage}만 측정했습니다.`,
  indicator_unmeasured: (p) => `지표 ${p.indicator}는 이 달에 측정할 수 없어 점수에서 뺐습니다.`,
  no_ruleset: (p) => `${p.day}에 시행 중인 규정이 없어 이 달의 금액은 계산하지 않습니다.`,
  unknown_reported_function: (p) => `제보된 장애 ${p.incident}가 이 서비스에 없는 기능 ${p.function}을 적었습니다.`,
  pruned: () =>
    "이 달 일부의 원시 결과는 보존 정책에 따라 정리되었습니다. 가용률과 장애는 저장된 측정 구간으로 정확히 계산했고, 응답시간 백분위수는 분 단위 집계(히스토그램, 9% 이내 오차)로 계산했습니다.",
  excused_day: (p) => `${p.date}(${p.reason})`,
  credit_tier: (p) => `${p.below} 미만 → ${p.credit}`,
  no_tier: () => "해당 구간 없음",
  pool_indicator: (p, raw) =>
    `${p.indicator}(${METRICS[textOf(raw.metric)]?.ko ?? p.metric}; 기대수준 ${p.expected}, 최소수준 ${p.minimum}, 가중치 ${p.weight}): ` +
    (raw.value ? `측정값 ${p.value} → 점수 ${p.score}` : "측정 못 함"),
  pool_payout: (p) => `점수 ${p.minScore} 이상 → 지급률 ${p.payout}`,
  recovery_outage: (p, raw) =>
    `${p.start} 시작${raw.end ? `, ${p.end} 종료` : ", 진행 중"}: 장애 시간 ${p.downtime}${raw.excused ? `(면책 ${p.excused} 제외)` : ""} → ` +
    (numOf(raw.hoursBeyond) > 0 ? `한도 초과 ${p.hoursBeyond} → ${p.amount}` : `한도 이내 → 0원`),
  maintenance_in_time: (p) => `시작 ${p.lead} 전에 예고함(계약상 필요: ${p.notice} 전)`,
  maintenance_late: (p) => `시작 ${p.lead} 전에야 예고함. 계약상 ${p.notice} 전까지 예고해야 함`,
  force_majeure: (p) => p.reason!,
  dispute_accepted: (p) => `장애 #${p.outage}에 대한 이의 제기(#${p.dispute})를 관리자가 인정함: ${p.reason}`,
  blip: (p) => `${p.start}, ${p.failures} 실패`,
  combine_any: () => "하나라도 장애면 장애",
  combine_all: () => "모두 장애일 때만 장애",
};

const NOTES_EN: Record<NoteCode, Template> = {
  rate_over_ceiling: (p, raw) =>
    `The contract's daily rate ${p.rate} exceeds the legal ceiling ${p.ceiling} (${JURISDICTION[textOf(raw.jurisdiction)]?.en ?? p.jurisdiction}); the excess is void, so ${p.ceiling} is applied.`,
  cap_over_ceiling: (p) => `The contract's cap ${p.cap} exceeds the legal ceiling of ${p.ceiling} of the contract amount; ${p.ceiling} is applied.`,
  nothing_eligible: () => "Nothing in this period was eligible (all excused or unmeasured): no credit can be computed.",
  low_coverage: (p) => `The monitor measured only ${p.coverage} of the period.`,
  indicator_unmeasured: (p) => `Indicator ${p.indicator} could not be measured in this period and is left out of the score.`,
  no_ruleset: (p) => `No ruleset is in force on ${p.day}: no money is computed for this period.`,
  unknown_reported_function: (p) => `Reported incident ${p.incident} names a function this service does not have: ${p.function}.`,
  pruned: () =>
    "Raw results of part of this period were pruned under the retention policy: availability and outages come from the stored run segments (exact); latency percentiles from minute roll-ups (histogram buckets, within 9%).",
  excused_day: (p) => `${p.date} (${p.reason})`,
  credit_tier: (p) => `below ${p.below} → ${p.credit}`,
  no_tier: () => "none",
  pool_indicator: (p, raw) =>
    `${p.indicator} (${METRICS[textOf(raw.metric)]?.en ?? p.metric}; expected ${p.expected}, minimum ${p.minimum}, weight ${p.weight}): ` +
    (raw.value ? `measured ${p.value} → score ${p.score}` : "not measured"),
  pool_payout: (p) => `score ≥ ${p.minScore} → payout ${p.payout}`,
  recovery_outage: (p, raw) =>
    `began ${p.start}${raw.end ? `, ended ${p.end}` : ", ongoing"}: downtime ${p.downtime}${raw.excused ? ` (excused ${p.excused} left out)` : ""} → ` +
    (numOf(raw.hoursBeyond) > 0 ? `${p.hoursBeyond} beyond the limit → ${p.amount}` : "within the limit → KRW 0"),
  maintenance_in_time: (p) => `announced ${p.lead} before start (notice required: ${p.notice})`,
  maintenance_late: (p) => `announced only ${p.lead} before start; the contract requires ${p.notice}`,
  force_majeure: (p) => p.reason!,
  dispute_accepted: (p) => `dispute #${p.dispute} about outage #${p.outage} accepted by an admin: ${p.reason}`,
  blip: (p) => `${p.start}, ${p.failures} failure(s)`,
  combine_any: () => "down when any is down",
  combine_all: () => "down only when all are down",
};

export function formatNote(n: Note, c: TextContext): string {
  const p: Params = Object.fromEntries(Object.entries(n.params).map(([k, v]) => [k, formatValue(v, c)]));
  return (c.lang === "ko" ? NOTES_KO : NOTES_EN)[n.code](p, n.params);
}

function textOf(v: Value | undefined): string {
  return v && (v.type === "code" || v.type === "text" || v.type === "rate") ? v.text : "";
}
function numOf(v: Value | undefined): number {
  return v && (v.type === "count" || v.type === "number") ? v.n : 0;
}

/** Input names, by the stable key of each input. */
export const INPUT_LABELS: Record<Lang, Record<string, string>> = {
  ko: {
    deadline: "개시 기한",
    actualStart: "실제 개시",
    firstLateDay: "첫 지체일",
    lateDaysInPeriod: "이 달의 지체일",
    daysLateInPeriod: "이 달의 지체일수",
    daysLateBeforePeriod: "이전 달까지의 지체일수",
    daysLateTotal: "전체 지체일수",
    excusedDays: "면책일",
    base: "기준 금액",
    dailyRate: "1일 지체상금률",
    cap: "한도",
    capAmount: "한도 금액",
    functions: "대상 기능",
    combine: "판단 방식",
    target: "목표",
    availability: "가용률(소수 넷째 자리 미만 절사)",
    downtimeSec: "장애 시간",
    eligibleSec: "대상 시간",
    tiers: "감액 구간",
    tierApplied: "적용 구간",
    periodFee: "월 대가",
    maxRecovery: "최대 복구 시간",
    outagesEndedInPeriod: "이 달에 끝난 장애",
    outagesPricedInLaterPeriod: "끝나는 달에 정산할 장애",
    outages: "장애별 판단",
    startedHoursBeyond: "한도를 넘은 시간(시작된 시간 단위)",
    perStartedHourShare: "시간당 비율",
    perStartedHour: "시간당 금액",
    poolShare: "성과 풀 비율",
    pool: "성과 풀",
    indicators: "지표",
    score: "종합 점수(소수 둘째 자리 미만 절사)",
    payout: "지급률",
    window: "구간",
    moreThan: "기준",
    worstWindowEnd: "최대 구간의 끝",
    worstWindowDowntime: "최대 구간의 장애 시간",
  },
  en: {
    deadline: "Go-live deadline",
    actualStart: "Actual start",
    firstLateDay: "First late day",
    lateDaysInPeriod: "Late days this month",
    daysLateInPeriod: "Days late this month",
    daysLateBeforePeriod: "Days late in earlier months",
    daysLateTotal: "Days late in all",
    excusedDays: "Excused days",
    base: "Base amount",
    dailyRate: "Daily rate",
    cap: "Cap",
    capAmount: "Cap amount",
    functions: "Functions",
    combine: "How functions combine",
    target: "Target",
    availability: "Availability (truncated to 4 decimals)",
    downtimeSec: "Downtime",
    eligibleSec: "Eligible time",
    tiers: "Credit tiers",
    tierApplied: "Tier applied",
    periodFee: "Monthly fee",
    maxRecovery: "Maximum recovery time",
    outagesEndedInPeriod: "Outages ended this month",
    outagesPricedInLaterPeriod: "Outages priced in the month they end",
    outages: "Each outage",
    startedHoursBeyond: "Started hours beyond the limit",
    perStartedHourShare: "Share per started hour",
    perStartedHour: "Amount per started hour",
    poolShare: "Pool share",
    pool: "Performance pool",
    indicators: "Indicators",
    score: "Score (truncated to 2 decimals)",
    payout: "Payout",
    window: "Window",
    moreThan: "Threshold",
    worstWindowEnd: "End of the worst window",
    worstWindowDowntime: "Downtime in the worst window",
  },
};

export function inputLabel(key: string, lang: Lang): string {
  return INPUT_LABELS[lang][key] ?? key;
}

/**
 * The account to date of a rule capped over the whole contract (delay damages), line by line, with the
 * subtraction written out: days late in all, the uncapped amount, the cap, what earlier months charged and
 * what this month charges. Shown the same on the page, the PDF and the markdown.
 */
export function toDateLines(line: MoneyLine, c: TextContext): { label: string; value: string }[] {
  const t = line.toDate;
  if (!t) return [];
  const ko = c.lang === "ko";
  const k = (n: number) => krwText(n, c.lang);
  const w = (n: number) => formatKrw(n, c.lang);
  const base = line.inputs.base?.type === "amount" ? w(line.inputs.base.krw) : "";
  const rate = line.inputs.dailyRate ? formatValue(line.inputs.dailyRate, c) : "";
  const cap = line.inputs.cap ? formatValue(line.inputs.cap, c) : "";
  const days = (n: number) => (ko ? `${n}일` : `${n} day${n === 1 ? "" : "s"}`);
  const rows = ko
    ? [
        { label: "누적 지체일수", value: `${days(t.daysTotal)} (이전 달까지 ${days(t.daysBefore)} + 이번 달 ${days(t.daysThisPeriod)})` },
        { label: "한도 없이 계산한 누적 금액", value: `${base} × ${rate} × ${days(t.daysTotal)} = ${k(t.uncappedKrw)}` },
        { label: `한도(계약금액의 ${cap})`, value: k(t.capKrw) },
        { label: "한도를 적용한 누적 금액", value: `${w(t.uncappedKrw)}과 ${w(t.capKrw)} 중 작은 값 = ${k(t.cappedKrw)}` },
        { label: "이전 달까지 부과한 금액", value: k(t.chargedBeforeKrw) },
        { label: "이번 달 금액", value: `${w(t.cappedKrw)} − ${w(t.chargedBeforeKrw)} = ${k(t.thisPeriodKrw)}` },
      ]
    : [
        { label: "Days late to date", value: `${days(t.daysTotal)} (${days(t.daysBefore)} in earlier months + ${days(t.daysThisPeriod)} this month)` },
        { label: "Amount to date without the cap", value: `${base} × ${rate} × ${days(t.daysTotal)} = ${k(t.uncappedKrw)}` },
        { label: `Cap (${cap} of the contract)`, value: k(t.capKrw) },
        { label: "Amount to date under the cap", value: `the smaller of ${w(t.uncappedKrw)} and ${w(t.capKrw)} = ${k(t.cappedKrw)}` },
        { label: "Charged in earlier months", value: k(t.chargedBeforeKrw) },
        { label: "This month", value: `${w(t.cappedKrw)} − ${w(t.chargedBeforeKrw)} = ${k(t.thisPeriodKrw)}` },
      ];
  if (t.capReachedBefore)
    rows.push({
      label: ko ? "한도" : "Cap",
      value: ko
        ? "이전 달까지 한도에 이미 도달했으므로 이번 달에는 더 부과하지 않습니다."
        : "The cap was reached in an earlier month: nothing more is charged.",
    });
  else if (t.capReachedNow)
    rows.push({
      label: ko ? "한도" : "Cap",
      value: ko ? "이번 달에 한도에 도달했습니다. 다음 달부터는 부과하지 않습니다." : "The cap is reached this month: later months charge nothing.",
    });
  return rows;
}

/** The document's statement of how its percentages are rounded. */
export function percentRule(lang: Lang): string {
  return lang === "ko"
    ? "백분율은 반올림하지 않고 소수 둘째 자리 아래를 버립니다(예: 99.4976% → 99.49%). 기준과 비교하는 곳에는 소수 넷째 자리까지 적고, 비교 자체는 정수로 정확히 합니다."
    : "Percentages are truncated to two decimals, never rounded up (99.4976% → 99.49%). Where a threshold is decided, four decimals are shown; the comparison itself is exact, in integers.";
}
