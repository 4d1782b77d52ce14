import { buildReport, IncompleteReading, lookbackMs, periodWindow, type ReportedIncident } from "@/core/accounting/build-report";
import { contractForMonth, termsText } from "@/core/accounting/contract-for-month";
import { note } from "@/core/accounting/report-values";
import type { AcceptedDispute, ForceMajeure, Maintenance } from "@/core/accounting/excused";
import type { Span } from "@/core/accounting/intervals";
import { decodeSegments, type RunSegment } from "@/core/accounting/run-segments";
import { clipSegment } from "@/core/accounting/segment-fold";
import { utcDayWindow } from "@/core/ledger/day-root";
import { addSample, mergeHistograms, quantile, type Histogram } from "@/core/latency-histogram";
import { nearestRank } from "@/core/accounting/percentile";
import { formatMonth, type Month } from "@/core/accounting/periods";
import type { ServiceReport } from "@/core/accounting/report-types";
import type { ContractConfig } from "@/core/config/contract-schema";
import type { ForceMajeureConfig, MaintenanceConfig, ReportedIncidentConfig } from "@/core/config/resolve";
import type { ProbeState } from "@/core/probe-result";
import { resultsProvenanceOf, type ResultsProvenance } from "@/core/provenance";
import type { Db } from "@/lib/db";

export class ReportError extends Error {
  constructor(
    readonly code: "not_found" | "no_contract" | "not_begun",
    message: string,
  ) {
    super(message);
    this.name = "ReportError";
  }
}

/**
 * The contract a report of the month uses (core/accounting/contract-for-month.ts), the same rule for the
 * database and a results file, or why there is none: no term covers the month, or it has not begun.
 */
export function reportContract(slug: string, contracts: readonly ContractConfig[], month: Month, asOf: Date): ContractConfig {
  const contract = contractForMonth(contracts, month);
  if (!contract) throw new ReportError("no_contract", `no contract of "${slug}" covers ${formatMonth(month)} (contracts: ${termsText(contracts)})`);
  if (asOf.getTime() <= periodWindow(contract, month).start) throw new ReportError("not_begun", `${formatMonth(month)} has not begun`);
  return contract;
}

type Accounting = {
  quorum?: number;
  maintenance?: MaintenanceConfig[];
  forceMajeure?: ForceMajeureConfig[];
  incidents?: ReportedIncidentConfig[];
  provenance?: ResultsProvenance;
};

