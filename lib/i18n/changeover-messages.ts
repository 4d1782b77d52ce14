import type { Lang } from "./index";

/** Strings of the changeover panel and the penalty meter. Korean is the source; `en` is checked against its shape. */
const ko = {
  heading: "운영사 전환",
  intro: "새 운영사의 준비 상태를 개통 전부터 독립적으로 확인합니다. 준비 점검 결과는 공개하지만 SLA 가용률 계산에는 넣지 않습니다.",
  oldOperator: "이전 운영사",
  newOperator: "새 운영사",
  cutover: "전환 작업 시간",
  readinessDeadline: "준비 완료 기한",
  goLiveDeadline: "개통 기한",
  actualStart: "실제 개통",
  notStarted: "아직 개통하지 않음",
  late: "개통 기한이 지났습니다",
  readinessHeading: "기능별 준비 점검",
  readinessNone: "준비 점검 대상 기능이 없습니다.",
  fn: "기능",
  now: "지금",
  since: "언제부터",
  atDeadline: "준비 기한 시점",
  lastChecked: "마지막 점검",
  states: { ready: "정상 응답", not_ready: "응답 실패", unmeasured: "점검 기록 없음" },
  readinessStopped: "개통 후에는 준비 점검을 하지 않습니다. 아래 표는 개통 직전까지의 마지막 결과입니다.",
  peak: {
    heading: "다가오는 이용 집중 시간 경고",
    lead: (when: string, n: number) =>
      `${when} 이용 집중 시간에 장애나 지연이 생길 수 있습니다. 지난 ${n}번의 같은 시간이 모두 그달의 평소보다 크게 나빴습니다.`,
    month: "달",
    peakLatency: "집중 시간 응답(p95)",
    medianLatency: "그달 평소(시간별 p95의 중앙값)",
    peakErrors: "집중 시간 실패율",
    why: { latency: "느림", errors: "실패 많음" } as Record<string, string>,
    note: "알림 정책이 정해져 있으면 운영사에도 미리 알립니다. 측정값은 시간별 집계에서 구합니다(p95는 약 9% 오차 범위).",
  },
  meter: {
    heading: "지금 쌓이고 있는 위약금",
    intro: "개통이 늦어지거나 장애가 계속되는 동안, 계약 규정에 따라 지금까지 발생한 금액입니다. 월간 보고서와 같은 계산으로 구하며, 1원 미만은 버립니다.",
    asOf: "기준 시각",
    rule: "규정",
    soFar: "지금까지",
    nextStep: "다음 증가",
    nextAt: (when: string, amount: string) => `${when}에 ${amount}`,
    noNext: "상한에 이르렀거나 더 늘지 않습니다",
    illustrative: "예시 규정 (합계에 넣지 않음)",
    total: "합계 (예시 제외)",
    kinds: { delay_damages: "지체상금", service_credit: "서비스 크레딧", recovery_time: "복구 시간 초과", performance_pool: "성과 풀" } as Record<
      string,
      string
    >,
    month: (month: string) => `${month} 보고서 기준`,
    updating: "페이지와 함께 10초마다, 장애가 확정되거나 끝나면 바로 새로 계산합니다.",
    report: "이 달의 의회 보고서",
    nothing: "지금은 늘어나는 위약금이 없습니다.",
    openHeading: "지금 열린 장애",
    openHeadingReplay: "이 시각에 열려 있던 장애",
    openSince: (fn: string, since: string, confirmed: string | null) => `${fn} · ${since}부터 장애${confirmed ? ` (${confirmed} 확인)` : ""}`,
    notCountedYet: (from: string) => `계약상 최소 장애 시간에 못 미쳐 아직 장애 시간에 넣지 않습니다. 계속되면 ${from}부터 넣습니다.`,
    counted: "장애 시간으로 계산하고 있습니다.",
    replay: (at: string, speed: number) =>
      speed > 1 ? `다시 보기: ${at}부터 시간을 ${speed.toLocaleString("ko-KR")}배 빠르게 흘려 보여 줍니다.` : `다시 보기: ${at} 기준입니다.`,
    replayUpdating: "2초마다 새로 계산합니다.",
    replayBanner: (at: string) => `지난 시각 다시 보기 · ${at}`,
    replayBannerScope:
      "이 페이지의 모든 것(기능별 상태, 90일 막대, 응답 시간, 장애 목록, 개통 준비 현황, 위약금 계산기)이 이 시각 기준입니다. 원시 측정 결과가 보존 기간이 지나 지워진 때는 '데이터 없음'으로 보입니다.",
    replayAutoRefresh: (speed: number) => (speed > 1 ? `10초마다 ${speed.toLocaleString("ko-KR")}배 빠르게 앞으로 갑니다.` : "10초마다 앞으로 갑니다."),
    replayBannerExit: "지금 기준으로 보기",
  },
};

