import type { Rule } from "../../config/contract-schema";
import { formatDurationExact } from "../../format";
import { applyTruncate, parseRational } from "../rational";
import type { MoneyLine } from "../report-types";
import { amount, count, duration, functions, instant, list, noteValue, rate } from "../report-values";
import { krw, type RuleContext } from "../rule-context";

type RecoveryRule = Extract<Rule, { kind: "recovery_time" }>;
const HOUR = 3_600_000;

/**
 * Recovery time: for each outage whose downtime exceeds the maximum recovery
 * time, an amount per started hour beyond it. The outage is judged whole and
 * belongs to the period in which it ended (its length is then final), however
 * long it was and wherever it began; one still open counts so far and the line
 * is marked accruing. The cap, if any, applies to the period's total.
 */
export function recoveryTime(rule: RecoveryRule, ctx: RuleContext): MoneyLine {
  const scope = ctx.scope({ functions: rule.functions, combine: rule.combine, countReported: rule.countReported });
  const perHour =
    "amountKrw" in rule.perStartedHour ? BigInt(rule.perStartedHour.amountKrw) : applyTruncate(ctx.feeKrw, parseRational(rule.perStartedHour.percentOfFee)!);
  // Each outage is priced once, whole, in the period it ends in; one still open now, in the current period.
  const mine = scope.outages.filter((o) => o.belongsTo === "this");
  const judged = mine.map((o) => ({ ...o, hours: o.downMs > rule.maxRecovery ? Math.ceil((o.downMs - rule.maxRecovery) / HOUR) : 0 }));
  const over = judged.filter((o) => o.hours > 0);
  const uncapped = over.reduce((n, o) => n + perHour * BigInt(o.hours), 0n);
  let total = uncapped;
  let capped = false;
  const cap = rule.cap ? ("amountKrw" in rule.cap ? BigInt(rule.cap.amountKrw) : applyTruncate(ctx.feeKrw, parseRational(rule.cap.percentOfFee)!)) : null;
  if (cap !== null && total > cap) {
    total = cap;
    capped = true;
  }
  // An open outage that stays down starts one more hour beyond the limit 1 ms after the next
  // whole hour (past the limit) of its downtime; the earliest such instant among open outages.
  let nextStep: MoneyLine["nextStep"] = null;
  const open = mine.filter((o) => o.ongoing);
  if (open.length > 0) {
    const waits = open.map(
      (o) =>
        (o.downMs <= rule.maxRecovery ? rule.maxRecovery - o.downMs : rule.maxRecovery + Math.ceil((o.downMs - rule.maxRecovery) / HOUR) * HOUR - o.downMs) + 1,
    );
    const at = ctx.asOf + Math.min(...waits);
    let next = uncapped + perHour;
    if (cap !== null && next > cap) next = cap;
    if (at < ctx.periodEnd && next > total) nextStep = { at: new Date(at).toISOString(), amountKrw: Number(next) };
  }
  const hours = over.reduce((n, o) => n + o.hours, 0);
  // Every outage this period prices gets its own line, 0 KRW where within the limit, so a reader sees each was checked.
  const outages = judged.map((o) =>
    noteValue("recovery_outage", {
      start: instant(o.start),
      ...(o.ongoing ? {} : { end: instant(o.end) }),
      downtime: duration(o.downMs),
      ...(o.excusedMs > 0 ? { excused: duration(o.excusedMs) } : {}),
      hoursBeyond: count(o.hours, "hour"),
      amount: amount(perHour * BigInt(o.hours)),
    }),
  );
  const dur = (ms: number, lang: "ko" | "en") => formatDurationExact(ms / 1000, lang);
  const sum = perHour * BigInt(hours);
  return {
    ruleId: rule.id,
    kind: "recovery_time",
    clause: rule.clause,
    illustrative: rule.illustrative,
    countReported: rule.countReported,
    breached: over.length > 0,
    inputs: {
      functions: functions(scope.functions),
      maxRecovery: duration(rule.maxRecovery),
      outagesEndedInPeriod: count(mine.length, "outage"),
      outagesPricedInLaterPeriod: count(scope.outages.filter((o) => o.belongsTo === "later" && o.start < ctx.period.end).length, "outage"),
      outages: list(outages),
      startedHoursBeyond: count(hours, "hour"),
      ...("amountKrw" in rule.perStartedHour ? {} : { perStartedHourShare: rate(rule.perStartedHour.percentOfFee), periodFee: amount(ctx.feeKrw) }),
      perStartedHour: amount(perHour),
      ...(cap !== null ? { cap: amount(cap) } : {}),
    },
    formula: over.length
      ? `${hours} started hour${hours === 1 ? "" : "s"} beyond ${dur(rule.maxRecovery, "en")} × KRW ${krw(perHour)} = KRW ${krw(sum)}${capped ? `; over the cap of KRW ${krw(cap!)}: KRW ${krw(total)}` : ""}`
      : `${mine.length} outage${mine.length === 1 ? "" : "s"} ended in the period, none longer than ${dur(rule.maxRecovery, "en")} → KRW 0`,
    formulaKo: over.length
      ? `복구 한도 ${dur(rule.maxRecovery, "ko")} 초과 ${hours}시간(시작된 시간 단위) × ${krw(perHour)}원 = ${krw(sum)}원${capped ? `; 한도 ${krw(cap!)}원 초과 → ${krw(total)}원` : ""}`
      : `이 달에 끝난 장애 ${mine.length}건 모두 복구 한도 ${dur(rule.maxRecovery, "ko")} 이내 → 0원`,
    amountKrw: Number(total),
    accruing: open.length > 0,
    nextStep,
    warnings: [],
  };
}
