import type { Rule } from "../../config/contract-schema";
import { formatDurationCompact } from "../../duration";
import { applyTruncate, parseRational } from "../rational";
import type { MoneyLine } from "../report-types";
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
  const perHourText =
    "amountKrw" in rule.perStartedHour ? `${krw(perHour)} KRW` : `${rule.perStartedHour.percentOfFee} of ${krw(ctx.feeKrw)} = ${krw(perHour)} KRW`;
  // Each outage is priced once, whole, in the period it ends in; one still open now, in the current period.
  const mine = scope.outages.filter((o) => o.belongsTo === "this");
  const over = mine.filter((o) => o.downMs > rule.maxRecovery).map((o) => ({ ...o, hours: Math.ceil((o.downMs - rule.maxRecovery) / HOUR) }));
  const uncapped = over.reduce((n, o) => n + perHour * BigInt(o.hours), 0n);
  let total = uncapped;
  let capText = "";
  const cap = rule.cap ? ("amountKrw" in rule.cap ? BigInt(rule.cap.amountKrw) : applyTruncate(ctx.feeKrw, parseRational(rule.cap.percentOfFee)!)) : null;
  if (cap !== null && total > cap) {
    total = cap;
    capText = `, capped at ${krw(cap)} KRW`;
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
  const list = over.map((o) => `${new Date(o.start).toISOString()} ${formatDurationCompact(o.downMs)} (+${o.hours} h)`).join("; ");
  return {
    ruleId: rule.id,
    kind: "recovery_time",
    clause: rule.clause,
    illustrative: rule.illustrative,
    countReported: rule.countReported,
    breached: over.length > 0,
    inputs: {
      functions: scope.functions.join(", "),
      maxRecovery: formatDurationCompact(rule.maxRecovery),
      outagesEndedInPeriod: mine.length,
      outagesPricedInLaterPeriod: scope.outages.filter((o) => o.belongsTo === "later" && o.start < ctx.period.end).length,
      outagesOverLimit: list || null,
      startedHoursBeyond: hours,
      perStartedHour: perHourText,
    },
    formula: over.length
      ? `${hours} started hour${hours === 1 ? "" : "s"} beyond ${formatDurationCompact(rule.maxRecovery)} × ${krw(perHour)} KRW = ${krw(perHour * BigInt(hours))} KRW${capText}`
      : `no outage longer than ${formatDurationCompact(rule.maxRecovery)} → 0 KRW`,
    formulaKo: over.length
      ? `복구 한도 ${formatDurationCompact(rule.maxRecovery)} 초과 ${hours}시간(시작된 시간 단위) × ${krw(perHour)}원 = ${krw(perHour * BigInt(hours))}원${capText ? ` (한도 적용: ${krw(total)}원)` : ""}`
      : `복구 한도 ${formatDurationCompact(rule.maxRecovery)}를 넘긴 장애 없음 → 0원`,
    amountKrw: Number(total),
    accruing: open.length > 0,
    nextStep,
    warnings: [],
  };
}
