import type { Lang } from "./index";

/** Words of the service page's status block, day bars, latency views and outage list (added beside messages.ts). */
const ko = {
  nowFailing: "지금 장애인 기능",
  downSince: (fn: string, when: string) => `${fn}: ${when}부터 장애 (한국 시각)`,
  failingSince: (fn: string, when: string) => `${fn}: ${when}부터 실패 중, 장애 확정 전 (한국 시각)`,
  outageLink: "장애 상세",
  availability90: "90일 가용률",
  availability90None: "측정 없음",
  availability90Note: "측정된 시간 중 장애가 아니었던 비율, 면책 미반영, 소수 둘째 자리 아래 버림",
  availability90How: "계산 방법",
  barsOpen: "하루씩 보기",
  barsHint: "막대를 누르면 날짜별 가용률과 장애 시간 표가 열립니다.",
  dayTable: (fn: string) => `${fn}: 최근 90일 날짜별 가용률`,
  blipsFn: (n: number) => `확정 전에 회복된 짧은 실패 ${n}회 (장애 시간에 넣지 않음)`,
  latencyHourly: "시간별 (48시간)",
  latencyDaily: "일별 (90일)",
  latencyView: "기간",
  latencyDailyChartLabel: (fn: string) => `${fn} 응답 시간 그래프, 최근 90일 일별`,
  latencyDailyLatest: (when: string, p50: string, p95: string) => `가장 최근 날(${when}): p50 ${p50}, p95 ${p95}`,
  latencyDailyWorst: (when: string, p95: string) => `가장 느린 날: ${when}, p95 ${p95}`,
  latencyDailyCoverage: (n: number, total: number) => `응답 시간이 측정된 날: ${total}일 중 ${n}일`,
  latencyDailyTable: "날짜별 값 (표)",
  colDay: "날짜",
  colOperator: "운영사 대응",
  acknowledged: "확인함",
  notAcknowledged: "미확인",
  dispute: { OPEN: "이의 검토 중", ACCEPTED: "이의 인정 · 면책", REJECTED: "이의 기각" } as Record<string, string>,
};

export type ServicePageMessages = typeof ko;

const en: ServicePageMessages = {
  nowFailing: "Failing now",
  downSince: (fn, when) => `${fn}: down since ${when}`,
  failingSince: (fn, when) => `${fn}: failing since ${when}, not yet confirmed`,
  outageLink: "Outage details",
  availability90: "90-day availability",
  availability90None: "not measured",
  availability90Note: "the share of measured time without downtime, no excused time, truncated to two decimals",
  availability90How: "how it is computed",
  barsOpen: "Day by day",
  barsHint: "Tap the bars to open a table of each day's availability and downtime.",
  dayTable: (fn) => `${fn}: availability per day, last 90 days`,
  blipsFn: (n) =>
    n === 1
      ? "1 short failure recovered before confirmation (not counted as downtime)"
      : `${n} short failures recovered before confirmation (not counted as downtime)`,
  latencyHourly: "Hourly (48 hours)",
  latencyDaily: "Daily (90 days)",
  latencyView: "Span",
  latencyDailyChartLabel: (fn) => `Response time chart for ${fn}, daily over the last 90 days`,
  latencyDailyLatest: (when, p50, p95) => `Latest day (${when}): p50 ${p50}, p95 ${p95}`,
  latencyDailyWorst: (when, p95) => `Slowest day: ${when}, p95 ${p95}`,
  latencyDailyCoverage: (n, total) => `Days with response times: ${n} of ${total}`,
  latencyDailyTable: "Values per day (table)",
  colDay: "Day",
  colOperator: "Operator response",
  acknowledged: "Acknowledged",
  notAcknowledged: "Not acknowledged",
  dispute: { OPEN: "Dispute under review", ACCEPTED: "Dispute accepted · excused", REJECTED: "Dispute rejected" },
};

export function servicePageText(lang: Lang): ServicePageMessages {
  return lang === "ko" ? ko : en;
}
