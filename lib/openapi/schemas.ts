import { z } from "zod";
import type { PeriodFigures } from "@/core/accounting/availability";
import { agentBatchSchema, agentResultSchema } from "@/core/agent-batch";
import type { BatchOutcome } from "@/lib/agents/receive-batch";
import type { PenaltyMeter } from "@/core/accounting/penalty-meter";
import type { FlagLine, FunctionReport, MoneyLine, OutageLine, ServiceReport } from "@/core/accounting/report-types";
import { DISPLAY_STATES } from "@/core/function-state";
import { PROBE_STATES } from "@/core/probe-result";
import { PROVENANCES } from "@/core/provenance";
import { citizenReportsSchema, reportAcceptedSchema, reportChallengeSchema } from "./citizen-schemas";
import { contractToDateSchema, noteSchema, valueSchema } from "./report-value-schema";
import type { AuditView } from "@/lib/data/audit";
import type { ResultRow } from "@/lib/data/exports";
import type { LedgerRootList, LedgerRootView } from "@/lib/data/ledger-roots";
import type { DayBarView, FunctionNow, LatencyPoint, OutageView, ServiceDetail, ServiceSummary } from "@/lib/data/types";

/**
 * The response shapes of the public API as zod schemas. The OpenAPI document's
 * components are generated from them (lib/openapi/document.ts); the type checks
 * at the bottom fail the build when a schema and the TypeScript type the code
 * returns part ways, and tests/open-data parse real responses with them
 * (objects are strict: an undocumented field fails too).
 */

const instant = z.iso.datetime().describe("an instant in UTC, ISO 8601 (RFC 3339)");
const localDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe("a calendar date YYYY-MM-DD");
const int = z.number().int();

export const displayState = z
  .enum(DISPLAY_STATES)
  .describe(
    "UP, DEGRADED (correct but slow), FAILING (failures not yet confirmed), DOWN (confirmed outage), UNKNOWN (the monitor could not measure), STOPPED (measuring stopped: no result for more than 2 × the interval; lastResultAt is the last measurement), NO_DATA (never measured)",
  );

export const provenance = z
  .enum(PROVENANCES)
  .describe(
    "where the results come from: MEASURED (this ledger's probes), RECONSTRUCTED (rebuilt after the fact from press reports; never a measurement), REPORTED (known from reports by others)",
  );
const provenanceSources = z
  .array(z.strictObject({ title: z.string(), url: z.string().optional(), date: localDay.optional() }))
  .describe("what a RECONSTRUCTED or REPORTED record is based on (articles, statements); empty for MEASURED");

export const apiErrorSchema = z.strictObject({
  error: z.strictObject({
    code: z.string().describe("invalid_parameter, window_too_long, not_found, no_contract, not_begun"),
    message: z.string(),
    parameter: z.string().optional().describe("the query parameter at fault"),
  }),
});

export const functionNowSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  critical: z.boolean(),
  state: displayState,
  since: instant.nullable().describe("when the current state began (while STOPPED: the last measurement); null without data"),
  lastResultAt: instant.nullable(),
  lastLatencyMs: int.nullable(),
  lastError: z.string().nullable(),
  intervalSec: int.nullable().describe("the longest probe interval among the function's locations"),
  location: z.string().nullable().describe("the location of the latest result"),
  locations: z
    .array(z.strictObject({ key: z.string(), state: displayState }))
    .describe("each location probing the function and its state there; `state` combines them by the service's quorum"),
});

export const serviceSummarySchema = z.strictObject({
  slug: z.string(),
  name: z.string(),
  nameEn: z.string(),
  operator: z.string(),
  operatorEn: z.string(),
  description: z.string(),
  state: displayState.describe("the worst state among the critical functions"),
  functions: z.array(functionNowSchema),
  openOutages: int.describe("measured outages not yet ended"),
  provenance: provenance.describe("where the service's results come from: RECONSTRUCTED results are not measurements, whatever the figures say"),
  provenanceSources,
});

export const serviceListSchema = z.strictObject({ generatedAt: instant, services: z.array(serviceSummarySchema) });

export const dayBarSchema = z.strictObject({
  date: localDay.describe("local date in the service's time zone"),
  downSec: int,
  measuredSec: int,
  availability: z.number().min(0).max(1).nullable().describe("1 − down / measured; null when nothing was measured that day"),
});

