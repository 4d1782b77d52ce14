import type { PeriodFigures } from "./availability";
import type { Provenance, ProvenanceSource } from "../provenance";
import type { Note, Value } from "./report-values";

/**
 * A rule whose cap runs over the whole contract (delay damages): the account to date, so a reader sees how
 * this period's amount follows from the running total, the cap and what earlier periods already charged.
 */
export type ContractToDate = {
  /** late days from the first one to the end of this period (or the as-of instant) */
  daysTotal: number;
  daysBefore: number;
  daysThisPeriod: number;
  /** what all those days come to without the cap */
  uncappedKrw: number;
  capKrw: number;
  /** min(uncapped, cap) */
  cappedKrw: number;
  /** charged in earlier periods (their capped running total) */
  chargedBeforeKrw: number;
  /** cappedKrw − chargedBeforeKrw */
  thisPeriodKrw: number;
  /** the cap was already reached before this period: nothing more can be charged */
  capReachedBefore: boolean;
  /** the cap is reached within this period */
  capReachedNow: boolean;
};

/** One amount the contract says is owed, with everything needed to check it by hand. */
export type MoneyLine = {
  ruleId: string;
  kind: "delay_damages" | "service_credit" | "recovery_time" | "performance_pool";
  clause: string;
  /** terms the contract does not state clearly: shown for illustration, not counted in the total */
  illustrative: boolean;
  countReported: boolean;
  /** whether the rule's condition was met (late, below target, over the limit, score short) */
  breached: boolean;
  /** every input, by a stable key, as a typed value (rendered per language) */
  inputs: Record<string, Value>;
  /** the arithmetic with the numbers filled in, one per language */
  formula: string;
  formulaKo: string;
  amountKrw: number;
  /** for a rule capped over the whole contract: the account to date */
  toDate?: ContractToDate;
  /** still growing (a go-live not yet made, an outage still open) */
  accruing: boolean;
  /**
   * While accruing: the next instant the amount grows (midnight in the contract's time zone for
   * delay damages; the next started hour of an open outage, if it stays down) and the period's
   * amount from then on. Null when not accruing, capped, or the step falls in the next period.
   */
  nextStep: { at: string; amountKrw: number } | null;
  warnings: Note[];
};

export type FlagLine = {
  ruleId: string;
  kind: "critical_failure";
  clause: string;
  illustrative: boolean;
  triggered: boolean;
  inputs: Record<string, Value>;
  formula: string;
  formulaKo: string;
};

export type OutageLine = {
  functions: string[];
  /** "service": several functions' outages that the service's figures count as one */
  level: "function" | "service";
  source: "MEASURED" | "REPORTED";
  /** MEASURED, or RECONSTRUCTED / REPORTED when the results it was found in were not measured by the ledger */
  provenance: Provenance;
  /** the whole outage, even where it reaches into another period */
  start: string;
  end: string | null;
  /** downtime inside the whole outage, excused and unmeasured time taken out */
  downtimeSec: number;
  /** the part of it inside this period */
  periodDowntimeSec: number;
  /** excused time inside the outage (maintenance announced in time, force majeure, accepted disputes) */
  excusedSec: number;
  /** the period whose rules price it: the one it ends in */
  belongsTo: "earlier" | "this" | "later";
  /** the excused spans (maintenance announced in time, force majeure, accepted disputes) it overlaps */
  excusedBy: { id: string; kind: string }[];
  summary?: string;
  sources?: { title: string; url?: string; date?: string }[];
};

export type FunctionReport = { key: string; name: string; nameEn: string; critical: boolean; figures: PeriodFigures };

export type ServiceReport = {
  service: { slug: string; name: string; nameEn: string };
  /** where the results behind every figure come from (core/provenance.ts) */
  provenance: Provenance;
  provenanceSources: ProvenanceSource[];
  contract: { key: string; title: string; operator: string; amountKrw: number; termStart: string; termEnd: string; jurisdiction: string; contractType: string };
  period: { month: string; start: string; end: string; timeZone: string; partial: boolean; asOf: string };
  ruleset: { effectiveFrom: string; label: string | null } | null;
  fee: { amountKrw: number; formula: string; formulaKo: string };
  functions: FunctionReport[];
  serviceFigures: PeriodFigures;
  outages: OutageLine[];
  excused: { id: string; kind: string; start: string; end: string; excused: boolean; why: string; whyKo: string; reason: Note }[];
  /** failures too short to confirm an outage, per function and location, that began in the period */
  blips: BlipLine[];
  money: MoneyLine[];
  flags: FlagLine[];
  totalKrw: number;
  /** illustrative lines, summed apart */
  illustrativeTotalKrw: number;
  whatIf: { label: string; money: MoneyLine[]; flags: FlagLine[]; totalKrw: number; illustrativeTotalKrw: number } | null;
  warnings: Note[];
  methodology: string[];
  /** the same method in Korean, for Korean documents */
  methodologyKo: string[];
};

export type BlipLine = { functionKey: string; location: string; start: string; end: string; failures: number };
