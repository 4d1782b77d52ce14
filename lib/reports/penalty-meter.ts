import { penaltyMeter, type OpenOutage, type PenaltyMeter } from "@/core/accounting/penalty-meter";
import type { ContractConfig } from "@/core/config/contract-schema";
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
  const service = await db.service.findUnique({
    where: { slug },
    select: { id: true, contracts: { select: { timeZone: true, termStart: true, termEnd: true, definition: true } } },
  });
  if (!service) throw new ReportError("not_found", `no service "${slug}"`);
  const contract = service.contracts.find((c) => c.termStart.getTime() <= asOf.getTime() && asOf.getTime() < c.termEnd.getTime()) ?? service.contracts[0];
  if (!contract) return null;
  const day = localDateOf(asOf, contract.timeZone);
  const month: Month = { year: day.year, month: day.month };
  try {
    const minOutageMs = (JSON.parse(contract.definition) as ContractConfig).minOutage ?? 0;
    return penaltyMeter(await serviceReport(db, slug, month, asOf), await openOutagesAt(db, service.id, asOf, minOutageMs));
  } catch (err) {
    if (err instanceof ReportError && err.code !== "not_found") return null;
    throw err;
  }
}

/**
 * The measured outages confirmed by `asOf` and not ended by then. One shorter than the contract's minimum is
 * not downtime yet: it counts from start + minimum if it stays down (measured time; a hole in the results
 * would push that later, which the report then shows).
 */
async function openOutagesAt(db: Db, serviceId: number, asOf: Date, minOutageMs: number): Promise<OpenOutage[]> {
  const rows = await db.outage.findMany({
    where: {
      serviceId,
      source: "MEASURED",
      startedAt: { lte: asOf },
      OR: [{ confirmedAt: null }, { confirmedAt: { lte: asOf } }],
      AND: [{ OR: [{ endedAt: null }, { endedAt: { gt: asOf } }] }],
    },
    select: { startedAt: true, confirmedAt: true, function: { select: { key: true } } },
    orderBy: { startedAt: "asc" },
    take: 50,
  });
  return rows.map((o) => {
    const countsFrom = o.startedAt.getTime() + minOutageMs;
    return {
      functionKey: o.function.key,
      startedAt: o.startedAt.toISOString(),
      confirmedAt: o.confirmedAt?.toISOString() ?? null,
      countsFrom: countsFrom > asOf.getTime() ? new Date(countsFrom).toISOString() : null,
    };
  });
}