export const latencyPointSchema = z.strictObject({ hourStart: instant, p50: z.number().nullable(), p95: z.number().nullable(), samples: int });

export const outageViewSchema = z.strictObject({
  id: int,
  functionKey: z.string(),
  functionName: z.string(),
  functionNameEn: z.string(),
  source: z.enum(["MEASURED", "REPORTED"]).describe("found in the results (MEASURED), or a reported incident"),
  provenance: provenance.describe("REPORTED for a reported incident; otherwise the provenance of the results it was found in"),
  startedAt: instant,
  confirmedAt: instant.nullable(),
  endedAt: instant.nullable(),
  durationSec: int.describe("downtime in whole seconds: start to end (while unresolved: to now, at most to the last result) less unmeasuredSec"),
  unmeasuredSec: int.describe("time inside the outage the monitor did not measure (no data, or its own failures); never downtime"),
  measuredUntil: instant.nullable().describe("while unresolved: the end of what the results cover so far"),
  ongoing: z.boolean().describe("not yet resolved: nothing has answered correctly since"),
  failures: int,
  errorClass: z.string().nullable(),
  message: z.string().nullable(),
});

export const dailyLatencyPointSchema = z.strictObject({
  date: localDay.describe("local date in the service's time zone"),
  start: instant.describe("the day's first instant"),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  samples: int,
});

export const serviceOutageViewSchema = outageViewSchema.extend({
  acknowledgedAt: instant.nullable().describe("when the operator acknowledged the outage; null if nobody has"),
  dispute: z.enum(["OPEN", "ACCEPTED", "REJECTED"]).nullable().describe("the state of the latest dispute against it; null if none"),
});

export const serviceDetailSchema = serviceSummarySchema.extend({
  timeZone: z.string(),
  homepage: z.string().nullable(),
  generatedAt: instant,
  days: z
    .array(
      z.strictObject({
        functionKey: z.string(),
        bars: z.array(dayBarSchema),
        availability: z.number().min(0).max(1).nullable().describe("1 − Σ downtime ÷ Σ measured time over the 90 bars; null when nothing was measured"),
        blips: int.describe("short failures that recovered before confirmation, in the same 90 days"),
      }),
    )
    .describe("90 daily bars per function"),
  latency: z.array(z.strictObject({ functionKey: z.string(), points: z.array(latencyPointSchema) })).describe("hourly latency percentiles, last 48 hours"),
  latencyDaily: z
    .array(z.strictObject({ functionKey: z.string(), points: z.array(dailyLatencyPointSchema) }))
    .describe("daily latency percentiles (all of a day's samples), last 90 days"),
  outages: z.array(serviceOutageViewSchema).describe("the 50 most recent outages, newest first"),
  blipsLast90Days: int,
  contract: z
    .strictObject({
      title: z.string(),
      titleEn: z.string().nullable(),
      operator: z.string(),
      operatorEn: z.string().nullable(),
      amountKrw: z.string().regex(/^\d+$/).describe("integer KRW as a decimal string"),
      termStart: instant,
      termEnd: instant,
      goLiveDeadline: instant.nullable(),
      actualStart: instant.nullable(),
    })
    .nullable(),
});

export const outageListSchema = z.strictObject({ generatedAt: instant, from: instant, to: instant, outages: z.array(outageViewSchema) });

const inputs = z.record(z.string(), valueSchema).describe("every input by a stable key, as a typed value");

export const periodFiguresSchema = z.strictObject({
  periodSec: z.number(),
  downtimeSec: z.number(),
  excusedSec: z.number(),
  noDataSec: z.number(),
  unknownSec: z.number(),
  eligibleSec: z.number(),
  coverage: z.number().describe("measured / period"),
  availability: z.number().nullable().describe("1 − downtime / eligible; null when nothing was eligible"),
  downtimeMs: z.number(),
  eligibleMs: z.number(),
});

