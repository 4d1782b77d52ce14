import type { Rational } from "../accounting/rational";

/**
 * Error-budget alerts as the Google SRE workbook ("Alerting on SLOs", the
 * multiwindow, multi-burn-rate alerts) describes them. The budget is what the
 * availability objective allows to fail: 1 − objective. The burn rate of a
 * window is its error ratio divided by the budget: burning at 1× spends exactly
 * the budget over the 30-day objective period, at 14.4× spends 2% of it in an
 * hour. An alert fires only when a long window and its short window both burn
 * faster than the factor: the long window shows the spend is significant, the
 * short one that it is still happening (so the alert also ends quickly).
 *
 * An event is one probe run that measured something: UP and DEGRADED runs are
 * good (correct answers; slowness has its own rules), DOWN runs are bad, and
 * UNKNOWN runs (the monitor's own failures) are not counted at all.
 *
 * Probes are low traffic (360 runs an hour at a 10 s interval), so a window that
 * is mostly empty (a new monitor, a gap) would let one failure look like a fast
 * burn. As the workbook suggests for low-traffic services, a rule is only
 * considered when its long window holds a minimum number of runs: half of what
 * the window holds at the probe's interval (`minEvents`).
 */
export type Severity = "PAGE" | "TICKET";
export type WindowCounts = { good: number; bad: number };

const MIN = 60_000;
const HOUR = 60 * MIN;

export type BurnRule = { severity: Severity; longMs: number; shortMs: number; factor: { num: bigint; den: bigint; text: string } };

export const BURN_RULES: readonly BurnRule[] = [
  // 2% of a 30-day budget in 1 hour: 0.02 × 720 h ÷ 1 h = 14.4
  { severity: "PAGE", longMs: HOUR, shortMs: 5 * MIN, factor: { num: 72n, den: 5n, text: "14.4" } },
  // 5% in 6 hours: 0.05 × 720 ÷ 6 = 6
  { severity: "PAGE", longMs: 6 * HOUR, shortMs: 30 * MIN, factor: { num: 6n, den: 1n, text: "6" } },
  // 10% in 3 days: 0.1 × 720 ÷ 72 = 1
  { severity: "TICKET", longMs: 72 * HOUR, shortMs: 6 * HOUR, factor: { num: 1n, den: 1n, text: "1" } },
];

/** Every window a rule needs, shortest first. */
export const BUDGET_WINDOWS_MS: readonly number[] = [...new Set(BURN_RULES.flatMap((r) => [r.longMs, r.shortMs]))].sort((a, b) => a - b);

/**
 * The burn rate of a window as a number for people to read (null: nothing
 * measured). Decisions use `burnsFaster`, which is exact.
 */
export function burnRate(c: WindowCounts, objective: Rational): number | null {
  const total = c.good + c.bad;
  if (total === 0) return null;
  const budget = Number(objective.den - objective.num) / Number(objective.den);
  return c.bad / total / budget;
}

/**
 * bad ÷ total > factor × (1 − objective), in integers:
 * bad × den_o × den_f > num_f × (den_o − num_o) × total. No floating point, so a
 * window exactly at the threshold never fires by a rounding accident.
 */
export function burnsFaster(c: WindowCounts, objective: Rational, factor: { num: bigint; den: bigint }): boolean {
  const total = BigInt(c.good + c.bad);
  if (total === 0n) return false;
  return BigInt(c.bad) * objective.den * factor.den > factor.num * (objective.den - objective.num) * total;
}

export type BudgetVerdict = {
  page: boolean;
  ticket: boolean;
  /** the rules whose two windows both burn faster than their factor */
  firing: { severity: Severity; longMs: number; shortMs: number; factor: string }[];
  /** burn rate per window length (ms), for the message and the admin page */
  burn: Record<string, number | null>;
};

/** The fewest measured runs a long window must hold for its rule to count: half a full window at this interval. */
export function minEventsFor(windowMs: number, intervalMs: number): number {
  return Math.floor(windowMs / intervalMs / 2);
}

/**
 * Which alerts fire, given the counts of each window (keyed by window length in
 * ms). `intervalMs`: the probe's interval, for the minimum number of runs; left
 * out, every window counts however few runs it holds.
 */
export function evaluateBudget(counts: ReadonlyMap<number, WindowCounts>, objective: Rational, intervalMs?: number): BudgetVerdict {
  if (objective.num <= 0n || objective.num >= objective.den) throw new Error(`objective ${objective.text} must be between 0 and 100%`);
  const firing: BudgetVerdict["firing"] = [];
  for (const rule of BURN_RULES) {
    const long = counts.get(rule.longMs);
    const short = counts.get(rule.shortMs);
    if (!long || !short) throw new Error(`counts for the ${rule.longMs / MIN} and ${rule.shortMs / MIN} minute windows are needed`);
    if (intervalMs !== undefined && long.good + long.bad < minEventsFor(rule.longMs, intervalMs)) continue;
    if (burnsFaster(long, objective, rule.factor) && burnsFaster(short, objective, rule.factor)) {
      firing.push({ severity: rule.severity, longMs: rule.longMs, shortMs: rule.shortMs, factor: rule.factor.text });
    }
  }
  const burn: Record<string, number | null> = {};
  for (const w of BUDGET_WINDOWS_MS) burn[String(w)] = burnRate(counts.get(w)!, objective);
  return { page: firing.some((f) => f.severity === "PAGE"), ticket: firing.some((f) => f.severity === "TICKET"), firing, burn };
}

/**
 * The roll-up buckets that make up a window ending at `now`: every bucket whose
 * start lies in (now − window, now], so the bucket holding `now` (still filling)
 * is included and the window spans between `window − bucket` and `window` of
 * measurements. Minute buckets serve windows up to 6 hours, hour buckets the
 * 3-day window.
 */
export function bucketRange(nowMs: number, windowMs: number, bucketMs: number): { firstStart: number; lastStart: number } {
  const lastStart = Math.floor(nowMs / bucketMs) * bucketMs;
  return { firstStart: lastStart - windowMs + bucketMs, lastStart };
}

/** Minute buckets up to 6 h (at most 360 rows a probe), hours beyond. */
export function bucketSizeFor(windowMs: number): number {
  return windowMs <= 6 * HOUR ? MIN : HOUR;
}

export type Bucket = { start: number; good: number; bad: number };

/** Sums the buckets of one size that make up a window ending at `now` (see bucketRange). */
export function sumWindow(buckets: readonly Bucket[], nowMs: number, windowMs: number, bucketMs: number): WindowCounts {
  const { firstStart, lastStart } = bucketRange(nowMs, windowMs, bucketMs);
  let good = 0;
  let bad = 0;
  for (const b of buckets) {
    if (b.start < firstStart || b.start > lastStart) continue;
    good += b.good;
    bad += b.bad;
  }
  return { good, bad };
}
