import { addUtcDays, rootOfRoots, utcDay, utcDayWindow, type DayLeaf } from "@/core/ledger/day-root";
import { EARLIEST_RESULT_AT } from "@/core/result-window";
import type { Db } from "@/lib/db";
import { lastCompleteDay } from "./roll-up-days";

export type StoredRoot = { day: string; root: string; leaves: DayLeaf[]; probes: number; computedAt: Date };

/**
 * Computes the root of every complete UTC day that has none yet, oldest first.
 * A root, once stored, is never recomputed: it is what was published, and
 * verification checks the chain against it. Results for a day that arrive after
 * its root (a probe agent that was offline) are on the chain after the head the
 * root names, and the next day's root covers them. Roots start at the first day
 * with a result on or after EARLIEST_RESULT_AT: a result dated year 1 (stored
 * before dates were checked) must not send the job through two thousand years.
 */
export async function computeDailyRoots(db: Db, opts: { now: number; graceMs: number; maxDays?: number }): Promise<StoredRoot[]> {
  const last = lastCompleteDay(opts.now, opts.graceMs);
  const newest = await db.ledgerRoot.findFirst({ orderBy: { day: "desc" }, select: { day: true } });
  const floor = new Date(EARLIEST_RESULT_AT);
  let day: string;
  if (newest && newest.day >= utcDay(EARLIEST_RESULT_AT)) day = addUtcDays(newest.day, 1);
  else {
    const first = await db.result.findFirst({ where: { at: { gte: floor } }, orderBy: { at: "asc" }, select: { at: true } });
    const firstPruned = await db.prunedSegment.findFirst({ where: { firstAt: { gte: floor } }, orderBy: { firstAt: "asc" }, select: { firstAt: true } });
    const t = Math.min(first?.at.getTime() ?? Infinity, firstPruned?.firstAt.getTime() ?? Infinity);
    if (t === Infinity) return [];
    day = utcDay(t);
  }
  const out: StoredRoot[] = [];
  const maxDays = opts.maxDays ?? 400;
  for (let n = 0; day <= last && n < maxDays; n++, day = addUtcDays(day, 1)) out.push(await computeRoot(db, day, opts.now));
  return out;
}

async function computeRoot(db: Db, day: string, now: number): Promise<StoredRoot> {
  const end = new Date(utcDayWindow(day).end);
  return db.$transaction(async (tx) => {
    const probes = await tx.probe.findMany({ select: { id: true, key: true } });
    const leaves: DayLeaf[] = [];
    for (const p of probes) {
      const [row, seg] = await Promise.all([
        tx.result.findFirst({ where: { probeId: p.id, at: { lt: end } }, orderBy: { seq: "desc" }, select: { seq: true, hash: true } }),
        tx.prunedSegment.findFirst({ where: { probeId: p.id, lastAt: { lt: end } }, orderBy: { lastSeq: "desc" }, select: { lastSeq: true, lastHash: true } }),
      ]);
      const head = !seg || (row && row.seq > seg.lastSeq) ? row : { seq: seg.lastSeq, hash: seg.lastHash };
      if (head) leaves.push({ probe: p.key, seq: head.seq, hash: head.hash });
    }
    leaves.sort((a, b) => (a.probe < b.probe ? -1 : a.probe > b.probe ? 1 : 0));
    const root = rootOfRoots(day, leaves);
    const row = await tx.ledgerRoot.create({ data: { day, root, leaves: JSON.stringify(leaves), probes: leaves.length, computedAt: new Date(now) } });
    return { day, root, leaves, probes: row.probes, computedAt: row.computedAt };
  });
}

/** Stored roots of the days in [from, to), oldest first. */
export async function listRoots(db: Db, range: { from?: string; to?: string } = {}): Promise<StoredRoot[]> {
  const rows = await db.ledgerRoot.findMany({ where: { day: { gte: range.from, lt: range.to } }, orderBy: { day: "asc" } });
  return rows.map((r) => ({ day: r.day, root: r.root, leaves: JSON.parse(r.leaves) as DayLeaf[], probes: r.probes, computedAt: r.computedAt }));
}
