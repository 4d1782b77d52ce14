import { z } from "zod";
import { CONTRACT_TYPES, JURISDICTIONS } from "../accounting/legal-ceilings";
import { parseRational } from "../accounting/rational";
import { DURATION_HINT, parseDuration } from "../duration";
import { amountKrw, deadline, durationText, instant, localDate } from "./field-hints";

/** The contract: basics, how a period's fee is derived, and versioned rules, each with its clause. */

export const rational = z.string().refine((s) => parseRational(s) !== null, 'a rate or share such as "1.3/1000", "0.0013", "10%" or "1/36"');
export const durationMs = durationText().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) {
    ctx.addIssue({ code: "custom", message: `not a positive duration: "${text}" (${DURATION_HINT})` });
    return z.NEVER;
  }
  return ms;
});
const functionKeys = z.array(z.string().min(1)).min(1);

const ruleBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and '-'"),
  /** The contract text the rule comes from, quoted or cited. */
  clause: z.string().min(1),
  /** True when the contract does not state these terms clearly: shown as illustrative, never as owed. */
  illustrative: z.boolean().default(false),
  /** Whether incidents known only from reports (REPORTED) count for this rule. */
  countReported: z.boolean().default(false),
};

const delayDamages = z
  .object({
    ...ruleBase,
    kind: z.literal("delay_damages"),
    dailyRate: rational,
    base: z.union([z.literal("contract"), z.object({ share: rational }).strict(), z.object({ amountKrw: amountKrw() }).strict()]).default("contract"),
    cap: rational.default("30%"),
    excusedDays: z.array(z.object({ date: localDate, reason: z.string().min(1) }).strict()).default([]),
  })
  .strict();

const serviceCredit = z
  .object({
    ...ruleBase,
    kind: z.literal("service_credit"),
    target: rational,
    functions: functionKeys.optional(),
    combine: z.enum(["any", "all"]).default("any"),
    tiers: z
      .array(z.object({ below: rational, credit: rational }).strict())
      .min(1)
      .refine(
        (tiers) =>
          tiers.every(
            (t, i) =>
              i === 0 ||
              parseRational(tiers[i - 1]!.below)!.num * parseRational(t.below)!.den > parseRational(t.below)!.num * parseRational(tiers[i - 1]!.below)!.den,
          ),
        "tiers must be listed from the highest threshold down",
      ),
  })
  .strict();

const amountOrPercent = z.union([z.object({ amountKrw: amountKrw() }).strict(), z.object({ percentOfFee: rational }).strict()]);

const recoveryTime = z
  .object({
    ...ruleBase,
    kind: z.literal("recovery_time"),
    maxRecovery: durationMs,
    functions: functionKeys.optional(),
    combine: z.enum(["any", "all"]).default("any"),
    perStartedHour: amountOrPercent,
    cap: amountOrPercent.optional(),
  })
  .strict();

const criticalFailure = z
  .object({
    ...ruleBase,
    kind: z.literal("critical_failure"),
    functions: functionKeys.optional(),
    combine: z.enum(["any", "all"]).default("any"),
    /** rolling window, e.g. "90d" */
    window: durationMs,
    /** flagged when downtime within the window is more than this */
    moreThan: durationMs,
  })
  .strict();

const indicator = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    nameEn: z.string().min(1).optional(),
    metric: z.enum(["availability", "latency_p95_ms", "outage_count", "longest_outage_minutes"]),
    functions: functionKeys.optional(),
    /** ESL: at or better than this scores 100 */
    expected: z.number(),
    /** MSL: at or worse than this scores 0 */
    minimum: z.number(),
    weight: z.number().positive().default(1),
  })
  .strict()
  .refine((i) => i.expected !== i.minimum, "expected and minimum levels must differ");

const performancePool = z
  .object({
    ...ruleBase,
    kind: z.literal("performance_pool"),
    /** the share of the period's fee held as the pool */
    pool: rational,
    indicators: z.array(indicator).min(1),
    /** score → share of the pool paid; the first row whose minScore the score reaches applies */
    table: z.array(z.object({ minScore: z.number().min(0).max(100), payout: rational }).strict()).min(1),
  })
  .strict()
  .refine((p) => p.table.some((r) => r.minScore === 0), { message: "the table needs a row with minScore 0", path: ["table"] });

