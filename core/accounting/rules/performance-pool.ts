import type { Rule } from "../../config/contract-schema";
import { addF, applyTruncate, cmpF, divF, floorScaled, fraction, fractionOf, mulF, parseRational, subF, type Fraction } from "../rational";
import type { MoneyLine } from "../report-types";
import { amount, code, list, note, noteValue, num, rate } from "../report-values";
import { krw, type RuleContext } from "../rule-context";

type PoolRule = Extract<Rule, { kind: "performance_pool" }>;

/**
 * Korean SLA practice (KOSA SW대가산정 가이드): a share of the period's fee is a
 * performance pool, paid out by score. Each indicator scores 100 at or better
 * than its expected level (ESL), 0 at or worse than its minimum (MSL), linearly
 * between; "better" is higher for availability, lower for latency and outages.
 * The weighted score (truncated to 2 decimals) picks the first table row it
 * reaches; the amount withheld is pool × (100% − payout), truncated below 1 won.
 * Every value, score and threshold is an exact fraction: a score a hair below a
 * row's threshold stays below it.
 */
export function performancePool(rule: PoolRule, ctx: RuleContext): MoneyLine {
  const pool = applyTruncate(ctx.feeKrw, parseRational(rule.pool)!);
  const scored = rule.indicators.map((ind) => {
    const value = measure(ind, rule.countReported, ctx);
    return { ind, value, score: value === null ? null : score(value, fractionOf(ind.expected), fractionOf(ind.minimum)) };
  });
  const counted = scored.filter((s) => s.score !== null);
  const weight = counted.reduce((n, s) => addF(n, fractionOf(s.ind.weight)), fraction(0n));
  const raw =
    counted.length > 0
      ? divF(
          counted.reduce((n, s) => addF(n, mulF(s.score!, fractionOf(s.ind.weight))), fraction(0n)),
          weight,
        )
      : null;
  const hundredths = raw === null ? null : floorScaled(raw, 2);
  const total = hundredths === null ? null : Number(hundredths) / 100;
  const rows = [...rule.table].sort((a, b) => b.minScore - a.minScore);
  const row = hundredths === null ? null : rows.find((r) => cmpF(fraction(hundredths, 100n), fractionOf(r.minScore)) >= 0)!;
  const payout = row ? parseRational(row.payout)! : null;
  const withheld = payout ? pool - applyTruncate(pool, payout) : 0n;
  const warnings = scored.filter((s) => s.value === null).map((s) => note("indicator_unmeasured", { indicator: code(s.ind.id) }));
  return {
    ruleId: rule.id,
    kind: "performance_pool",
    clause: rule.clause,
    illustrative: rule.illustrative,
    countReported: rule.countReported,
    breached: withheld > 0n,
    inputs: {
      poolShare: rate(rule.pool),
      periodFee: amount(ctx.feeKrw),
      pool: amount(pool),
      indicators: list(
        scored.map((s) =>
          noteValue("pool_indicator", {
            indicator: code(s.ind.id),
            metric: code(s.ind.metric),
            expected: num(s.ind.expected),
            minimum: num(s.ind.minimum),
            weight: num(s.ind.weight),
            ...(s.value === null ? {} : { value: num(shown(s.value)) }),
            ...(s.score === null ? {} : { score: num(shown(s.score)) }),
          }),
        ),
      ),
      ...(total === null ? {} : { score: num(total) }),
      ...(row ? { payout: noteValue("pool_payout", { minScore: num(row.minScore), payout: rate(row.payout) }) } : {}),
    },
    formula: payout
      ? `score ${total} → payout ${payout.text}; withheld KRW ${krw(pool)} − KRW ${krw(applyTruncate(pool, payout))} = KRW ${krw(withheld)}`
      : "no indicator measured → nothing withheld",
    formulaKo: payout
      ? `점수 ${total} → 지급률 ${payout.text}; 성과풀 ${krw(pool)}원 − 지급 ${krw(applyTruncate(pool, payout))}원 = 차감 ${krw(withheld)}원`
      : "측정된 지표 없음 → 차감 없음",
    amountKrw: Number(withheld),
    accruing: ctx.periodEnd > ctx.asOf,
    nextStep: null,
    warnings,
  };
}

export function score(value: Fraction, expected: Fraction, minimum: Fraction): Fraction {
  const higherIsBetter = cmpF(expected, minimum) > 0;
  const vsExpected = cmpF(value, expected);
  const vsMinimum = cmpF(value, minimum);
  if (higherIsBetter ? vsExpected >= 0 : vsExpected <= 0) return fraction(100n);
  if (higherIsBetter ? vsMinimum <= 0 : vsMinimum >= 0) return fraction(0n);
  return divF(mulF(fraction(100n), subF(value, minimum)), subF(expected, minimum));
}

/** The indicator's value as an exact fraction, in the unit its levels are written in. */
function measure(ind: PoolRule["indicators"][number], countReported: boolean, ctx: RuleContext): Fraction | null {
  const scope = ctx.scope({ functions: ind.functions, combine: "any", countReported });
  switch (ind.metric) {
    case "availability": {
      // percent: 100 × (eligible − downtime) / eligible, from the millisecond totals
      const { eligibleMs, downtimeMs } = scope.figures;
      return eligibleMs > 0 ? divF(mulF(fraction(100n), subF(fractionOf(eligibleMs), fractionOf(downtimeMs))), fractionOf(eligibleMs)) : null;
    }
    case "latency_p95_ms": {
      const p95 = ctx.latencyP95(scope.functions, ctx.period);
      return p95 === null ? null : fractionOf(p95);
    }
    case "outage_count":
      // Like recovery time: an outage counts in the period it ends in, whole.
      return fraction(BigInt(scope.outages.filter((o) => o.belongsTo === "this").length));
    case "longest_outage_minutes":
      return divF(fractionOf(Math.max(0, ...scope.outages.filter((o) => o.belongsTo === "this").map((o) => o.downMs))), fraction(60_000n));
  }
}

/** An exact value shown to four decimals, cut (the decision above is made on the exact fraction). */
const shown = (f: Fraction) => Number(floorScaled(f, 4)) / 10_000;
