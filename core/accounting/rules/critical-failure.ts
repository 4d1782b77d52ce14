import type { Rule } from "../../config/contract-schema";
import { formatDurationExact } from "../../format";
import { clip, subtract, totalMs } from "../intervals";
import type { FlagLine } from "../report-types";
import { duration, functions, instant } from "../report-values";
import type { RuleContext } from "../rule-context";

type CriticalRule = Extract<Rule, { kind: "critical_failure" }>;

/**
 * Critical failure (e.g. UK CCS: more than 24 h lost within 3 months): a flag,
 * never money. Downtime within a rolling window grows only while the service is
 * down, so its maximum over windows ending in the period is reached at the end
 * of a DOWN span (or at the period's end); only those instants are checked.
 * Excused time (maintenance announced in time, force majeure) is not downtime
 * here either, exactly as in availability.
 */
export function criticalFailure(rule: CriticalRule, ctx: RuleContext): FlagLine {
  const scope = ctx.scope({ functions: rule.functions, combine: rule.combine, countReported: rule.countReported });
  const down = subtract(scope.timeline.down, ctx.excused);
  const ends = [...down.map((s) => s.end), ctx.period.end].filter((e) => e > ctx.period.start && e <= ctx.period.end);
  let worst = { end: ctx.period.end, ms: 0 };
  for (const e of ends) {
    const ms = totalMs(clip(down, { start: e - rule.window, end: e }));
    if (ms > worst.ms) worst = { end: e, ms };
  }
  const triggered = worst.ms > rule.moreThan;
  const d = (ms: number, lang: "ko" | "en") => formatDurationExact(ms / 1000, lang);
  return {
    ruleId: rule.id,
    kind: "critical_failure",
    clause: rule.clause,
    illustrative: rule.illustrative,
    triggered,
    inputs: {
      functions: functions(scope.functions),
      window: duration(rule.window),
      moreThan: duration(rule.moreThan),
      worstWindowEnd: instant(worst.end),
      worstWindowDowntime: duration(worst.ms),
    },
    formula: `most downtime within any ${d(rule.window, "en")} window ending in the period: ${d(worst.ms, "en")} ${triggered ? ">" : "≤"} ${d(rule.moreThan, "en")} → ${triggered ? "TRIGGERED" : "not triggered"}`,
    formulaKo: `기간 중 끝나는 ${d(rule.window, "ko")} 구간의 최대 장애 시간 ${d(worst.ms, "ko")} ${triggered ? ">" : "≤"} ${d(rule.moreThan, "ko")} → ${triggered ? "중대 장애 요건 충족" : "해당 없음"}`,
  };
}
