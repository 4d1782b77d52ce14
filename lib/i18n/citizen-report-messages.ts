import { SURGE_FACTOR, SURGE_MIN_COUNT } from "@/core/citizen/surge";
import type { Lang } from "./index";

/** Words of the citizen-report panel on the service page, its alerts and the admins' desk. */
const ko = {
  heading: "시민 신고",
  notMeasured: "시민 신고 · 측정값이 아니며 장애 시간에 넣지 않습니다",
  intro:
    "측정 장치가 보지 못하는 문제(가게에서 결제가 안 됨, 특정 은행 계좌만 충전이 안 됨 등)를 알려 주세요. 계정도 개인정보도 받지 않고, 자유 입력 없이 고른 항목만 기록합니다.",
  whatFails: "무엇이 안 되나요?",
  extra: { "in-store-payment": "가맹점 결제", other: "기타" } as Record<string, string>,
  district: "지역 (선택)",
  districtNone: "고르지 않음",
  submit: "신고하기",
  working: "보내는 중입니다. 브라우저가 잠시 계산합니다…",
  answer: {
    ok: "신고가 기록되었습니다. 고맙습니다.",
    limited: "신고가 너무 많아 이번 신고는 세지 않았습니다. 잠시 뒤 다시 시도해 주세요.",
    invalid: "신고를 받지 못했습니다. 항목을 다시 골라 주세요.",
    failed: "보내지 못했습니다. 연결을 확인하고 다시 시도해 주세요.",
  } as Record<string, string>,
  countsHeading: "최근 1시간 신고 수 (5분 단위)",
  colKey: "항목",
  colHour: "최근 1시간",
  colLast5: "최근 5분",
  colBuckets: "5분마다 (오래된 것부터)",
  count: (n: number) => `${n.toLocaleString("ko-KR")}건`,
  noReports: "최근 1시간 동안 들어온 신고가 없습니다.",
  surge: "시민 신고 급증",
  surgeDetail: (fn: string, n: number, median: number, threshold: number) =>
    `${fn}: 최근 1시간 ${n}건. 지난 7일 같은 시간의 중앙값 ${median}건의 ${SURGE_FACTOR}배 이상이고 ${SURGE_MIN_COUNT}건 이상이면 급증으로 봅니다 (기준 ${threshold}건).`,
  method: "신고를 세는 방법",
  noScript: "자바스크립트 없이 보낸 신고는 더 엄격한 한도(한 시간에 2건)로 셉니다.",
  source: (n: number, clients: number, threshold: number) => `시민 신고 ${n}건 (신고한 곳 ${clients}곳, 급증 기준 ${threshold}건)`,
  desk: {
    heading: "시민 신고 급증",
    intro: "급증은 측정이 아니라 신고입니다. 확인한 뒤 보고된 장애로 기록하면 신고 수가 출처로 남고 공개 활동 기록에 오릅니다.",
    none: "최근 30일 동안 급증이 없었습니다.",
    line: (svc: string, fn: string, n: number, threshold: number) => `${svc} · ${fn}: 최근 1시간 최대 ${n}건 (기준 ${threshold}건)`,
    since: "시작",
    ongoing: "진행 중",
    ended: "끝남",
    fn: "장애로 기록할 기능",
    note: "메모 (선택, 공개됨)",
    record: "보고된 장애로 기록",
    recorded: (id: number) => `보고된 장애 #${id}로 기록됨`,
  },
};

export type CitizenReportMessages = typeof ko;

const en: CitizenReportMessages = {
  heading: "Citizen reports",
  notMeasured: "Citizen reports · not measured, never counted as downtime",
  intro:
    "Tell us what the probes cannot see: a payment failing at a shop, a top-up failing only for one bank's customers. " +
    "No account and no personal data; only the choices below are recorded, no free text.",
  whatFails: "What fails for you?",
  extra: { "in-store-payment": "In-store payment", other: "Other" },
  district: "District (optional)",
  districtNone: "Not given",
  submit: "Report",
  working: "Sending. Your browser is doing a short computation…",
  answer: {
    ok: "Your report was recorded. Thank you.",
    limited: "Too many reports: this one was not counted. Please try again later.",
    invalid: "The report was not accepted. Please choose again.",
    failed: "It could not be sent. Check the connection and try again.",
  },
  countsHeading: "Reports in the last hour (per 5 minutes)",
  colKey: "What fails",
  colHour: "Last hour",
  colLast5: "Last 5 min",
  colBuckets: "Every 5 minutes (oldest first)",
  count: (n) => n.toLocaleString("en-US"),
  noReports: "No reports in the last hour.",
  surge: "Surge of citizen reports",
  surgeDetail: (fn, n, median, threshold) =>
    `${fn}: ${n} in the last hour. A surge is at least ${SURGE_FACTOR} times the median of the same hour over the last 7 days (${median}) ` +
    `and at least ${SURGE_MIN_COUNT} (threshold ${threshold}).`,
  method: "How reports are counted",
  noScript: "Reports sent without JavaScript count under a stricter limit (2 an hour).",
  source: (n, clients, threshold) => `${n} citizen reports from ${clients} clients (surge threshold ${threshold})`,
  desk: {
    heading: "Surges of citizen reports",
    intro:
      "A surge is reports, not a measurement. Once checked, record it as a reported incident: " +
      "the report counts become its source and it goes on the public activity log.",
    none: "No surge in the last 30 days.",
    line: (svc, fn, n, threshold) => `${svc} · ${fn}: up to ${n} in an hour (threshold ${threshold})`,
    since: "Since",
    ongoing: "ongoing",
    ended: "ended",
    fn: "Function to record the incident for",
    note: "Note (optional, public)",
    record: "Record as a reported incident",
    recorded: (id) => `Recorded as reported incident #${id}`,
  },
};

export function citizenReportText(lang: Lang): CitizenReportMessages {
  return lang === "ko" ? ko : en;
}