/** The monthly report of a service from the database: the same core as the file-based CLI report. */
export async function serviceReport(db: Db, slug: string, month: Month, asOf: Date): Promise<ServiceReport> {
  const service = await db.service.findUnique({
    where: { slug },
    include: {
      functions: { orderBy: { sortOrder: "asc" } },
      probes: { include: { function: { select: { key: true } }, location: { select: { key: true } } } },
      contracts: true,
    },
  });
  if (!service) throw new ReportError("not_found", `no service "${slug}"`);
  const contracts = service.contracts.map((c) => JSON.parse(c.definition) as ContractConfig);
  const contract = reportContract(slug, contracts, month, asOf);
  const window = periodWindow(contract, month);

  const probeIds = service.probes.map((p) => p.id);
  const fnOfProbe = new Map(service.probes.map((p) => [p.id, p.function.key]));
  const acc = JSON.parse(service.accounting) as Accounting;
  const statements = await operatorStatements(db, service.id);
  const configured = accountingInputs(acc);
  // Whether a probe has runs before the reading is asked only when the reading falls short before the
  // period: until then every probe is taken to have some (the cautious answer).
  let first: Map<number, number> | null = null;

  // The contract's period is the only window the latency rules ask about: its pruned days' latency
  // (histograms) is read once, whatever the reading below becomes.
  const periodSpan: Span = { start: window.start, end: Math.min(window.end, asOf.getTime()) };
  const pruned = await prunedLatency(db, service.probes, periodSpan);

  // Read from a day before the earliest instant the rules look at to a day after the period, and
  // further, doubling, until the reading reaches an instant where the whole service was UP on each
  // side (core/accounting/report-reach.ts): every outage the report judges is then whole.
  let from = window.start - lookbackMs(contract) - DAY;
  let to = Math.min(asOf.getTime(), window.end + DAY);
  let kept: Reading | null = null;
  for (;;) {
    const read = (kept ??= await readRuns(db, probeIds, fnOfProbe, from, to));
    try {
      const report = buildReport({
        service: {
          slug,
          name: service.name,
          nameEn: service.nameEn,
          quorum: acc.quorum ?? 1,
          functions: service.functions.map((f) => ({ key: f.key, name: f.name, nameEn: f.nameEn, critical: f.critical })),
          provenance: resultsProvenanceOf(acc),
        },
        contract,
        month,
        asOf: asOf.getTime(),
        runsFrom: from,
        runsTo: to,
        probes: service.probes.map((p) => ({
          functionKey: p.function.key,
          location: p.location.key,
          confirm: p.confirm,
          historyBefore: first === null || (first.get(p.id) ?? Infinity) < from,
          segments: read.byProbe.get(p.id) ?? [],
        })),
        ...configured,
        maintenance: [...configured.maintenance, ...statements.maintenance],
        disputes: statements.disputes,
        latencyP95: (functions: string[], w: Span) => {
          const samples = functions.flatMap((f) => (read.latency.get(f) ?? []).filter((l) => l.at >= w.start && l.at < w.end).map((l) => l.ms));
          if (!pruned) return nearestRank(samples, 0.95);
          // Part of the period lives only in roll-ups: the percentile comes from the histogram (bucket upper bound, within 9%).
          let h = functions.reduce<Histogram>((acc, f) => mergeHistograms(acc, pruned.get(f) ?? {}), {});
          for (const ms of samples) h = addSample(h, ms);
          return quantile(h, 0.95);
        },
      });
      if (pruned) {
        // Availability and outages come from the stored run segments (exact); latency percentiles from minute roll-ups.
        report.warnings.push(note("pruned"));
      }
      return report;
    } catch (e) {
      if (!(e instanceof IncompleteReading)) throw e;
      // The same start may be whole once the probes without earlier runs are known: learn that first.
      let grew = false;
      if (e.earlier && first === null) first = await firstInstants(db, probeIds);
      else if (e.earlier) {
        // Over a stretch without runs (the months after measuring stopped) in one step, to a day before
        // the last run there is; where runs go on up to the reading, back by doubling.
        const previous = await previousRunAt(db, probeIds, from);
        from = previous !== null && previous < from - DAY ? previous - DAY : from - Math.max(2 * (window.start - from), 7 * DAY);
        grew = true;
      }
      if (e.later) {
        // Where measuring stopped (a past record, a retired probe) nothing lies beyond the reading but
        // silence up to asOf: the same reading then reaches asOf, instead of doubling through years of nothing.
        const next = await nextRunAt(db, probeIds, to);
        const doubled = to + Math.max(2 * (to - window.end), 7 * DAY);
        to = Math.min(asOf.getTime(), next === null ? Infinity : Math.max(doubled, next + DAY));
        grew ||= next !== null;
      }
      if (grew) kept = null;
    }
  }
}

type Reading = { byProbe: Map<number, RunSegment[]>; latency: Map<string, { at: number; ms: number }[]> };

/**
 * Every run of the probes in [from, to), as segments, never expanded: days whose raw results were pruned
 * from their stored run segments (exact for the accounting), raw results elsewhere (a result is a
 * segment of one run); and the latency of the correct runs per function.
 */
