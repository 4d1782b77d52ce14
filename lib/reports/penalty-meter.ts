import { penaltyMeter, type PenaltyMeter } from "@/core/accounting/penalty-meter";
import type { Month } from "@/core/accounting/periods";
import { localDateOf } from "@/core/time-zone";
import type { Db } from "@/lib/db";
import { ReportError, serviceReport } from "./service-report";

/**
 * The penalty meter of a service as of an instant: the report of the month that
 * instant falls in (in the contract's time zone), reduced to its growing lines.
 * Null when no contract covers that month or it has not begun.
 */
export async function servicePenaltyMeter(db: Db, slug: string, asOf: Date): Promise<PenaltyMeter | null> {
  const service = await db.service.findUnique({ where: { slug }, select: { contracts: { select: { timeZone: true, termStart: true, termEnd: true } } } });
  if (!service) throw new ReportError("not_found", `no service "${slug}"`);
  const contract = service.contracts.find((c) => c.termStart.getTime() <= asOf.getTime() && asOf.getTime() < c.termEnd.getTime()) ?? service.contracts[0];
  if (!contract) return null;
  const day = localDateOf(asOf, contract.timeZone);
  const month: Month = { year: day.year, month: day.month };
  try {
    return penaltyMeter(await serviceReport(db, slug, month, asOf));
  } catch (err) {
    if (err instanceof ReportError && err.code !== "not_found") return null;
    throw err;
  }
}
