import { formatDateTime, formatDuration, type Locale } from "../format";
import type { AlertPayload } from "./alert-payload";
import { SURGE_FACTOR, SURGE_MIN_COUNT } from "../citizen/surge";

/**
 * The words of an alert, Korean first and English second, as an e-mail, as the
 * ledger's JSON webhook body and as a Slack-compatible message. Pure: the same
 * payload always renders the same text.
 */

const windowLabel = (ms: number, lang: Locale) => {
  const min = ms / 60_000;
  if (min < 60) return lang === "ko" ? `${min}분` : `${min} min`;
  const h = min / 60;
  return lang === "ko" ? `${h}시간` : `${h} h`;
};

function names(p: AlertPayload, lang: Locale): { service: string; fn: string | null } {
  return {
    service: lang === "ko" ? p.service.name : p.service.nameEn,
    fn: p.function ? (lang === "ko" ? p.function.name : p.function.nameEn) : null,
  };
}

function at(iso: string, lang: Locale, tz: string): string {
  return formatDateTime(new Date(iso), lang, tz, true);
}

function outageDurationSec(p: AlertPayload): number | null {
  if (!p.outage) return null;
  const end = p.outage.endedAt ?? p.createdAt;
  return Math.max(0, Math.floor((Date.parse(end) - Date.parse(p.outage.startedAt)) / 1000));
}

/** One line for a subject or a chat message. */
export function alertTitle(p: AlertPayload, lang: Locale): string {
  const n = names(p, lang);
  const what = n.fn ? `${n.service} ${n.fn}` : n.service;
  const id = p.outage ? (lang === "ko" ? ` (장애 #${p.outage.id})` : ` (outage #${p.outage.id})`) : "";
  switch (p.kind) {
    case "outage_opened":
      return lang === "ko" ? `[장애] ${what} 장애 발생${id}` : `[Outage] ${what} is down${id}`;
    case "outage_reminder":
      return lang === "ko"
        ? `[장애·미확인 ${p.round}차] ${what} 장애가 계속되고 있습니다${id}`
        : `[Outage, unacknowledged, reminder ${p.round}] ${what} is still down${id}`;
    case "outage_closed":
      return lang === "ko" ? `[복구] ${what} 장애 종료${id}` : `[Resolved] ${what} is back${id}`;
    case "budget_page":
      return lang === "ko" ? `[SLA 위험·긴급] ${what} 오류 예산 소진 속도 경고` : `[SLA at risk, page] ${what} is burning its error budget fast`;
    case "budget_ticket":
      return lang === "ko" ? `[SLA 위험] ${what} 오류 예산 소진 경고` : `[SLA at risk, ticket] ${what} is burning its error budget`;
    case "budget_resolved":
      return lang === "ko" ? `[SLA 경고 해제] ${what} 오류 예산 소진 속도 정상` : `[SLA alert cleared] ${what} error budget burn back to normal`;
    case "peak_warning":
      return lang === "ko"
        ? `[사전 경고] ${what} 다가오는 이용 집중 시간에 장애 위험`
        : `[Early warning] ${what}: a peak hour ahead after ${p.peak?.months.length ?? 0} degraded ones`;
    case "citizen_surge":
      return lang === "ko"
        ? `[시민 신고 급증] ${what}: 최근 1시간 신고 ${p.surge?.count ?? 0}건`
        : `[Citizen report surge] ${what}: ${p.surge?.count ?? 0} reports in the last hour`;
    case "instance_unready":
      return lang === "ko"
        ? `[측정 시스템 이상] ${instanceCheckName(p.instance?.check ?? "", lang)}: 공개 페이지가 측정 중단을 표시합니다`
        : `[Monitor problem] ${instanceCheckName(p.instance?.check ?? "", lang)}: the public pages say measurements stopped`;
    case "instance_ready":
      return lang === "ko"
        ? `[측정 시스템 복구] ${instanceCheckName(p.instance?.check ?? "", lang)} 정상`
        : `[Monitor recovered] ${instanceCheckName(p.instance?.check ?? "", lang)} is back`;
    // Subscribers' mails are written by core/subscriptions/subscriber-mail.ts; these titles name them in the deliveries view.
    case "subscription_confirm":
      return lang === "ko" ? `[구독 확인] ${what}` : `[Subscription confirmation] ${what}`;
    case "outage_update":
      return lang === "ko" ? `[운영사 공지] ${what}${id}` : `[Operator update] ${what}${id}`;
  }
}