async function readRuns(db: Db, probeIds: number[], fnOfProbe: Map<number, string>, from: number, to: number): Promise<Reading> {
  const prunedDays = await db.rollupDay.findMany({
    where: { probeId: { in: probeIds }, rawPruned: true, day: { gte: utcDayOf(new Date(from)), lte: utcDayOf(new Date(to - 1)) } },
    select: { probeId: true, day: true, segments: true },
  });
  const byProbe = new Map<number, RunSegment[]>();
  const push = (probeId: number, s: RunSegment) => (byProbe.get(probeId) ?? byProbe.set(probeId, []).get(probeId)!).push(s);
  for (const d of prunedDays) {
    for (const s of decodeSegments(d.segments)) for (const part of clipSegment(s, from, to)) push(d.probeId, part);
  }
  const prunedKeys = new Set(prunedDays.map((d) => `${d.probeId}:${d.day}`));
  const inPruned = (probeId: number, at: number) => prunedKeys.size > 0 && prunedKeys.has(`${probeId}:${utcDayOf(new Date(at))}`);

  const rows = await db.result.findMany({
    where: { probeId: { in: probeIds }, at: { gte: new Date(from), lt: new Date(to) } },
    select: { probeId: true, at: true, state: true, intervalSec: true, latencyMs: true },
    orderBy: { at: "asc" },
  });
  const latency = new Map<string, { at: number; ms: number }[]>();
  for (const r of rows) {
    if (inPruned(r.probeId, r.at.getTime())) continue; // evidence kept past retention: its day is in the segments
    const at = r.at.getTime();
    push(r.probeId, { start: at, lastAt: at, count: 1, state: r.state as ProbeState, intervalMs: r.intervalSec * 1000 });
    if ((r.state === "UP" || r.state === "DEGRADED") && r.latencyMs !== null) {
      const fn = fnOfProbe.get(r.probeId)!;
      (latency.get(fn) ?? latency.set(fn, []).get(fn)!).push({ at, ms: r.latencyMs });
    }
  }
  for (const list of byProbe.values()) list.sort((a, b) => a.start - b.start);
  return { byProbe, latency };
}

/** Each probe's first stored instant (raw result or pruned day): whether a reading may have missed earlier runs. */
/** The earliest instant at or after `at` where any of the probes has a run (a result or a pruned day), or null. */
async function nextRunAt(db: Db, probeIds: number[], at: number): Promise<number | null> {
  const [result, day] = await Promise.all([
    db.result.findFirst({ where: { probeId: { in: probeIds }, at: { gte: new Date(at) } }, orderBy: { at: "asc" }, select: { at: true } }),
    db.rollupDay.findFirst({
      where: { probeId: { in: probeIds }, rawPruned: true, day: { gte: utcDayOf(new Date(at)) } },
      orderBy: { day: "asc" },
      select: { day: true },
    }),
  ]);
  const instants = [result?.at.getTime(), day ? Math.max(at, utcDayWindow(day.day).start) : undefined].filter((t): t is number => t !== undefined);
  return instants.length > 0 ? Math.min(...instants) : null;
}

/** The latest instant before `at` where any of the probes has a run (a result or the end of a pruned day), or null. */
async function previousRunAt(db: Db, probeIds: number[], at: number): Promise<number | null> {
  const [result, day] = await Promise.all([
    db.result.findFirst({ where: { probeId: { in: probeIds }, at: { lt: new Date(at) } }, orderBy: { at: "desc" }, select: { at: true } }),
    db.rollupDay.findFirst({
      where: { probeId: { in: probeIds }, rawPruned: true, day: { lte: utcDayOf(new Date(at - 1)) } },
      orderBy: { day: "desc" },
      select: { day: true },
    }),
  ]);
  const instants = [result?.at.getTime(), day ? Math.min(at - 1, utcDayWindow(day.day).end - 1) : undefined].filter((t): t is number => t !== undefined);
  return instants.length > 0 ? Math.max(...instants) : null;
}

async function firstInstants(db: Db, probeIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const probeId of probeIds) {
    const [result, day] = await Promise.all([
      db.result.findFirst({ where: { probeId }, orderBy: { at: "asc" }, select: { at: true } }),
      db.rollupDay.findFirst({ where: { probeId, rawPruned: true }, orderBy: { day: "asc" }, select: { day: true } }),
    ]);
    const instants = [result?.at.getTime(), day ? utcDayWindow(day.day).start : undefined].filter((t): t is number => t !== undefined);
    if (instants.length > 0) out.set(probeId, Math.min(...instants));
  }
  return out;
}

