import type { ContractConfig } from "../../config/contract-schema";
import { addDays, dayWindow, formatLocalDate, localDateOf, type LocalDate } from "../../time-zone";
import { DELAY_CAP_CEILING, delayRateCeiling, LEGAL_SOURCES } from "../legal-ceilings";
import { applyTruncate, compare, parseRational, type Rational } from "../rational";
import type { MoneyLine } from "../report-types";
import { krw, type RuleContext } from "../rule-context";

type DelayRule = Extract<ContractConfig["rulesets"][number]["rules"][number], { kind: "delay_damages" }>;

/**
 * 지체상금: base × daily rate × days late. Days late are calendar days in the
 * contract's time zone from the day after the deadline to the day the service
 * actually started, both included, less excused days. Until it starts (as of
 * the report's instant), the days run to that instant's day ("accruing"). A period's line holds the late days that fall in it;
 * amounts are computed cumulatively so the periods add up to the truncated total,
 * and the cap applies to that total.
 */
export function delayDamages(rule: DelayRule, ctx: RuleContext): MoneyLine | null {
  const goLive = ctx.contract.goLive;
  if (!goLive) return null;
  const tz = ctx.timeZone;
  const warnings: string[] = [];
  const deadline = new Date(goLive.deadline);
  // A report as of an instant before the actual start sees the go-live not yet made (the penalty meter, a replay).
  const started = goLive.actualStart && Date.parse(goLive.actualStart) <= ctx.asOf ? new Date(goLive.actualStart) : null;
  const lastDay: LocalDate = localDateOf(started ?? new Date(ctx.asOf), tz);
  const excused = new Map(rule.excusedDays.map((d) => [d.date, d.reason]));

  const lateDays: string[] = [];
  for (let d = addDays(localDateOf(deadline, tz), 1); formatLocalDate(d) <= formatLocalDate(lastDay); d = addDays(d, 1)) {
    if (!excused.has(formatLocalDate(d))) lateDays.push(formatLocalDate(d));
  }
  // A late day counts from its first instant (00:00 local): as of midnight it has begun.
  const inPeriod = lateDays.filter((day) => {
    const start = dayWindow(parseDay(day), tz).start.getTime();
    return start >= ctx.period.start && start < ctx.periodEnd && start <= ctx.asOf;
  });
  const before = lateDays.filter((day) => dayWindow(parseDay(day), tz).start.getTime() < ctx.period.start).length;
  // Past the deadline, not yet started, no late day yet (before the first midnight): a 0 KRW line
  // that is accruing, so the period of the deadline shows the damages about to start.
  const deadlineDay = dayWindow(localDateOf(deadline, tz), tz).start.getTime();
  const waiting = started === null && ctx.asOf > deadline.getTime() && deadlineDay >= ctx.period.start && deadlineDay < ctx.period.end;
  if (inPeriod.length === 0 && !waiting) return null;

  let rate = parseRational(rule.dailyRate)!;
  const ceiling = delayRateCeiling(ctx.contract.jurisdiction, ctx.contract.contractType);
  if (ceiling && compare(rate, ceiling) > 0) {
    warnings.push(
      `The contract's daily rate ${rate.text} exceeds the legal ceiling ${ceiling.text} (${LEGAL_SOURCES[ctx.contract.jurisdiction]}); the excess is void, so ${ceiling.text} is applied.`,
    );
    rate = ceiling;
  }
  let cap = parseRational(rule.cap)!;
  if (compare(cap, DELAY_CAP_CEILING) > 0) {
    warnings.push(
      `The contract's cap ${cap.text} exceeds the legal ceiling ${DELAY_CAP_CEILING.text} of the contract amount; ${DELAY_CAP_CEILING.text} is applied.`,
    );
    cap = DELAY_CAP_CEILING;
  }
  const { base, baseText } = baseOf(rule, ctx.amountKrw);
  const capKrw = applyTruncate(ctx.amountKrw, cap);
  const days = (n: number) => applyTruncate(base, rate, { num: BigInt(n), den: 1n, text: String(n) });
  const uncappedTotal = days(before + inPeriod.length);
  const cumulative = (n: number) => (days(n) < capKrw ? days(n) : capKrw);
  const amount = cumulative(before + inPeriod.length) - cumulative(before);
  const capped = uncappedTotal > capKrw;
  const accruing = started === null;
  // Not started by midnight: the new day is late too (unless excused), so the amount steps up then.
  let nextStep: MoneyLine["nextStep"] = null;
  if (accruing) {
    let day = addDays(lastDay, 1);
    while (excused.has(formatLocalDate(day))) day = addDays(day, 1);
    const at = dayWindow(day, tz).start.getTime();
    const next = cumulative(before + inPeriod.length + 1) - cumulative(before);
    if (at < ctx.periodEnd && next > amount) nextStep = { at: new Date(at).toISOString(), amountKrw: Number(next) };
  }

  const n = inPeriod.length;
  const formula = `${baseText} KRW × ${rate.text} × ${n} day${n === 1 ? "" : "s"} = ${krw(days(n))} KRW${capped ? `, capped at ${cap.text} of the contract (${krw(capKrw)} KRW) over all periods` : ""}; truncated below 1 won`;
  const formulaKo = `${baseText}원 × ${rate.text} × ${n}일 = ${krw(days(n))}원${capped ? `, 계약금액의 ${cap.text}(${krw(capKrw)}원) 한도 적용` : ""} (1원 미만 절사)`;
  return {
    ruleId: rule.id,
    kind: "delay_damages",
    clause: rule.clause,
    illustrative: rule.illustrative,
    countReported: rule.countReported,
    breached: true,
    inputs: {
      deadline: goLive.deadline,
      actualStart: goLive.actualStart ?? null,
      firstLateDay: lateDays[0] ?? null,
      lateDaysInPeriod: inPeriod.join(", "),
      daysLateInPeriod: n,
      daysLateBeforePeriod: before,
      daysLateTotal: lateDays.length,
      excusedDays: rule.excusedDays.map((d) => `${d.date} (${d.reason})`).join("; ") || null,
      base: `${krw(base)} KRW`,
      dailyRate: rate.text,
      cap: `${cap.text} = ${krw(capKrw)} KRW`,
    },
    formula,
    formulaKo,
    amountKrw: Number(amount),
    accruing,
    nextStep,
    warnings,
  };
}

function baseOf(rule: DelayRule, amountKrw: bigint): { base: bigint; baseText: string } {
  if (rule.base === "contract") return { base: amountKrw, baseText: krw(amountKrw) };
  if ("share" in rule.base) {
    const share: Rational = parseRational(rule.base.share)!;
    const base = applyTruncate(amountKrw, share);
    return { base, baseText: `${krw(base)} (${share.text} of ${krw(amountKrw)})` };
  }
  return { base: BigInt(rule.base.amountKrw), baseText: krw(rule.base.amountKrw) };
}

function parseDay(s: string): LocalDate {
  const [y, m, d] = s.split("-").map(Number);
  return { year: y!, month: m!, day: d! };
}