export const ruleSchema = z.discriminatedUnion("kind", [delayDamages, serviceCredit, recoveryTime, criticalFailure, performancePool]);
export type Rule = z.output<typeof ruleSchema>;

const ruleset = z
  .object({
    /** first local date these rules apply to (a period is judged by the rules in force at its start) */
    effectiveFrom: localDate,
    label: z.string().optional(),
    rules: z.array(ruleSchema),
  })
  .strict()
  .refine((r) => new Set(r.rules.map((x) => x.id)).size === r.rules.length, { message: "rule ids must be unique within a ruleset", path: ["rules"] });

export const feeSchema = z.union([
  z.object({ kind: z.literal("equal_monthly") }).strict(),
  z.object({ kind: z.literal("monthly"), amountKrw: amountKrw() }).strict(),
]);

export const contractSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and '-' only"),
    title: z.string().min(1),
    titleEn: z.string().min(1).optional(),
    operator: z.string().min(1),
    operatorEn: z.string().min(1).optional(),
    amountKrw: amountKrw(),
    currency: z.literal("KRW").default("KRW"),
    term: z.object({ start: localDate, end: localDate }).strict(),
    timeZone: z.string().default("Asia/Seoul"),
    jurisdiction: z.enum(JURISDICTIONS).default("local"),
    contractType: z.enum(CONTRACT_TYPES).default("services"),
    fee: feeSchema.default({ kind: "equal_monthly" }),
    goLive: z.object({ deadline, actualStart: instant.optional() }).strict().optional(),
    maintenanceNotice: durationMs.optional(),
    /** contract-level minimum: outages shorter than this are not counted */
    minOutage: durationMs.optional(),
    clause: z.string().optional(),
    rulesets: z.array(ruleset).default([]),
    /** a proposed change, reported beside the rules in force (what-if) */
    proposed: z
      .object({ label: z.string().min(1), rules: z.array(ruleSchema) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((c) => c.term.start < c.term.end, { message: "term.start must be before term.end", path: ["term"] })
  .refine((c) => isTimeZone(c.timeZone), { message: "unknown IANA time zone", path: ["timeZone"] })
  .refine((c) => c.rulesets.every((r, i) => i === 0 || c.rulesets[i - 1]!.effectiveFrom < r.effectiveFrom), {
    message: "rulesets must be in order of effectiveFrom",
    path: ["rulesets"],
  });

export type ContractConfig = z.output<typeof contractSchema>;

const sourceSchema = z.object({ title: z.string().min(1), url: z.url().optional(), date: localDate.optional() }).strict();

export const reportedIncidentSchema = z
  .object({
    id: z.string().min(1),
    functions: functionKeys,
    start: instant,
    end: instant,
    summary: z.string().min(1),
    summaryEn: z.string().min(1).optional(),
    sources: z.array(sourceSchema).min(1, "a reported incident needs at least one source"),
  })
  .strict()
  .refine((i) => Date.parse(i.start) < Date.parse(i.end), { message: "start must be before end", path: ["end"] });

export const maintenanceSchema = z
  .object({ id: z.string().min(1), start: instant, end: instant, announcedAt: instant, note: z.string().optional() })
  .strict()
  .refine((m) => Date.parse(m.start) < Date.parse(m.end), { message: "start must be before end", path: ["end"] });

export const forceMajeureSchema = z
  .object({ id: z.string().min(1), start: instant, end: instant, reason: z.string().min(1, "force majeure needs a reason") })
  .strict()
  .refine((m) => Date.parse(m.start) < Date.parse(m.end), { message: "start must be before end", path: ["end"] });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where a service's results come from when the ledger did not measure them: reconstructed from a
 * public timeline, or reported by others. Every page, report and feed then says so, with the sources.
 */
export const provenanceSchema = z
  .object({
    kind: z.enum(["measured", "reconstructed", "reported"]),
    sources: z.array(sourceSchema).default([]),
  })
  .strict()
  .refine((p) => p.kind === "measured" || p.sources.length > 0, { message: "reconstructed or reported results need at least one source", path: ["sources"] });
