import { dailyBars, spanAvailability } from "@/core/daily-availability";
import { displayState, serviceState } from "@/core/function-state";
import { functionNow } from "@/core/live-state";
import { outageDown, type StoredOutage } from "@/core/outage-extent";
import { localDateOf } from "@/core/time-zone";
import { outageProvenance, resultsProvenanceOf, type Provenance } from "@/core/provenance";
import type { Db } from "@/lib/db";
import { dailyLatency, hourlyLatency } from "./latency-series";
import { outageAsOf, statusesAt } from "./status-at";
import type { FunctionNow, OutageView, ServiceDetail, ServiceOutageView, ServiceSummary } from "./types";

const DEFAULT_TZ = "Asia/Seoul";
export const HISTORY_DAYS = 90;
export const LATENCY_HOURS = 48;

const probeSelect = { id: true, intervalSec: true, location: { select: { key: true } }, status: { select: { state: true, since: true, lastResultAt: true, lastLatencyMs: true, lastError: true } } } as const;
const functionInclude = {
  orderBy: { sortOrder: "asc" },
  include: { probes: { where: { active: true }, select: probeSelect }, outages: { where: { endedAt: null, source: "MEASURED" }, select: { startedAt: true }, orderBy: { startedAt: "desc" }, take: 1 } },
} as const;

type FunctionRow = {
  key: string;
  name: string;
  nameEn: string;
  critical: boolean;
  probes: { intervalSec: number; location: { key: string }; status: { state: string; since: Date; lastResultAt: Date; lastLatencyMs: number | null; lastError: string | null } | null }[];
  outages: { startedAt: Date }[];
};

/** A function now: each location's state at `now` (stale → STOPPED), combined by the service's quorum (core/live-state.ts). */
function functionNowOf(f: FunctionRow, quorum: number, now: Date): FunctionNow {
  const locations = f.probes.map((p) => {
    const state = displayState({ stored: p.status?.state ?? null, lastResultAt: p.status?.lastResultAt ?? null, intervalSec: p.intervalSec, now });
    // A stopped location is known only up to its last result: that is when its present state began.
    return { state, since: state === "STOPPED" ? (p.status?.lastResultAt ?? null) : state === "NO_DATA" ? null : (p.status?.since ?? null) };
  });
  const live = locations.length > 0 ? functionNow(locations, quorum) : { state: "NO_DATA" as const, since: null };
  const latest = f.probes.filter((p) => p.status).sort((a, b) => b.status!.lastResultAt.getTime() - a.status!.lastResultAt.getTime())[0];
  // While down, the state began when the open outage did (the quorum-th location's outage start, as the reports count it).
  const since = live.state === "DOWN" && f.outages[0] ? f.outages[0].startedAt : live.since;
  return {
    key: f.key,
    name: f.name,
    nameEn: f.nameEn,
    critical: f.critical,
    state: live.state,
    since: since?.toISOString() ?? null,
    lastResultAt: latest?.status?.lastResultAt.toISOString() ?? null,
    lastLatencyMs: latest?.status?.lastLatencyMs ?? null,
    lastError: latest?.status?.lastError ?? null,
    intervalSec: f.probes.length > 0 ? Math.max(...f.probes.map((p) => p.intervalSec)) : null,
    location: latest?.location.key ?? f.probes[0]?.location.key ?? null,
    locations: f.probes.map((p, i) => ({ key: p.location.key, state: locations[i]!.state })),
  };
}

export function quorumOf(accounting: string): number {
  try {
    return (JSON.parse(accounting) as { quorum?: number }).quorum ?? 1;
  } catch {
    return 1;
  }
}

/** Where the service's results come from, as its stored configuration says (MEASURED unless stated). */
export function provenanceOf(accounting: string) {
  try {
    return resultsProvenanceOf(JSON.parse(accounting) as Parameters<typeof resultsProvenanceOf>[0]);
  } catch {
    return resultsProvenanceOf(null);
  }
}

export async function listServices(db: Db, now: Date): Promise<ServiceSummary[]> {
  const services = await db.service.findMany({
    orderBy: { slug: "asc" },
    include: { functions: functionInclude, _count: { select: { outages: { where: { endedAt: null, source: "MEASURED" } } } } },
  });
  return services.map((s) => {
    const functions = s.functions.map((f) => functionNowOf(f, quorumOf(s.accounting), now));
    return {
      slug: s.slug,
      name: s.name,
      nameEn: s.nameEn,
      operator: s.operator,
      operatorEn: s.operatorEn,
      description: s.description,
      state: serviceState(functions),
      functions,
      openOutages: s._count.outages,
      ...provenanceOf(s.accounting),
    };
  });
}