/** The instance checks of /readyz, by name. */
function instanceCheckName(check: string, lang: Locale): string {
  const ko: Record<string, string> = {
    worker: "측정 워커",
    alerter: "알림 발송기",
    disk: "데이터 디스크",
    database: "데이터베이스",
    migrations: "마이그레이션",
  };
  const en: Record<string, string> = {
    worker: "the probe worker",
    alerter: "the alerter",
    disk: "the data disk",
    database: "the database",
    migrations: "migrations",
  };
  return (lang === "ko" ? ko : en)[check] ?? check;
}

function bodyLines(p: AlertPayload, lang: Locale): string[] {
  const tz = p.service.timeZone;
  const lines: string[] = [];
  if (p.instance) {
    lines.push(
      lang === "ko"
        ? `점검: ${instanceCheckName(p.instance.check, lang)} — ${p.instance.detail}`
        : `Check: ${instanceCheckName(p.instance.check, lang)} — ${p.instance.detail}`,
    );
    lines.push(lang === "ko" ? `시각: ${at(p.createdAt, lang, tz)}` : `At: ${at(p.createdAt, lang, tz)}`);
    if (p.kind === "instance_unready")
      lines.push(
        lang === "ko"
          ? "서버에서 해당 프로세스의 로그를 확인하고 다시 시작하십시오(npm start가 감독합니다). 상태: /readyz"
          : "Check the process's log on the server and restart it (npm start supervises it). Status: /readyz",
      );
  }
  const o = p.outage;
  if (o) {
    lines.push(lang === "ko" ? `시작: ${at(o.startedAt, lang, tz)}` : `Started: ${at(o.startedAt, lang, tz)}`);
    if (o.confirmedAt)
      lines.push(
        lang === "ko"
          ? `확정: ${at(o.confirmedAt, lang, tz)} (연속 실패 ${o.failures}회)`
          : `Confirmed: ${at(o.confirmedAt, lang, tz)} (${o.failures} consecutive failures)`,
      );
    if (o.endedAt) lines.push(lang === "ko" ? `종료: ${at(o.endedAt, lang, tz)}` : `Ended: ${at(o.endedAt, lang, tz)}`);
    const d = outageDurationSec(p);
    if (d !== null)
      lines.push(
        lang === "ko"
          ? `지속 시간: ${formatDuration(d, lang)}${o.endedAt ? "" : " (진행 중)"}`
          : `Duration: ${formatDuration(d, lang)}${o.endedAt ? "" : " (ongoing)"}`,
      );
    if (o.errorClass || o.message)
      lines.push(
        lang === "ko"
          ? `첫 오류: ${[o.errorClass, o.message].filter(Boolean).join(" ")}`
          : `First error: ${[o.errorClass, o.message].filter(Boolean).join(" ")}`,
      );
    if (p.kind === "outage_reminder") {
      lines.push(
        lang === "ko"
          ? `아직 아무도 확인(acknowledge)하지 않았습니다.${p.escalated ? ` 다음 담당 단계(${p.level + 1}단계)로 넘깁니다.` : ""}`
          : `Nobody has acknowledged it yet.${p.escalated ? ` Escalated to level ${p.level + 1}.` : ""}`,
      );
    }
    if (p.kind !== "outage_closed")
      lines.push(
        lang === "ko"
          ? "운영사 계정으로 로그인해 장애 페이지에서 확인하면 반복 알림이 멈춥니다."
          : "Sign in with the operator account and acknowledge it on the outage page to stop the reminders.",
      );
  }
  const b = p.budget;
  if (b) {
    lines.push(
      lang === "ko"
        ? `가용성 목표: ${b.objective} (오류 예산 ${budgetText(b.objective)})`
        : `Availability objective: ${b.objective} (error budget ${budgetText(b.objective)})`,
    );
    for (const f of b.firing) {
      const long = b.burn[String(f.longMs)];
      const short = b.burn[String(f.shortMs)];
      lines.push(
        lang === "ko"
          ? `소진 속도: 최근 ${windowLabel(f.longMs, lang)} ${fmtBurn(long)}배, 최근 ${windowLabel(f.shortMs, lang)} ${fmtBurn(short)}배 (기준 ${f.factor}배 초과)`
          : `Burn rate: ${fmtBurn(long)}× over ${windowLabel(f.longMs, lang)}, ${fmtBurn(short)}× over ${windowLabel(f.shortMs, lang)} (above ${f.factor}×)`,
      );
    }
    lines.push(lang === "ko" ? `경고 시작: ${at(b.since, lang, tz)}` : `Alerting since: ${at(b.since, lang, tz)}`);
  }
  const k = p.peak;
  if (k) {
    lines.push(lang === "ko" ? `다음 집중 시간: ${at(k.nextPeak, lang, tz)}` : `Next peak hour: ${at(k.nextPeak, lang, tz)}`);
    for (const m of k.months) {
      const ms = (v: number | null) => (v === null ? "–" : `${Math.round(v)} ms`);
      const rate = m.errorRate === null ? "–" : `${(m.errorRate * 100).toFixed(1)}%`;
      lines.push(
        lang === "ko"
          ? `${m.month}: 응답 p95 ${ms(m.latencyP95)} (그달 평소 ${ms(m.medianLatencyP95)}), 실패율 ${rate}`
          : `${m.month}: p95 ${ms(m.latencyP95)} (month's usual ${ms(m.medianLatencyP95)}), failures ${rate}`,
      );
    }
    lines.push(
      lang === "ko"
        ? "같은 시간이 지난 달들마다 크게 나빠졌습니다. 용량과 승인 처리를 미리 점검해 주십시오."
        : "The same hour was much worse than usual in each of these months. Check capacity and approvals ahead of it.",
    );
  }
  const r = p.surge;
  if (r) {
    lines.push(
      lang === "ko"
        ? `기준: 지난 7일 같은 시간 신고 수의 중앙값 ${r.median}건의 ${SURGE_FACTOR}배 이상, ` + `최소 ${SURGE_MIN_COUNT}건 (이번 기준 ${r.threshold}건)`
        : `Rule: at least ${SURGE_FACTOR} times the median of the same hour over the last 7 days (${r.median}), ` +
            `and at least ${SURGE_MIN_COUNT} (threshold ${r.threshold})`,
    );
    lines.push(lang === "ko" ? `급증 시작: ${at(r.since, lang, tz)}` : `Surge since: ${at(r.since, lang, tz)}`);
    lines.push(
      lang === "ko"
        ? "시민 신고이며 측정값이 아닙니다. 장애 시간에 넣지 않습니다. 측정이 정상이어도 측정 장치가 보지 못하는 장애일 수 있으니 확인해 주십시오."
        : "These are citizens' reports, not measurements, and never downtime. The probes may see nothing wrong: check what they cannot see.",
    );
  }
  lines.push(lang === "ko" ? `자세히: ${p.url}` : `Details: ${p.url}`);
  return lines;
}