export const moneyLineSchema = z.strictObject({
  ruleId: z.string(),
  kind: z.enum(["delay_damages", "service_credit", "recovery_time", "performance_pool"]),
  clause: z.string(),
  illustrative: z.boolean().describe("terms the contract does not state clearly: not counted in the total"),
  countReported: z.boolean(),
  breached: z.boolean(),
  inputs,
  formula: z.string(),
  formulaKo: z.string(),
  amountKrw: int,
  toDate: contractToDateSchema.optional(),
  accruing: z.boolean(),
  nextStep: z
    .strictObject({ at: instant, amountKrw: int })
    .nullable()
    .describe("while accruing: the next instant the amount grows and the period's amount from then on"),
  warnings: z.array(noteSchema),
});

export const penaltyMeterSchema = z.strictObject({
  slug: z.string(),
  month: z.string().describe("the report month the meter is taken from, YYYY-MM"),
  asOf: instant,
  timeZone: z.string(),
  lateGoLive: z.boolean(),
  openOutage: z.boolean(),
  lines: z.array(moneyLineSchema).describe("the report's accruing delay-damages and recovery-time lines"),
  totalKrw: int,
  illustrativeTotalKrw: int,
  openOutages: z
    .array(
      z.strictObject({
        functionKey: z.string(),
        startedAt: instant,
        confirmedAt: instant.nullable(),
        countsFrom: instant
          .nullable()
          .describe("while shorter than the contract's minimum outage (not yet downtime): when it becomes downtime if it stays down; null once it is"),
      }),
    )
    .describe("measured outages confirmed and still open as of asOf, shown from their confirmation whether or not a rule prices them yet"),
});

// What a route adds to the answer it builds: a copy from the page cache also has Last-Modified and Age.
const generatedAt = instant.describe("when the server built this answer");
export const penaltyMeterResponseSchema = penaltyMeterSchema.extend({ generatedAt });

export const flagLineSchema = z.strictObject({
  ruleId: z.string(),
  kind: z.literal("critical_failure"),
  clause: z.string(),
  illustrative: z.boolean(),
  triggered: z.boolean(),
  inputs,
  formula: z.string(),
  formulaKo: z.string(),
});

export const outageLineSchema = z.strictObject({
  functions: z.array(z.string()),
  level: z.enum(["function", "service"]).describe("service: several functions' outages that the service's figures count as one"),
  source: z.enum(["MEASURED", "REPORTED"]),
  provenance: provenance.describe("REPORTED for a reported incident; otherwise the provenance of the results it was found in"),
  start: instant.describe("the whole outage's start, even in an earlier period"),
  end: instant.nullable().describe("the whole outage's end; null while it is still open"),
  downtimeSec: z.number().describe("downtime of the whole outage, excused and unmeasured time left out"),
  periodDowntimeSec: z.number().describe("the part of that downtime inside this period"),
  excusedSec: z.number(),
  belongsTo: z.enum(["earlier", "this", "later"]).describe("the period whose rules price the outage: the one it ends in"),
  excusedBy: z.array(z.strictObject({ id: z.string(), kind: z.string() })).describe("the excused spans it overlaps"),
  summary: z.string().optional(),
  sources: z.array(z.strictObject({ title: z.string(), url: z.string().optional(), date: z.string().optional() })).optional(),
});

export const functionReportSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  critical: z.boolean(),
  figures: periodFiguresSchema,
});

export const serviceReportSchema = z.strictObject({
  service: z.strictObject({ slug: z.string(), name: z.string(), nameEn: z.string() }),
  provenance: provenance.describe("where the results behind every figure come from: RECONSTRUCTED figures are not measurements"),
  provenanceSources,
  contract: z.strictObject({
    key: z.string(),
    title: z.string(),
    operator: z.string(),
    amountKrw: int,
    termStart: localDay,
    termEnd: localDay,
    jurisdiction: z.string(),
    contractType: z.string(),
  }),
  period: z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/), start: instant, end: instant, timeZone: z.string(), partial: z.boolean(), asOf: instant }),
  ruleset: z.strictObject({ effectiveFrom: localDay, label: z.string().nullable() }).nullable(),
  fee: z.strictObject({ amountKrw: int, formula: z.string(), formulaKo: z.string() }),
  functions: z.array(functionReportSchema),
  serviceFigures: periodFiguresSchema,
  outages: z.array(outageLineSchema),
  excused: z.array(
    z.strictObject({
      id: z.string(),
      kind: z.string(),
      start: instant,
      end: instant,
      excused: z.boolean(),
      why: z.string(),
      whyKo: z.string().describe("the same in Korean"),
      reason: noteSchema,
    }),
  ),
  blips: z
    .array(z.strictObject({ functionKey: z.string(), location: z.string(), start: instant, end: instant, failures: int }))
    .describe("failures too short to confirm an outage that began in the period"),
  money: z.array(moneyLineSchema),
  flags: z.array(flagLineSchema),
  totalKrw: int.describe("integer KRW, truncated below 1 won"),
  illustrativeTotalKrw: int,
  whatIf: z
    .strictObject({ label: z.string(), money: z.array(moneyLineSchema), flags: z.array(flagLineSchema), totalKrw: int, illustrativeTotalKrw: int })
    .nullable(),
  warnings: z.array(noteSchema),
  methodology: z.array(z.string()),
  methodologyKo: z.array(z.string()).describe("the same method in Korean"),
});

