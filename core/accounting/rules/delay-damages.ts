import type { ContractConfig } from "../../config/contract-schema";
import { addDays, dayWindow, formatLocalDate, localDateOf, type LocalDate } from "../../time-zone";
import { DELAY_CAP_CEILING, delayRateCeiling } from "../legal-ceilings";
import { applyTruncate, compare, parseRational, type Rational } from "../rational";
import type { ContractToDate, MoneyLine } from "../report-types";
import { amount as krwValue, code, count, date, instant, list, note, noteValue, rate as rateValue, text, type Note, type Value } from "../report-values";
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
  const warnings: Note[] = [];
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
    warnings.push(note("rate_over_ceiling", { rate: rateValue(rate.text), ceiling: rateValue(ceiling.text), jurisdiction: code(ctx.contract.jurisdiction) }));
    rate = ceiling;
  }
  let cap = parseRational(rule.cap)!;
  if (compare(cap, DELAY_CAP_CEILING) > 0) {
    warnings.push(note("cap_over_ceiling", { cap: rateValue(cap.text), ceiling: rateValue(DELAY_CAP_CEILING.text) }));
    cap = DELAY_CAP_CEILING;
  }
  const { base, baseText, baseKoText } = baseOf(rule, ctx.amountKrw);
  const capKrw = applyTruncate(ctx.amountKrw, cap);
  const days = (n: number) => applyTruncate(base, rate, { num: BigInt(n), den: 1n, text: String(n) });
  const uncappedTotal = days(before + inPeriod.length);
  const cumulative = (n: number) => (days(n) < capKrw ? days(n) : capKrw);
  const amount = cumulative(before + inPeriod.length) - cumulative(before);
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
  const total = before + n;
  const toDate: ContractToDate = {
    daysTotal: total,
    daysBefore: before,
    daysThisPeriod: n,
    uncappedKrw: Number(uncappedTotal),
    capKrw: Number(capKrw),
    cappedKrw: Number(cumulative(total)),
    chargedBeforeKrw: Number(cumulative(before)),
    thisPeriodKrw: Number(amount),
    capReachedBefore: before > 0 && days(before) >= capKrw,
    capReachedNow: days(before) < capKrw && uncappedTotal > capKrw,
  };
  const { formula, formulaKo } = delayFormula({ baseText, baseKoText, rateText: rate.text, capText: cap.text, n, total, days, toDate });
  const inputs: Record<string, Value> = {
    deadline: instant(goLive.deadline),
    ...(goLive.actualStart ? { actualStart: instant(goLive.actualStart) } : {}),
    ...(lateDays[0] ? { firstLateDay: date(lateDays[0]) } : {}),
    lateDaysInPeriod: list(inPeriod.map(date)),
    daysLateInPeriod: count(n, "day"),
    daysLateBeforePeriod: count(before, "day"),
    daysLateTotal: count(lateDays.length, "day"),
    ...(rule.excusedDays.length > 0
      ? { excusedDays: list(rule.excusedDays.map((d) => noteValue("excused_day", { date: date(d.date), reason: text(d.reason) }))) }
      : {}),
    base: krwValue(base),
    dailyRate: rateValue(rate.text),
    cap: rateValue(cap.text),
    capAmount: krwValue(capKrw),
  };
  return {
    ruleId: rule.id,
    kind: "delay_damages",
    clause: rule.clause,
    illustrative: rule.illustrative,
    countReported: rule.countReported,
    breached: true,
    inputs,
    formula,
    formulaKo,
    amountKrw: Number(amount),
    toDate,
    accruing,
    nextStep,
    warnings,
  };
}

/**
 * The arithmetic in words: the days of this period at the daily amount, then, where the cap is near, the
 * account to date (running total, cap, what earlier periods charged) with the subtraction written out.
 */
function delayFormula(x: {
  baseText: string;
  baseKoText: string;
  rateText: string;
  capText: string;
  n: number;
  total: number;
  days: (n: number) => bigint;
  toDate: ContractToDate;
}): { formula: string; formulaKo: string } {
  const t = x.toDate;
  if (t.capReachedBefore) {
    return {
      formula: `the cap of ${x.capText} of the contract (KRW ${krw(t.capKrw)}) was reached before this period (KRW ${krw(t.chargedBeforeKrw)} charged): KRW 0 this period`,
      formulaKo: `계약금액의 ${x.capText} 한도(${krw(t.capKrw)}원)에 이전 달까지 이미 도달(${krw(t.chargedBeforeKrw)}원 부과): 이번 달 0원`,
    };
  }
  const plainEn = `KRW ${x.baseText} × ${x.rateText} × ${x.n} day${x.n === 1 ? "" : "s"} = KRW ${krw(x.days(x.n))}`;
  const plainKo = `${x.baseKoText}원 × ${x.rateText} × ${x.n}일 = ${krw(x.days(x.n))}원`;
  if (!t.capReachedNow) return { formula: `${plainEn}; truncated below 1 won`, formulaKo: `${plainKo} (1원 미만 절사)` };
  return {
    formula:
      `to date: KRW ${x.baseText} × ${x.rateText} × ${x.total} days = KRW ${krw(t.uncappedKrw)} > cap ${x.capText} of the contract = KRW ${krw(t.capKrw)}; ` +
      `KRW ${krw(t.capKrw)} − KRW ${krw(t.chargedBeforeKrw)} charged before = KRW ${krw(t.thisPeriodKrw)}; truncated below 1 won`,
    formulaKo:
      `누적: ${x.baseKoText}원 × ${x.rateText} × ${x.total}일 = ${krw(t.uncappedKrw)}원 > 한도(계약금액의 ${x.capText}) ${krw(t.capKrw)}원; ` +
      `${krw(t.capKrw)}원 − 이전 달까지 ${krw(t.chargedBeforeKrw)}원 = ${krw(t.thisPeriodKrw)}원 (1원 미만 절사)`,
  };
}

function baseOf(rule: DelayRule, amountKrw: bigint): { base: bigint; baseText: string; baseKoText: string } {
  if (rule.base === "contract") return { base: amountKrw, baseText: krw(amountKrw), baseKoText: krw(amountKrw) };
  if ("share" in rule.base) {
    const share: Rational = parseRational(rule.base.share)!;
    const base = applyTruncate(amountKrw, share);
    return { base, baseText: `${krw(base)} (${share.text} of ${krw(amountKrw)})`, baseKoText: `${krw(base)}(${krw(amountKrw)}원의 ${share.text})` };
  }
  return { base: BigInt(rule.base.amountKrw), baseText: krw(rule.base.amountKrw), baseKoText: krw(rule.base.amountKrw) };
}

function parseDay(s: string): LocalDate {
  const [y, m, d] = s.split("-").map(Number);
  return { year: y!, month: m!, day: d! };
}
