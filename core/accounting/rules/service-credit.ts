import type { Rule } from "../../config/contract-schema";
import { applyTruncate, parseRational, percentText, type Rational } from "../rational";
import type { MoneyLine } from "../report-types";
import { amount as krwValue, functions, list, note, noteValue, percent, rate, type Note } from "../report-values";
import { krw, type RuleContext } from "../rule-context";

type CreditRule = Extract<Rule, { kind: "service_credit" }>;

/**
 * Service credits: the period's availability against tiers, each "below X% →
 * Y% of the period's fee". A tier applies when availability is strictly below
 * its threshold, so exactly 99.00% is not "below 99%". Compared exactly:
 * availability < b ⇔ (eligible − downtime) × b.den < b.num × eligible.
 */
export function serviceCredit(rule: CreditRule, ctx: RuleContext): MoneyLine {
  const scope = ctx.scope({ functions: rule.functions, combine: rule.combine, countReported: rule.countReported });
  const f = scope.figures;
  const target = parseRational(rule.target)!;
  const warnings: Note[] = [];
  const up = BigInt(Math.round(f.eligibleMs - f.downtimeMs));
  const eligible = BigInt(Math.round(f.eligibleMs));
  const below = (b: Rational) => eligible > 0n && up * b.den < b.num * eligible;
  // Four decimals, truncated, where a threshold is decided, so 99.4976% < 99.5% is visible; the exact fraction beside it.
  const availabilityText = eligible > 0n ? percentText({ num: up, den: eligible, text: "" }, 4) : "—";

  let tier: { below: Rational; credit: Rational } | null = null;
  for (const t of rule.tiers) {
    const b = parseRational(t.below)!;
    if (below(b)) tier = { below: b, credit: parseRational(t.credit)! };
  }
  if (eligible === 0n) warnings.push(note("nothing_eligible"));
  if (f.coverage < 0.9) warnings.push(note("low_coverage", { coverage: percent(Math.round(f.coverage * 1e6), 1_000_000) }));

  const amount = tier ? applyTruncate(ctx.feeKrw, tier.credit) : 0n;
  // seconds with thousands separators (a measured second may carry milliseconds)
  const g = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 3 });
  const upSec = f.eligibleSec - f.downtimeSec;
  const avail = `1 − ${g(f.downtimeSec)} s down / ${g(f.eligibleSec)} s eligible = ${g(upSec)} / ${g(f.eligibleSec)} = ${availabilityText}`;
  const availKo = `가용률 = 1 − 장애 ${g(f.downtimeSec)}초 ÷ 대상 ${g(f.eligibleSec)}초 = ${g(upSec)} ÷ ${g(f.eligibleSec)} = ${availabilityText}`;
  const targetWord = (en: boolean) =>
    below(target) ? (en ? `< ${target.text} target` : `< 목표 ${target.text}`) : en ? `≥ ${target.text} target` : `≥ 목표 ${target.text}`;
  return {
    ruleId: rule.id,
    kind: "service_credit",
    clause: rule.clause,
    illustrative: rule.illustrative,
    countReported: rule.countReported,
    breached: eligible > 0n && below(target),
    inputs: {
      functions: functions(scope.functions),
      combine: noteValue(rule.combine === "any" ? "combine_any" : "combine_all"),
      target: rate(target.text),
      ...(eligible > 0n ? { availability: percent(up, eligible) } : {}),
      downtimeSec: { type: "duration", ms: f.downtimeSec * 1000 },
      eligibleSec: { type: "duration", ms: f.eligibleSec * 1000 },
      tiers: list(rule.tiers.map((t) => noteValue("credit_tier", { below: rate(t.below), credit: rate(t.credit) }))),
      tierApplied: tier ? noteValue("credit_tier", { below: rate(tier.below.text), credit: rate(tier.credit.text) }) : noteValue("no_tier"),
      periodFee: krwValue(ctx.feeKrw),
    },
    formula: tier
      ? `${avail} ${eligible > 0n ? targetWord(true) : ""}; below ${tier.below.text} → ${tier.credit.text} × KRW ${krw(ctx.feeKrw)} = KRW ${krw(amount)}; truncated below 1 won`
      : `${avail}${eligible > 0n ? ` ${targetWord(true)}` : ""}; no tier applies → KRW 0`,
    formulaKo: tier
      ? `${availKo} ${targetWord(false)}; ${tier.below.text} 미만 → 월 대가 ${krw(ctx.feeKrw)}원 × ${tier.credit.text} = ${krw(amount)}원 (1원 미만 절사)`
      : `${availKo}${eligible > 0n ? ` ${targetWord(false)}` : ""}; 해당 구간 없음 → 0원`,
    amountKrw: Number(amount),
    accruing: ctx.periodEnd > ctx.asOf,
    nextStep: null,
    warnings,
  };
}