/**
 * One service as of `now`. `replay`: `now` is a past instant (`?at=` on the service page), and every part
 * shows it — function states from the raw results then, bars, latency, outages as they stood then
 * (one that ended later was still open), acknowledgements and disputes made by then, go-live if made by then.
 */
export async function getService(db: Db, slug: string, now: Date, opts: { replay?: boolean } = {}): Promise<ServiceDetail | null> {
  const s = await db.service.findUnique({
    where: { slug },
    include: { functions: functionInclude, contracts: { orderBy: { termStart: "desc" }, take: 1 } },
  });
  if (!s) return null;
  const contract = s.contracts[0] ?? null;
  const timeZone = contract?.timeZone ?? DEFAULT_TZ;
  const historyStart = new Date(now.getTime() - (HISTORY_DAYS + 1) * 86_400_000);

  const probeIds = s.functions.flatMap((f) => f.probes.map((p) => p.id));
  // Bounded by `now` on both sides: a replay sees nothing from after its instant (live, nothing is).
  const [rollups, storedOutages, blipRows, replayed] = await Promise.all([
    db.rollupHour.findMany({ where: { probeId: { in: probeIds }, hourStart: { gte: historyStart, lte: now } }, orderBy: { hourStart: "asc" } }),
    db.outage.findMany({
      where: { serviceId: s.id, startedAt: { lte: now }, OR: [{ endedAt: null }, { endedAt: { gte: historyStart } }] },
      orderBy: { startedAt: "desc" },
      include: {
        function: { select: { key: true, name: true, nameEn: true } },
        acknowledgement: { select: { at: true } },
        disputes: { where: { at: { lte: now } }, select: { status: true }, orderBy: { at: "desc" }, take: 1 },
      },
    }),
    db.blip.groupBy({ by: ["functionId"], where: { function: { serviceId: s.id }, startedAt: { gte: historyStart, lte: now } }, _count: { _all: true } }),
    opts.replay ? statusesAt(db, probeIds, now) : null,
  ]);
  const outageRows = storedOutages.flatMap((o) => outageAsOf(o, now) ?? []);
  const rows = replayed
    ? s.functions.map((f) => ({
        ...f,
        probes: f.probes.map((p) => ({ ...p, status: replayed.get(p.id) ?? null })),
        outages: outageRows.filter((o) => o.functionId === f.id && o.source === "MEASURED" && o.endedAt === null).slice(0, 1),
      }))
    : s.functions;
  const functions = rows.map((f) => functionNowOf(f, quorumOf(s.accounting), now));
  const results = provenanceOf(s.accounting);
  const outages: ServiceOutageView[] = outageRows.map((o) => ({
    ...outageView(o, now, results.provenance),
    acknowledgedAt: o.acknowledgement && o.acknowledgement.at <= now ? o.acknowledgement.at.toISOString() : null,
    dispute: disputeState(o.disputes[0]?.status),
  }));
  const blipsOf = (functionId: number) => blipRows.find((b) => b.functionId === functionId)?._count._all ?? 0;
  const lastDay = localDateOf(now, timeZone);

  const days = s.functions.map((f) => {
    const ids = new Set(f.probes.map((p) => p.id));
    const bars = dailyBars({
      lastDay,
      days: HISTORY_DAYS,
      timeZone,
      now,
      outages: outageRows.filter((o) => o.functionId === f.id && o.source === "MEASURED").flatMap((o) => downIntervals(o, now)),
      coverage: functionCoverage(rollups.filter((r) => ids.has(r.probeId))),
    });
    const views = bars.map((b) => ({ date: b.date, downSec: Math.round(b.downSec), measuredSec: Math.round(b.measuredSec), availability: b.availability }));
    return { functionKey: f.key, bars: views, availability: spanAvailability(views), blips: blipsOf(f.id) };
  });

  const latency = s.functions.map((f) => ({ functionKey: f.key, points: hourlyLatency(rollups, new Set(f.probes.map((p) => p.id)), now, LATENCY_HOURS) }));
  const latencyDaily = s.functions.map((f) => ({
    functionKey: f.key,
    points: dailyLatency(rollups, new Set(f.probes.map((p) => p.id)), now, HISTORY_DAYS, timeZone),
  }));
  const terms = contract ? contractNames(contract.definition) : null;

  return {
    slug: s.slug,
    name: s.name,
    nameEn: s.nameEn,
    operator: s.operator,
    operatorEn: s.operatorEn,
    description: s.description,
    homepage: s.homepage,
    state: serviceState(functions),
    functions,
    openOutages: outages.filter((o) => o.ongoing && o.source === "MEASURED").length,
    ...results,
    timeZone,
    generatedAt: now.toISOString(),
    days,
    latency,
    latencyDaily,
    outages: outages.slice(0, 50),
    blipsLast90Days: blipRows.reduce((n, b) => n + b._count._all, 0),
    contract: contract
      ? {
          title: contract.title,
          titleEn: terms?.titleEn ?? null,
          operator: contract.operator,
          operatorEn: terms?.operatorEn ?? null,
          amountKrw: contract.amountKrw.toString(),
          termStart: contract.termStart.toISOString(),
          termEnd: contract.termEnd.toISOString(),
          goLiveDeadline: contract.goLiveDeadline?.toISOString() ?? null,
          // a go-live made after `now` had not been made then (a replay)
          actualStart: contract.actualStart && contract.actualStart <= now ? contract.actualStart.toISOString() : null,
        }
      : null,
  };
}

