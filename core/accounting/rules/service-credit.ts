import type { Rule } from "../../config/contract-schema";
import { applyTruncate, parseRational, percentText, type Rational } from "../rational";
import type { MoneyLine } from "../report-types";
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
  const warnings: string[] = [];
  const up = BigInt(Math.round(f.eligibleMs - f.downtimeMs));
  const eligible = BigInt(Math.round(f.eligibleMs));
  const below = (b: Rational) => eligible > 0n && up * b.den < b.num * eligible;
  const availabilityText = eligible > 0n ? percentText({ num: up, den: eligible, text: "" }) : "n/a";

  let tier: { below: Rational; credit: Rational } | null = null;
  for (const t of rule.tiers) {
    const b = parseRational(t.below)!;
    if (below(b)) tier = { below: b, credit: parseRational(t.credit)! };
  }
  if (eligible === 0n) warnings.push("Nothing in this period was eligible (all excused or unmeasured): no credit can be computed.");
  if (f.coverage < 0.9)
    warnings.push(`The monitor measured only ${percentText({ num: BigInt(Math.round(f.coverage * 1e6)), den: 1_000_000n, text: "" })} of the period.`);

  const amount = tier ? applyTruncate(ctx.feeKrw, tier.credit) : 0n;
  const scopeText = `${scope.functions.join(", ")} (${rule.combine === "any" ? "down when any is down" : "down when all are down"})`;
  const avail = `1 − ${f.downtimeSec} s down / ${f.eligibleSec} s eligible = ${availabilityText}`;
  return {
    ruleId: rule.id,
    kind: "service_credit",
    clause: rule.clause,
    illustrative: rule.illustrative,
    countReported: rule.countReported,
    breached: eligible > 0n && below(target),
    inputs: {
      functions: scopeText,
      target: target.text,
      availability: availabilityText,
      downtimeSec: f.downtimeSec,
      eligibleSec: f.eligibleSec,
      tiers: rule.tiers.map((t) => `below ${t.below} → ${t.credit}`).join("; "),
      tierApplied: tier ? `below ${tier.below.text} → ${tier.credit.text}` : "none",
      periodFee: `${krw(ctx.feeKrw)} KRW`,
    },
    formula: tier
      ? `${avail}, below ${tier.below.text} → ${tier.credit.text} × ${krw(ctx.feeKrw)} KRW = ${krw(amount)} KRW; truncated below 1 won`
      : `${avail}; no tier applies → 0 KRW`,
    formulaKo: tier
      ? `가용률 ${availabilityText} (장애 ${f.downtimeSec}초 / 대상 ${f.eligibleSec}초), ${tier.below.text} 미만 → 월 대가 ${krw(ctx.feeKrw)}원 × ${tier.credit.text} = ${krw(amount)}원 (1원 미만 절사)`
      : `가용률 ${availabilityText} (장애 ${f.downtimeSec}초 / 대상 ${f.eligibleSec}초), 해당 구간 없음 → 0원`,
    amountKrw: Number(amount),
    accruing: ctx.periodEnd > ctx.asOf,
    nextStep: null,
    warnings,
  };
}
