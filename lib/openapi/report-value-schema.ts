import { z } from "zod";
import type { ContractToDate } from "@/core/accounting/report-types";
import type { Note, NoteCode, Value } from "@/core/accounting/report-values";

/** The typed values of a report (core/accounting/report-values.ts): one schema each, checked against the types in schemas.ts. */
const NOTE_CODES = [
  "rate_over_ceiling",
  "cap_over_ceiling",
  "nothing_eligible",
  "low_coverage",
  "indicator_unmeasured",
  "no_ruleset",
  "unknown_reported_function",
  "pruned",
  "excused_day",
  "credit_tier",
  "no_tier",
  "pool_indicator",
  "pool_payout",
  "recovery_outage",
  "maintenance_in_time",
  "maintenance_late",
  "force_majeure",
  "dispute_accepted",
  "blip",
  "combine_any",
  "combine_all",
] as const satisfies readonly NoteCode[];

export const noteSchema: z.ZodType<Note> = z.lazy(() =>
  z
    .strictObject({ code: z.enum(NOTE_CODES), params: z.record(z.string(), valueSchema) })
    .describe("a sentence as a code and its values; documents word it in their language"),
);

export const valueSchema: z.ZodType<Value> = z.lazy(() =>
  z
    .discriminatedUnion("type", [
      z.strictObject({ type: z.literal("amount"), krw: z.number().int() }),
      z.strictObject({ type: z.literal("percent"), num: z.string(), den: z.string() }).describe("an exact share num / den, shown as a percentage"),
      z.strictObject({ type: z.literal("rate"), text: z.string() }).describe('a rate as the contract writes it: "1.3/1000", "10%"'),
      z.strictObject({ type: z.literal("duration"), ms: z.number() }),
      z.strictObject({ type: z.literal("instant"), at: z.iso.datetime() }),
      z.strictObject({ type: z.literal("date"), date: z.string() }),
      z.strictObject({ type: z.literal("count"), n: z.number(), unit: z.enum(["day", "hour", "outage", "blip", "run"]) }),
      z.strictObject({ type: z.literal("number"), n: z.number() }),
      z.strictObject({ type: z.literal("code"), text: z.string() }),
      z.strictObject({ type: z.literal("text"), text: z.string() }),
      z.strictObject({ type: z.literal("functions"), keys: z.array(z.string()) }),
      z.strictObject({ type: z.literal("list"), items: z.array(valueSchema) }),
      z.strictObject({ type: z.literal("note"), note: noteSchema }),
    ])
    .describe("a typed input: amounts in integer KRW, instants in ISO 8601"),
);

export const contractToDateSchema = z
  .strictObject({
    daysTotal: z.number().int(),
    daysBefore: z.number().int(),
    daysThisPeriod: z.number().int(),
    uncappedKrw: z.number().int(),
    capKrw: z.number().int(),
    cappedKrw: z.number().int(),
    chargedBeforeKrw: z.number().int(),
    thisPeriodKrw: z.number().int(),
    capReachedBefore: z.boolean(),
    capReachedNow: z.boolean(),
  })
  .describe("a rule capped over the whole contract: the account to date, thisPeriodKrw = cappedKrw − chargedBeforeKrw") satisfies z.ZodType<ContractToDate>;