/** The contract's English names, as its configuration (stored as JSON) gives them. */
function contractNames(definition: string): { titleEn: string | null; operatorEn: string | null } {
  try {
    const d = JSON.parse(definition) as { titleEn?: string; operatorEn?: string };
    return { titleEn: d.titleEn ?? null, operatorEn: d.operatorEn ?? null };
  } catch {
    return { titleEn: null, operatorEn: null };
  }
}

function disputeState(status: string | undefined): ServiceOutageView["dispute"] {
  return status === "OPEN" || status === "ACCEPTED" || status === "REJECTED" ? status : null;
}

/** An outage's downtime as closed intervals: unmeasured holes left out, as the reports count it. */
export function downIntervals(o: StoredOutage, now: Date): { start: Date; end: Date }[] {
  return outageDown(o, now).down.map((d) => ({ start: new Date(d.start), end: new Date(d.end) }));
}

/**
 * Measured seconds per hour of a function: with several locations the hour counts
 * as measured as far as the best-measuring location measured it (never the sum,
 * which would count the same hour twice).
 */
export function functionCoverage(rollups: { hourStart: Date; measuredSec: number }[]): { hourStart: Date; measuredSec: number }[] {
  const byHour = new Map<number, number>();
  for (const r of rollups) byHour.set(r.hourStart.getTime(), Math.max(byHour.get(r.hourStart.getTime()) ?? 0, r.measuredSec));
  return [...byHour].map(([t, measuredSec]) => ({ hourStart: new Date(t), measuredSec }));
}

type OutageRow = {
  id: number;
  source: string;
  startedAt: Date;
  confirmedAt: Date | null;
  endedAt: Date | null;
  measuredUntil: Date | null;
  unmeasured: string;
  failures: number;
  errorClass: string | null;
  message: string | null;
  function: { key: string; name: string; nameEn: string };
};

function outageView(o: OutageRow, now: Date, results: Provenance): OutageView {
  const d = outageDown(o, now);
  return {
    id: o.id,
    functionKey: o.function.key,
    functionName: o.function.name,
    functionNameEn: o.function.nameEn,
    source: o.source === "REPORTED" ? "REPORTED" : "MEASURED",
    provenance: outageProvenance(o.source, results),
    startedAt: o.startedAt.toISOString(),
    confirmedAt: o.confirmedAt?.toISOString() ?? null,
    endedAt: o.endedAt?.toISOString() ?? null,
    durationSec: d.downSec,
    unmeasuredSec: d.unmeasuredSec,
    measuredUntil: o.endedAt === null ? (o.measuredUntil?.toISOString() ?? null) : null,
    ongoing: o.endedAt === null,
    failures: o.failures,
    errorClass: o.errorClass,
    message: o.message,
  };
}

/** Outages of a service that overlap [from, to): half-open, like every window (docs/methodology.md). */
export async function listOutages(db: Db, slug: string, range: { from: Date; to: Date }, now: Date): Promise<OutageView[] | null> {
  const s = await db.service.findUnique({ where: { slug }, select: { id: true, accounting: true } });
  if (!s) return null;
  const results = provenanceOf(s.accounting).provenance;
  const rows = await db.outage.findMany({
    where: { serviceId: s.id, startedAt: { lt: range.to }, OR: [{ endedAt: null }, { endedAt: { gt: range.from } }] },
    orderBy: { startedAt: "asc" },
    include: { function: { select: { key: true, name: true, nameEn: true } } },
  });
  return rows.map((o) => outageView(o, now, results));
}
