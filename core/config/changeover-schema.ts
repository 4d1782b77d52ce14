import { z } from "zod";
import { clock, deadline, hourOfDay, instant } from "./field-hints";
import { duration, probeSchema } from "./probe-schema";
import { rational } from "./contract-schema";
import { parseRational } from "../accounting/rational";

const window = z
  .object({ start: instant, end: instant })
  .strict()
  .refine((w) => Date.parse(w.start) < Date.parse(w.end), { message: "start must be before end", path: ["end"] });

/**
 * A scheduled handover from one operator to another. Before go-live the new
 * operator's endpoints are probed as "readiness": stored and shown publicly,
 * never counted against the SLA (the contract's go-live deadline decides the
 * money, core/accounting/rules/delay-damages.ts).
 */
export const changeoverSchema = z
  .object({
    oldOperator: z.string().min(1),
    oldOperatorEn: z.string().min(1).optional(),
    newOperator: z.string().min(1),
    newOperatorEn: z.string().min(1).optional(),
    /** the planned blackout or switching window */
    cutover: window,
    /** the instant the new operator must be live; the contract's goLive.deadline when it has one */
    goLiveDeadline: deadline.optional(),
    /** the instant the new platform must answer correctly (e.g. one month before the operating period) */
    readinessDeadline: deadline,
    /** the new operator's endpoints, probed until go-live; results are kept apart from the SLA's */
    readiness: z
      .object({ probes: z.array(probeSchema).min(1) })
      .strict()
      .optional(),
    /** shown with the panel, e.g. where the readiness history comes from */
    note: z.string().min(1).optional(),
    noteEn: z.string().min(1).optional(),
  })
  .strict();

export type ChangeoverFile = z.output<typeof changeoverSchema>;

/**
 * The intensified watch: probes run at a shorter interval from a changeover's
 * cutover until some days after go-live, and in peak hours. The SLA is
 * accounted the same way (docs/configuration.md, "Intensified watch").
 */
export const watchSchema = z
  .object({
    /** the shorter interval, e.g. 10s */
    interval: duration({ minMs: 1000, maxMs: 3_600_000 }),
    /** with a changeover: watch from the cutover's start until this long after the actual go-live */
    afterGoLive: duration({ minMs: 0, maxMs: 366 * 86_400_000 }).optional(),
    /** peak hours in the contract's time zone (Asia/Seoul without a contract) */
    peaks: z
      .array(
        z
          .object({ days: z.array(z.number().int().min(1).max(31)).min(1), from: clock, to: clock, note: z.string().optional() })
          .strict()
          .refine((p) => p.from < p.to, { message: "from must be before to", path: ["to"] }),
      )
      .default([]),
  })
  .strict();

/**
 * A recurring peak hour whose history is checked for degradation (core/changeover/peak-warning.ts):
 * the public is warned before the next one when the last `months` were all degraded.
 */
export const peakWarningSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and '-'"),
    /** day of the month and local hour of the peak, e.g. the 1st at 09:00 */
    day: z.number().int().min(1).max(31),
    hour: hourOfDay,
    latencyFactor: z.number().gt(1).default(2),
    /** error-rate margin over the month's median hour, e.g. "5%" */
    errorRateAbove: rational.default("5%"),
    months: z.number().int().min(1).max(12).default(3),
    warnBefore: duration({ minMs: 3_600_000, maxMs: 28 * 86_400_000 }).default(3 * 86_400_000),
  })
  .strict()
  .transform((w) => {
    const r = parseRational(w.errorRateAbove)!;
    return { ...w, errorRateAbove: Number(r.num) / Number(r.den) };
  });
