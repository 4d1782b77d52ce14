import type { MoneyLine, ServiceReport } from "./report-types";

/**
 * The live penalty meter: the money lines of the current month's report that are
 * still growing (a go-live not yet made, an outage still open), taken from the
 * report itself, so the meter and the report agree to the won by construction.
 */
export type PenaltyMeter = {
  slug: string;
  month: string;
  asOf: string;
  timeZone: string;
  /** go-live is past its deadline and not yet made, as of `asOf` */
  lateGoLive: boolean;
  /** an outage counted by a recovery-time rule is still open */
  openOutage: boolean;
  /** the accruing lines, in the report's order */
  lines: MoneyLine[];
  /** the accruing lines' amounts, illustrative ones apart */
  totalKrw: number;
  illustrativeTotalKrw: number;
  /**
   * The outages confirmed and still open as of `asOf`, shown from their confirmation on, whether or
   * not a rule prices them yet. `countsFrom`: while shorter than the contract's minimum outage (not yet
   * downtime, so in no line), the instant it becomes downtime if it stays down; null once it is.
   */
  openOutages: OpenOutage[];
};

export type OpenOutage = { functionKey: string; startedAt: string; confirmedAt: string | null; countsFrom: string | null };

const GROWING: MoneyLine["kind"][] = ["delay_damages", "recovery_time"];

export function penaltyMeter(report: ServiceReport, openOutages: OpenOutage[] = []): PenaltyMeter {
  const lines = report.money.filter((m) => m.accruing && GROWING.includes(m.kind));
  const sum = (ls: MoneyLine[]) => ls.reduce((n, l) => n + l.amountKrw, 0);
  return {
    slug: report.service.slug,
    month: report.period.month,
    asOf: report.period.asOf,
    timeZone: report.period.timeZone,
    lateGoLive: lines.some((l) => l.kind === "delay_damages"),
    openOutage: lines.some((l) => l.kind === "recovery_time"),
    lines,
    totalKrw: sum(lines.filter((l) => !l.illustrative)),
    illustrativeTotalKrw: sum(lines.filter((l) => l.illustrative)),
    openOutages,
  };
}
