import type { ContractConfig } from "../config/contract-schema";
import type { PeriodFigures } from "./availability";
import type { StateTimeline } from "./combine";
import type { Span } from "./intervals";

/**
 * An outage as the money rules see it: DOWN time joined across unmeasured holes, whole (never a month's
 * piece). `downMs` leaves out unmeasured and excused time. `ongoing`: not yet answered correctly as of the
 * report. `belongsTo`: the period that prices it, the one it ends in ("this" for one still open in the
 * current period, provisionally).
 */
export type OutageSpan = { start: number; end: number; downMs: number; excusedMs: number; ongoing: boolean; belongsTo: "earlier" | "this" | "later" };

/** The view of some functions, combined, that one rule judges. */
export type Scope = {
  functions: string[];
  /** over the period extended back by the look-back (for rolling windows and outages begun earlier) */
  timeline: StateTimeline;
  /** the period's figures */
  figures: PeriodFigures;
  outages: OutageSpan[];
};

export type RuleContext = {
  contract: ContractConfig;
  amountKrw: bigint;
  feeKrw: bigint;
  timeZone: string;
  /** the period judged, cut at `asOf` for the current month */
  period: Span;
  /** the end of the whole period (the month's end), even when `period` is cut at `asOf` */
  periodEnd: number;
  asOf: number;
  /** maintenance announced in time and force majeure: never counted against the operator */
  excused: Span[];
  scope: (opts: { functions?: string[]; combine: "any" | "all"; countReported: boolean }) => Scope;
  latencyP95: (functions: string[], window: Span) => number | null;
};

export const krw = (n: bigint | number) =>
  BigInt(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
