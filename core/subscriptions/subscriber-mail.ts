import type { AlertPayload } from "../alerts/alert-payload";
import { formatDateTime, formatDuration, type Locale } from "../format";

/**
 * What a subscriber reads: one plain-text mail, Korean first and English below, times in the
 * service's zone (KST). Pure: the links (with their tokens) are made by the sender and passed in.
 * Operators' mails are core/alerts/render-alert.ts; these leave out what only operators do
 * (acknowledging) and always end with how to unsubscribe.
 */

type Mail = { subject: string; text: string };
type Links = { ko: string; en: string };
type ServiceNames = { name: string; nameEn: string; timeZone: string };

const SIGNATURE = "Uptime Ledger";

function serviceName(s: ServiceNames, lang: Locale): string {
  return lang === "ko" ? s.name : s.nameEn;
}

export function confirmationMail(a: { service: ServiceNames; confirm: Links; expiresAt: Date }): Mail {
  const ko = serviceName(a.service, "ko");
  const en = serviceName(a.service, "en");
  const until = (lang: Locale) => formatDateTime(a.expiresAt, lang, a.service.timeZone);
  return {
    subject: `[구독 확인] ${ko} 장애 소식 메일 / [Confirm] ${en} incident mail`,
    text: [
      `${ko}의 장애 발생·복구 소식을 이 주소로 받으시려면 아래 링크를 열고 '구독 확인'을 누르십시오.`,
      a.confirm.ko,
      "",
      `링크는 ${until("ko")}까지 유효합니다. 요청하지 않으셨다면 이 메일을 무시하십시오. 확인되지 않은 주소는 그때 지워지며, 다시 메일을 보내지 않습니다.`,
      "",
      "—",
      "",
      `To get ${en} outage and recovery notices at this address, open the link below and press "Confirm".`,
      a.confirm.en,
      "",
      `The link works until ${until("en")}. If you did not ask for this, ignore this mail: the address is deleted then and mailed no more.`,
      "",
      SIGNATURE,
    ].join("\n"),
  };
}

function title(p: AlertPayload, lang: Locale): string {
  const what = [serviceName(p.service, lang), p.function ? (lang === "ko" ? p.function.name : p.function.nameEn) : null].filter(Boolean).join(" ");
  const id = p.outage ? (lang === "ko" ? ` (장애 #${p.outage.id})` : ` (outage #${p.outage.id})`) : "";
  if (p.kind === "outage_opened") return lang === "ko" ? `[장애] ${what} 장애 발생${id}` : `[Outage] ${what} is down${id}`;
  if (p.kind === "outage_closed") return lang === "ko" ? `[복구] ${what} 장애 종료${id}` : `[Resolved] ${what} is back${id}`;
  return lang === "ko" ? `[운영사 공지] ${what}${id}` : `[Operator update] ${what}${id}`;
}

function lines(p: AlertPayload, lang: Locale, details: string, unsubscribe: string): string[] {
  const tz = p.service.timeZone;
  const at = (iso: string) => formatDateTime(new Date(iso), lang, tz, true);
  const ko = lang === "ko";
  const out = [title(p, lang), ""];
  const o = p.outage;
  if (o) {
    out.push(ko ? `시작: ${at(o.startedAt)}` : `Started: ${at(o.startedAt)}`);
    if (o.confirmedAt) out.push(ko ? `확정: ${at(o.confirmedAt)}` : `Confirmed: ${at(o.confirmedAt)}`);
    if (o.endedAt) {
      const sec = Math.max(0, Math.floor((Date.parse(o.endedAt) - Date.parse(o.startedAt)) / 1000));
      out.push(ko ? `종료: ${at(o.endedAt)}` : `Ended: ${at(o.endedAt)}`);
      out.push(ko ? `지속 시간: ${formatDuration(sec, lang)}` : `Duration: ${formatDuration(sec, lang)}`);
    }
  }
  if (p.statement) {
    out.push(
      ko ? `운영사 공지 (${at(p.statement.at)}, ${p.statement.author}):` : `Operator's statement (${at(p.statement.at)}, ${p.statement.author}), as written:`,
    );
    out.push(...p.statement.body.split(/\r?\n/).map((l) => `> ${l}`));
    out.push(ko ? "운영사의 말이며 측정 결과가 아닙니다." : "These are the operator's words, not a measurement.");
  }
  out.push(ko ? `자세히: ${details}` : `Details: ${details}`);
  out.push("");
  out.push(
    ko
      ? `${serviceName(p.service, lang)}의 장애 소식을 구독하셨기에 보낸 메일입니다. 구독 해지: ${unsubscribe}`
      : `You get this mail because you subscribed to ${serviceName(p.service, lang)} incidents. Unsubscribe: ${unsubscribe}`,
  );
  return out;
}

/** An outage opened or closed, or an operator's statement about it. */
export function incidentMail(p: AlertPayload, links: { details: Links; unsubscribe: Links }): Mail {
  return {
    subject: `${title(p, "ko")} / ${title(p, "en")}`,
    text: [
      ...lines(p, "ko", links.details.ko, links.unsubscribe.ko),
      "",
      "—",
      "",
      ...lines(p, "en", links.details.en, links.unsubscribe.en),
      "",
      SIGNATURE,
    ].join("\n"),
  };
}