export type ChangeoverMessages = typeof ko;

const en: ChangeoverMessages = {
  heading: "Operator changeover",
  intro: "The new operator's readiness is checked independently, before go-live. Readiness results are public but never counted in the SLA's availability.",
  oldOperator: "Previous operator",
  newOperator: "New operator",
  cutover: "Cutover window",
  readinessDeadline: "Readiness deadline",
  goLiveDeadline: "Go-live deadline",
  actualStart: "Actual go-live",
  notStarted: "Not live yet",
  late: "The go-live deadline has passed",
  readinessHeading: "Readiness by function",
  readinessNone: "No function is watched for readiness.",
  fn: "Function",
  now: "Now",
  since: "Since",
  atDeadline: "At the readiness deadline",
  lastChecked: "Last checked",
  states: { ready: "Answers correctly", not_ready: "Fails", unmeasured: "Not checked yet" },
  readinessStopped: "Readiness is not checked after go-live; the table shows the last results before it.",
  peak: {
    heading: "Warning ahead of a peak hour",
    lead: (when: string, n: number) =>
      `The peak hour at ${when} may bring failures or delays: each of the last ${n} such hours was much worse than its month's usual hour.`,
    month: "Month",
    peakLatency: "Peak hour p95",
    medianLatency: "Month's usual (median hourly p95)",
    peakErrors: "Peak hour failures",
    why: { latency: "slow", errors: "failing" },
    note: "Where an alert policy asks for it, the operator is alerted in advance too. Figures come from the hourly roll-ups (p95 within about 9%).",
  },
  meter: {
    heading: "Damages accruing now",
    intro:
      "While go-live is late or an outage is open, the amounts owed so far under each contract rule. Computed exactly as the monthly report computes them; truncated below 1 won.",
    asOf: "As of",
    rule: "Rule",
    soFar: "So far",
    nextStep: "Next step",
    nextAt: (when: string, amount: string) => `${amount} at ${when}`,
    noNext: "Capped, or not growing further",
    illustrative: "Illustrative rule (not in the total)",
    total: "Total (illustrative excluded)",
    kinds: { delay_damages: "Delay damages", service_credit: "Service credit", recovery_time: "Recovery time exceeded", performance_pool: "Performance pool" },
    month: (month: string) => `As in the ${month} report`,
    updating: "Recomputed with the page every 10 seconds, and at once when an outage is confirmed or ends.",
    report: "This month's council report",
    nothing: "Nothing is accruing now.",
    openHeading: "Outages open now",
    openHeadingReplay: "Outages open at that instant",
    openSince: (fn: string, since: string, confirmed: string | null) => `${fn} · down since ${since}${confirmed ? ` (confirmed ${confirmed})` : ""}`,
    notCountedYet: (from: string) => `Shorter than the contract's minimum outage, so not counted as downtime yet; if it continues it counts from ${from}.`,
    counted: "Counted as downtime.",
    replay: (at: string, speed: number) =>
      speed > 1 ? `Replay: time runs ${speed.toLocaleString("en-US")} times as fast from ${at}.` : `Replay: as of ${at}.`,
    replayUpdating: "Recomputed every 2 seconds.",
    replayBanner: (at: string) => `Replay of a past instant · ${at}`,
    replayBannerScope:
      "Everything on this page (function states, 90-day bars, latency, outage list, changeover readiness, penalty meter) is as of that instant. Where the raw results were pruned after their retention period, it shows no data.",
    replayAutoRefresh: (speed: number) =>
      speed > 1 ? `Moves forward ${speed.toLocaleString("en-US")} times as fast, every 10 seconds.` : "Moves forward every 10 seconds.",
    replayBannerExit: "Back to now",
  },
};

export function changeoverText(lang: Lang): ChangeoverMessages {
  return lang === "ko" ? ko : en;
}
