import type { Rule } from "../../config/contract-schema";
import { applyTruncate, parseRational } from "../rational";
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
 */
export function performancePool(rule: PoolRule, ctx: RuleContext): MoneyLine {
  const pool = applyTruncate(ctx.feeKrw, parseRational(rule.pool)!);
  const scored = rule.indicators.map((ind) => {
    const value = measure(ind, rule.countReported, ctx);
    return { ind, value, score: value === null ? null : score(value, ind.expected, ind.minimum) };
  });
  const counted = scored.filter((s) => s.score !== null);
  const weight = counted.reduce((n, s) => n + s.ind.weight, 0);
  const raw = weight > 0 ? counted.reduce((n, s) => n + s.score! * s.ind.weight, 0) / weight : null;
  const total = raw === null ? null : Math.floor(raw * 100 + 1e-9) / 100;
  const rows = [...rule.table].sort((a, b) => b.minScore - a.minScore);
  const row = total === null ? null : rows.find((r) => total >= r.minScore)!;
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
            ...(s.value === null ? {} : { value: num(round(s.value)) }),
            ...(s.score === null ? {} : { score: num(round(s.score)) }),
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

export function score(value: number, expected: number, minimum: number): number {
  const higherIsBetter = expected > minimum;
  if (higherIsBetter ? value >= expected : value <= expected) return 100;
  if (higherIsBetter ? value <= minimum : value >= minimum) return 0;
  return (100 * (value - minimum)) / (expected - minimum);
}

function measure(ind: PoolRule["indicators"][number], countReported: boolean, ctx: RuleContext): number | null {
  const scope = ctx.scope({ functions: ind.functions, combine: "any", countReported });
  switch (ind.metric) {
    case "availability":
      return scope.figures.availability === null ? null : scope.figures.availability * 100;
    case "latency_p95_ms":
      return ctx.latencyP95(scope.functions, ctx.period);
    case "outage_count":
      // Like recovery time: an outage counts in the period it ends in, whole.
      return scope.outages.filter((o) => o.belongsTo === "this").length;
    case "longest_outage_minutes":
      return Math.max(0, ...scope.outages.filter((o) => o.belongsTo === "this").map((o) => o.downMs / 60_000));
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