/**
 * Latency of the period's pruned UTC days per function, or null when no day of the period was pruned:
 * a whole day from its day roll-up's histogram (which rollUpDay built from the same results as the day's
 * minute roll-ups, so it is their sum), a day the period cuts from its minutes.
 */
async function prunedLatency(db: Db, probes: { id: number; function: { key: string } }[], w: Span): Promise<Map<string, Histogram> | null> {
  const days = await db.rollupDay.findMany({
    where: { probeId: { in: probes.map((p) => p.id) }, rawPruned: true, day: { gte: utcDayOf(new Date(w.start)), lte: utcDayOf(new Date(w.end - 1)) } },
    select: { probeId: true, day: true, histogram: true },
  });
  if (days.length === 0) return null;
  const out = new Map<string, Histogram>();
  for (const key of new Set(probes.map((p) => p.function.key))) {
    const ids = new Set(probes.filter((p) => p.function.key === key).map((p) => p.id));
    let h: Histogram = {};
    const cut: { probeId: number; minuteStart: { gte: Date; lt: Date } }[] = [];
    for (const d of days) {
      if (!ids.has(d.probeId)) continue;
      const day = utcDayWindow(d.day);
      if (day.start >= w.start && day.end <= w.end) h = mergeHistograms(h, JSON.parse(d.histogram) as Histogram);
      else cut.push({ probeId: d.probeId, minuteStart: { gte: new Date(Math.max(day.start, w.start)), lt: new Date(Math.min(day.end, w.end)) } });
    }
    if (cut.length > 0) {
      const minutes = await db.rollupMinute.findMany({ where: { OR: cut }, select: { histogram: true } });
      for (const m of minutes) h = mergeHistograms(h, JSON.parse(m.histogram) as Histogram);
    }
    out.set(key, h);
  }
  return out;
}

const DAY = 86_400_000;

function utcDayOf(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * What the operator said and the admins decided, from the database: maintenance
 * announced through the site (announcedAt is when the site stored it; the
 * contract's notice rule then decides) and outages excused by an accepted dispute.
 */
export async function operatorStatements(db: Db, serviceId: number): Promise<{ maintenance: Maintenance[]; disputes: AcceptedDispute[] }> {
  const [announced, accepted] = await Promise.all([
    db.maintenanceAnnouncement.findMany({ where: { serviceId }, orderBy: { start: "asc" } }),
    db.dispute.findMany({
      where: { status: "ACCEPTED", outage: { serviceId, endedAt: { not: null } } },
      include: { outage: { select: { id: true, startedAt: true, endedAt: true } } },
      orderBy: { id: "asc" },
    }),
  ]);
  return {
    maintenance: announced.map((m) => ({
      id: `announcement-${m.id}`,
      start: m.start.getTime(),
      end: m.end.getTime(),
      announcedAt: m.announcedAt.getTime(),
      note: m.note || undefined,
    })),
    disputes: accepted.map((d) => ({
      id: `dispute-${d.id}`,
      start: d.outage.startedAt.getTime(),
      end: d.outage.endedAt!.getTime(),
      reason: d.resolution ?? "",
      dispute: d.id,
      outage: d.outage.id,
    })),
  };
}

export function accountingInputs(acc: Accounting): { maintenance: Maintenance[]; forceMajeure: ForceMajeure[]; reported: ReportedIncident[] } {
  return {
    maintenance: (acc.maintenance ?? []).map((m) => ({
      id: m.id,
      start: Date.parse(m.start),
      end: Date.parse(m.end),
      announcedAt: Date.parse(m.announcedAt),
      note: m.note,
    })),
    forceMajeure: (acc.forceMajeure ?? []).map((f) => ({ id: f.id, start: Date.parse(f.start), end: Date.parse(f.end), reason: f.reason })),
    reported: (acc.incidents ?? []).map((i) => ({
      id: i.id,
      functions: i.functions,
      start: Date.parse(i.start),
      end: Date.parse(i.end),
      summary: i.summary,
      sources: i.sources,
    })),
  };
}
