import { encodeSegments, toSegments } from "@/core/accounting/run-segments";
import { addUtcDays, utcDay, utcDayWindow } from "@/core/ledger/day-root";
import type { ProbeState } from "@/core/probe-result";
import { addToFigures, emptyFigures, type RollupFigures } from "@/core/rollup-figures";
import type { Db } from "@/lib/db";

const MINUTE_MS = 60_000;

/** A UTC day is closed (rolled up, rooted) this long after its end: its last runs have been written by then. */
export const DAY_CLOSE_GRACE_MS = 5 * 60_000;

/** The last UTC day that is complete at `now`, allowing `graceMs` for its last results to be written. */
export function lastCompleteDay(now: number, graceMs: number): string {
  return addUtcDays(utcDay(now - graceMs), -1);
}

/**
 * Rolls up every complete UTC day not rolled up yet (or made stale by a late
 * result): per probe and day, the minute roll-ups, the day roll-up and the
 * day's run segments, from the raw results, one transaction per probe-day.
 * Raw results must still be there: a day is only pruned once rolled up.
 */
export async function rollUpCompleteDays(db: Db, opts: { now: number; graceMs: number; maxDays?: number }): Promise<{ rolled: number }> {
  const last = lastCompleteDay(opts.now, opts.graceMs);
  const maxDays = opts.maxDays ?? 400;
  let rolled = 0;
  const stale = await db.rollupDay.findMany({ where: { stale: true, rawPruned: false }, select: { probeId: true, day: true } });
  for (const s of stale) {
    await rollUpDay(db, s.probeId, s.day, opts.now);
    rolled++;
  }
  const probes = await db.probe.findMany({ select: { id: true } });
  const latest = new Map((await db.rollupDay.groupBy({ by: ["probeId"], _max: { day: true } })).map((g) => [g.probeId, g._max.day]));
  for (const { id } of probes) {
    const after = latest.get(id);
    let from = after ? utcDayWindow(addUtcDays(after, 1)).start : 0;
    for (let n = 0; n < maxDays; n++) {
      // Jump to the next day that has results: a probe that stopped costs one query, not one per day.
      const next = await db.result.findFirst({ where: { probeId: id, at: { gte: new Date(from) } }, orderBy: { at: "asc" }, select: { at: true } });
      if (!next) break;
      const day = utcDay(next.at.getTime());
      if (day > last) break;
      await rollUpDay(db, id, day, opts.now);
      rolled++;
      from = utcDayWindow(day).end;
    }
  }
  return { rolled };
}

/** One probe-day, from its raw results. */
export async function rollUpDay(db: Db, probeId: number, day: string, now: number): Promise<void> {
  const w = utcDayWindow(day);
  await db.$transaction(
    async (tx) => {
      const done = await tx.rollupDay.findUnique({ where: { probeId_day: { probeId, day } }, select: { rawPruned: true, stale: true } });
      if (done && (done.rawPruned || !done.stale)) return;
      const rows = await tx.result.findMany({
        where: { probeId, at: { gte: new Date(w.start), lt: new Date(w.end) } },
        select: { at: true, state: true, intervalSec: true, latencyMs: true },
        orderBy: { at: "asc" },
      });
      const dayFig = emptyFigures();
      const minutes = new Map<number, RollupFigures>();
      for (const r of rows) {
        addToFigures(dayFig, r);
        const m = Math.floor(r.at.getTime() / MINUTE_MS) * MINUTE_MS;
        let f = minutes.get(m);
        if (!f) minutes.set(m, (f = emptyFigures()));
        addToFigures(f, r);
      }
      const segments = toSegments(rows.map((r) => ({ at: r.at.getTime(), state: r.state as ProbeState, intervalMs: r.intervalSec * 1000 })));
      await tx.rollupMinute.deleteMany({ where: { probeId, minuteStart: { gte: new Date(w.start), lt: new Date(w.end) } } });
      if (minutes.size > 0)
        await tx.rollupMinute.createMany({
          data: [...minutes].map(([m, f]) => ({ probeId, minuteStart: new Date(m), ...f, histogram: JSON.stringify(f.histogram) })),
        });
      const data = { ...dayFig, histogram: JSON.stringify(dayFig.histogram), segments: encodeSegments(segments), stale: false, computedAt: new Date(now) };
      await tx.rollupDay.upsert({ where: { probeId_day: { probeId, day } }, create: { probeId, day, ...data }, update: data });
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
