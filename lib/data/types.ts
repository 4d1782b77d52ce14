import type { DisplayState } from "@/core/function-state";
import type { Provenance, ProvenanceSource } from "@/core/provenance";

/** Shapes the pages and the JSON API read. Dates are ISO strings so they serialise as they are. */
export type FunctionNow = {
  key: string;
  name: string;
  nameEn: string;
  critical: boolean;
  state: DisplayState;
  /** when the current state began (ISO), null without data */
  since: string | null;
  lastResultAt: string | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  intervalSec: number | null;
  /** the location of the latest result */
  location: string | null;
  /** each location probing the function and its state there now; `state` combines them by the service's quorum */
  locations: { key: string; state: DisplayState }[];
};

export type ServiceSummary = {
  slug: string;
  name: string;
  nameEn: string;
  operator: string;
  operatorEn: string;
  description: string;
  state: DisplayState;
  functions: FunctionNow[];
  openOutages: number;
  /** where the results come from; RECONSTRUCTED and REPORTED carry their sources */
  provenance: Provenance;
  provenanceSources: ProvenanceSource[];
};

export type DayBarView = {
  /** local date YYYY-MM-DD in the service's time zone */
  date: string;
  downSec: number;
  measuredSec: number;
  /** 0..1, null when nothing was measured that day */
  availability: number | null;
};

export type LatencyPoint = { hourStart: string; p50: number | null; p95: number | null; samples: number };

/** One local calendar day's latency: `date` in the service's time zone, `start` its first instant. */
export type DailyLatencyPoint = { date: string; start: string; p50: number | null; p95: number | null; samples: number };

export type OutageView = {
  id: number;
  functionKey: string;
  functionName: string;
  functionNameEn: string;
  source: "MEASURED" | "REPORTED";
  /** REPORTED for a reported incident; otherwise the provenance of the results it was found in */
  provenance: Provenance;
  startedAt: string;
  confirmedAt: string | null;
  endedAt: string | null;
  /** downtime in whole seconds: start to end (while unresolved: to now, at most to the last result) less unmeasuredSec */
  durationSec: number;
  /** time inside the outage the monitor did not measure (no data, or its own failures): never downtime */
  unmeasuredSec: number;
  /** while unresolved: the end of what the results cover so far */
  measuredUntil: string | null;
  ongoing: boolean;
  failures: number;
  errorClass: string | null;
  message: string | null;
};

/** An outage as the service page lists it: with what the operator did about it. */
type OperatorResponse = {
  /** when the operator acknowledged it, null if nobody has */
  acknowledgedAt: string | null;
  /** the state of the latest dispute against it, null if none */
  dispute: "OPEN" | "ACCEPTED" | "REJECTED" | null;
};
// Spelled out as one object type (not an intersection) so the API schema can be checked against it exactly.
export type ServiceOutageView = { [K in keyof (OutageView & OperatorResponse)]: (OutageView & OperatorResponse)[K] };

export type ServiceDetail = ServiceSummary & {
  timeZone: string;
  homepage: string | null;
  generatedAt: string;
  /** per function: its 90 daily bars, their availability together (core/daily-availability.ts) and its blips in that span */
  days: { functionKey: string; bars: DayBarView[]; availability: number | null; blips: number }[];
  latency: { functionKey: string; points: LatencyPoint[] }[];
  latencyDaily: { functionKey: string; points: DailyLatencyPoint[] }[];
  outages: ServiceOutageView[];
  blipsLast90Days: number;
  contract: {
    title: string;
    /** the English title, when the configuration gives one */
    titleEn: string | null;
    operator: string;
    operatorEn: string | null;
    amountKrw: string;
    termStart: string;
    termEnd: string;
    goLiveDeadline: string | null;
    actualStart: string | null;
  } | null;
};
