import { clip, totalMs, union, type Span } from "@/core/accounting/intervals";
import type { DisplayState } from "@/core/function-state";
import { outageDown } from "@/core/outage-extent";
import type { Db } from "@/lib/db";
import { listServices } from "./services";

/**
 * The compare page: every service with its operator, state now and the last 30
 * days as measured. The 30-day availability here is the site's own measure
 * (1 − core-function downtime ÷ time measured), from outage intervals and the
 * hourly roll-ups; it is not a contract figure (no excused time, no rules).
 */
export const COMPARE_DAYS = 30;
const HOUR_MS = 3_600_000;

export type CompareRow = {
  slug: string;
  name: string;
  nameEn: string;
  operator: string;
  operatorEn: string;
  state: DisplayState;
  openOutages: number;
  /** 0..1, null when nothing was measured in the window */
  availability: number | null;
  downtimeSec: number;
  measuredSec: number;
  outages: number;
  longest: { id: number; durationSec: number; ongoing: boolean; functionKey: string } | null;
};

export type CompareData = { from: string; to: string; rows: CompareRow[] };

export async function compareServices(db: Db, now: Date): Promise<CompareData> {
  // Whole UTC hours, so the roll-ups and the outage window cover the same time.
  const from = Math.ceil((now.getTime() - COMPARE_DAYS * 86_400_000) / HOUR_MS) * HOUR_MS;
  const window: Span = { start: from, end: now.getTime() };
  const summaries = await listServices(db, now);
  const services = await db.service.findMany({
    select: { slug: true, functions: { select: { id: true, key: true, critical: true, probes: { select: { id: true } } } } },
  });
  const bySlug = new Map(services.map((s) => [s.slug, s]));
  const probeIds = services.flatMap((s) => s.functions.flatMap((f) => f.probes.map((p) => p.id)));
  const [rollups, outages] = await Promise.all([
    db.rollupHour.findMany({ where: { probeId: { in: probeIds }, hourStart: { gte: new Date(from) } }, select: { probeId: true, hourStart: true, measuredSec: true } }),
    db.outage.findMany({
      where: { source: "MEASURED", startedAt: { lt: now }, OR: [{ endedAt: null }, { endedAt: { gt: new Date(from) } }] },
      select: { id: true, functionId: true, startedAt: true, endedAt: true, measuredUntil: true, unmeasured: true },
    }),
  ]);

  const rows = summaries.map((s): CompareRow => {
    const svc = bySlug.get(s.slug);
    const fns = svc?.functions ?? [];
    const core = fns.some((f) => f.critical) ? fns.filter((f) => f.critical) : fns;
    const fnOfProbe = new Map(fns.flatMap((f) => f.probes.map((p) => [p.id, f.id] as const)));
    const mine = outages.filter((o) => fns.some((f) => f.id === o.functionId));
    const measured = measuredSeconds(
      core.map((f) => f.id),
      rollups.filter((r) => fnOfProbe.has(r.probeId)).map((r) => ({ functionId: fnOfProbe.get(r.probeId)!, hourStart: r.hourStart.getTime(), measuredSec: r.measuredSec })),
    );
    const coreIds = new Set(core.map((f) => f.id));
    const downSpans = mine.filter((o) => coreIds.has(o.functionId)).flatMap((o) => outageDown(o, now).down);
    const downtimeSec = Math.floor(totalMs(clip(union(downSpans), window)) / 1000);
    let longest: CompareRow["longest"] = null;
    for (const o of mine) {
      const durationSec = outageDown(o, now).downSec;
      if (!longest || durationSec > longest.durationSec) longest = { id: o.id, durationSec, ongoing: o.endedAt === null, functionKey: fns.find((f) => f.id === o.functionId)?.key ?? "" };
    }
    return {
      slug: s.slug,
      name: s.name,
      nameEn: s.nameEn,
      operator: s.operator,
      operatorEn: s.operatorEn,
      state: s.state,
      openOutages: s.openOutages,
      availability: availability30(downtimeSec, measured),
      downtimeSec,
      measuredSec: measured,
      outages: mine.length,
      longest,
    };
  });
  return { from: new Date(from).toISOString(), to: now.toISOString(), rows };
}

/**
 * Seconds in which every core function was measured: per hour, the least of the
 * functions' measured seconds (a function measured from several locations counts
 * the best-covered location). A lower bound, which keeps availability honest.
 */
export function measuredSeconds(coreFunctionIds: number[], rollups: { functionId: number; hourStart: number; measuredSec: number }[]): number {
  if (coreFunctionIds.length === 0) return 0;
  const perHour = new Map<number, Map<number, number>>();
  for (const r of rollups) {
    const h = perHour.get(r.hourStart) ?? perHour.set(r.hourStart, new Map()).get(r.hourStart)!;
    h.set(r.functionId, Math.max(h.get(r.functionId) ?? 0, r.measuredSec));
  }
  let total = 0;
  for (const h of perHour.values()) total += Math.min(HOUR_MS / 1000, ...coreFunctionIds.map((id) => h.get(id) ?? 0));
  return total;
}

/** 1 − downtime ÷ measured, kept within [0, 1]; null without measurements. */
export function availability30(downtimeSec: number, measuredSec: number): number | null {
  if (measuredSec <= 0) return null;
  return Math.min(1, Math.max(0, 1 - downtimeSec / measuredSec));
}

export type CompareSort = "operator" | "availability" | "outages";

export function sortCompare(rows: CompareRow[], sort: CompareSort, lang: "ko" | "en"): CompareRow[] {
  const name = (r: CompareRow) => (lang === "ko" ? r.name : r.nameEn);
  const op = (r: CompareRow) => (lang === "ko" ? r.operator : r.operatorEn);
  const copy = [...rows];
  if (sort === "availability") copy.sort((a, b) => (a.availability ?? 2) - (b.availability ?? 2) || name(a).localeCompare(name(b), lang));
  else if (sort === "outages") copy.sort((a, b) => b.outages - a.outages || name(a).localeCompare(name(b), lang));
  else copy.sort((a, b) => op(a).localeCompare(op(b), lang) || name(a).localeCompare(name(b), lang));
  return copy;
}