export const serviceReportResponseSchema = serviceReportSchema.extend({ generatedAt });

export const resultRowSchema = z.strictObject({
  function: z.string(),
  location: z.string(),
  at: instant.describe("start of the run; the result covers [at, at + intervalSec)"),
  state: z.enum(PROBE_STATES),
  latencyMs: int.nullable(),
  httpStatus: int.nullable(),
  errorClass: z.string().nullable(),
  intervalSec: int,
});

export const resultListSchema = z.strictObject({
  generatedAt: instant,
  service: z.string(),
  function: z.string().nullable(),
  from: instant,
  to: instant,
  results: z.array(resultRowSchema),
});

export const agentBatchOutcomeSchema = z.strictObject({
  status: z
    .enum(["accepted", "duplicate", "held"])
    .describe(
      "accepted: stored; duplicate: this batch id was received before (nothing stored again; a held batch stays held); held: kept with its signature, not counted",
    ),
  batchId: z.string(),
  seq: int,
  stored: int.describe("results newly stored (a result already stored for the same probe and instant is not stored again)"),
  skewMs: int.describe("the batch's sentAt minus the server's receive time, in ms: positive when the agent's clock runs ahead"),
  reason: z.string().nullable().describe("why the batch is held: clock_skew, result_after_sending, unknown_probe, inactive_probe, wrong_location"),
  serverTime: instant,
});

export const agentErrorSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(["unsigned", "unknown_agent", "bad_signature", "invalid_batch", "not_canonical", "batch_conflict", "replayed_sequence", "too_large"]),
    message: z.string(),
    lastSeq: int
      .optional()
      .describe("with replayed_sequence and batch_conflict: the highest sequence the server holds from this agent; number the pending batches above it"),
  }),
});

const sha256Hex = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .describe("sha256, 64 lower-case hex digits");

export const ledgerRootSchema = z.strictObject({
  day: localDay.describe("a UTC calendar day YYYY-MM-DD (00:00–24:00 UTC = 09:00–09:00 KST)"),
  root: sha256Hex.describe("the root of roots of the day, over the leaves"),
  probes: int.describe("leaves: probes with at least one result by the end of the day"),
  computedAt: instant,
  leaves: z
    .array(
      z.strictObject({
        probe: z.string().describe("probe key"),
        seq: int.describe("the probe's chain head at the end of the day"),
        hash: sha256Hex.describe("the hash of that result"),
      }),
    )
    .describe("per probe, its chain head at the end of the day (the probe's daily root), by probe key"),
});

export const ledgerRootListSchema = z.strictObject({
  generatedAt: instant,
  from: localDay.describe("first UTC day of the window"),
  to: localDay.describe("the day after the last (half-open)"),
  algorithm: z.string().describe("how the roots are computed, in one paragraph; docs/verify.md in full"),
  roots: z.array(ledgerRootSchema).describe("oldest day first; a day appears once it is complete (a few minutes after 00:00 UTC)"),
});

