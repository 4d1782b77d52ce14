import { z } from "zod";
import { instant } from "./config/field-hints";
import { PROBE_STATES } from "./probe-result";

/**
 * One line of a results file (JSON Lines): one probe run. `at` carries its offset
 * so the file is unambiguous wherever it is read. Documented in docs/results-file.md.
 */
export const resultsLineSchema = z
  .object({
    service: z.string().min(1),
    function: z.string().min(1),
    location: z.string().min(1).optional(),
    at: instant,
    state: z.enum(PROBE_STATES),
    latencyMs: z.number().int().min(0).nullable().optional(),
    httpStatus: z.number().int().min(100).max(599).nullable().optional(),
    error: z.string().nullable().optional(),
    /** "readiness": a run of a changeover's readiness probe (never counted against the SLA) */
    purpose: z.enum(["sla", "readiness"]).default("sla"),
  })
  .strict();

export type ResultsLine = z.output<typeof resultsLineSchema>;