function fmtBurn(x: number | null | undefined): string {
  return x === null || x === undefined ? "—" : (Math.round(x * 10) / 10).toFixed(1);
}

function budgetText(objective: string): string {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(objective.trim());
  if (!m) return `1 − ${objective}`;
  const decimals = (m[1]!.split(".")[1] ?? "").length;
  return `${(100 - Number(m[1])).toFixed(decimals)}%`;
}

export function emailMessage(p: AlertPayload): { subject: string; text: string } {
  return {
    subject: `${alertTitle(p, "ko")} / ${alertTitle(p, "en")}`,
    text: [alertTitle(p, "ko"), "", ...bodyLines(p, "ko"), "", "—", "", alertTitle(p, "en"), "", ...bodyLines(p, "en"), "", "Uptime Ledger"].join("\n"),
  };
}

/** The ledger's JSON webhook body: the payload with its title and text in both languages. */
export function webhookJson(p: AlertPayload, deliveryId: number): Record<string, unknown> {
  return {
    type: p.kind,
    deliveryId,
    title: { ko: alertTitle(p, "ko"), en: alertTitle(p, "en") },
    text: { ko: bodyLines(p, "ko").join("\n"), en: bodyLines(p, "en").join("\n") },
    service: { slug: p.service.slug, name: p.service.name, nameEn: p.service.nameEn },
    function: p.function,
    outage: p.outage ? { ...p.outage, durationSec: outageDurationSec(p) } : null,
    budget: p.budget,
    surge: p.surge ?? null,
    instance: p.instance ?? null,
    round: p.round,
    level: p.level,
    escalated: p.escalated,
    url: p.url,
    createdAt: p.createdAt,
  };
}

/** A Slack-compatible incoming-webhook message: `text` for notifications, `blocks` for the layout. */
export function slackMessage(p: AlertPayload): { text: string; blocks: unknown[] } {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return {
    text: `${alertTitle(p, "ko")} / ${alertTitle(p, "en")}`,
    blocks: [
      { type: "header", text: { type: "plain_text", text: alertTitle(p, "ko").slice(0, 150) } },
      { type: "section", text: { type: "mrkdwn", text: esc(bodyLines(p, "ko").slice(0, -1).join("\n")) } },
      { type: "context", elements: [{ type: "mrkdwn", text: esc(`${alertTitle(p, "en")} — ${bodyLines(p, "en").slice(0, -1).join(" · ")}`) }] },
      {
        type: "section",
        text: { type: "mrkdwn", text: `<${p.url}|${p.outage ? `장애 #${p.outage.id} 보기 · View outage #${p.outage.id}` : "자세히 · Details"}>` },
      },
    ],
  };
}