export const auditEntrySchema = z.strictObject({
  id: int,
  at: instant,
  actorName: z.string().describe("the account's display name when it acted"),
  actorRole: z.string().describe("ADMIN, COUNCIL, OPERATOR, or SYSTEM (the command line)"),
  action: z
    .string()
    .describe(
      "outage.acknowledge, outage.update, dispute.open, dispute.resolve, maintenance.announce, user.create, user.disable, user.enable, user.password_reset, user.password_change",
    ),
  serviceSlug: z.string().nullable(),
  subject: z.string().describe('what it is about: "outage:12", "maintenance:3", "user:4"'),
  details: z.record(z.string(), z.unknown()).describe("what was done, as stored (canonical JSON when hashed)"),
  prevHash: z.string().describe("the hash of the entry before (64 zeros for the first)"),
  hash: z.string().describe('SHA-256 (hex) of prevHash + "\\n" + canonical JSON of { at, actorName, actorRole, action, serviceId, subject, details }'),
});

export const auditLogSchema = z.strictObject({
  generatedAt,
  chain: z.strictObject({ entries: int, intact: z.boolean(), brokenAtId: int.nullable() }),
  entries: z.array(auditEntrySchema),
  older: int.nullable().describe("pass as ?before= for the next page; null at the first entry"),
});

/** Every named schema, under the name it has in components.schemas. */
export const COMPONENT_SCHEMAS = {
  Error: apiErrorSchema,
  DisplayState: displayState,
  FunctionNow: functionNowSchema,
  ServiceSummary: serviceSummarySchema,
  ServiceList: serviceListSchema,
  DayBar: dayBarSchema,
  LatencyPoint: latencyPointSchema,
  OutageView: outageViewSchema,
  ServiceDetail: serviceDetailSchema,
  OutageList: outageListSchema,
  PeriodFigures: periodFiguresSchema,
  MoneyLine: moneyLineSchema,
  PenaltyMeter: penaltyMeterResponseSchema,
  FlagLine: flagLineSchema,
  OutageLine: outageLineSchema,
  FunctionReport: functionReportSchema,
  ServiceReport: serviceReportResponseSchema,
  ResultRow: resultRowSchema,
  ResultList: resultListSchema,
  LedgerRoot: ledgerRootSchema,
  LedgerRootList: ledgerRootListSchema,
  AgentResult: agentResultSchema,
  AgentBatch: agentBatchSchema,
  AgentBatchOutcome: agentBatchOutcomeSchema,
  AgentError: agentErrorSchema,
  AuditEntry: auditEntrySchema,
  AuditLog: auditLogSchema,
  CitizenReports: citizenReportsSchema,
  ReportChallenge: reportChallengeSchema,
  ReportAccepted: reportAcceptedSchema,
} as const;

// Compile-time agreement between the schemas and the types the code returns.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
type Flat<T> = { [K in keyof T]: T[K] };
export type SchemaChecks = [
  Assert<Equals<z.output<typeof ledgerRootSchema>, LedgerRootView>>,
  Assert<Equals<z.output<typeof ledgerRootListSchema>, LedgerRootList>>,
  Assert<Equals<z.output<typeof functionNowSchema>, FunctionNow>>,
  Assert<Equals<z.output<typeof serviceSummarySchema>, ServiceSummary>>,
  Assert<Equals<z.output<typeof dayBarSchema>, DayBarView>>,
  Assert<Equals<z.output<typeof latencyPointSchema>, LatencyPoint>>,
  Assert<Equals<z.output<typeof outageViewSchema>, OutageView>>,
  Assert<Equals<z.output<typeof serviceDetailSchema>, Flat<ServiceDetail>>>,
  Assert<Equals<z.output<typeof periodFiguresSchema>, PeriodFigures>>,
  Assert<Equals<z.output<typeof moneyLineSchema>, MoneyLine>>,
  Assert<Equals<z.output<typeof penaltyMeterSchema>, PenaltyMeter>>,
  Assert<Equals<z.output<typeof flagLineSchema>, FlagLine>>,
  Assert<Equals<z.output<typeof outageLineSchema>, OutageLine>>,
  Assert<Equals<z.output<typeof functionReportSchema>, FunctionReport>>,
  Assert<Equals<z.output<typeof serviceReportSchema>, ServiceReport>>,
  Assert<Equals<z.output<typeof resultRowSchema>, ResultRow>>,
  Assert<Equals<z.output<typeof agentBatchOutcomeSchema>, BatchOutcome>>,
  Assert<Equals<z.output<typeof auditEntrySchema>, AuditView>>,
];
