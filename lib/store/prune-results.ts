import { addUtcDays, utcDay, utcDayWindow, type DayLeaf } from "@/core/ledger/day-root";
import type { RetentionConfig } from "@/core/config/resolve";
import type { Db } from "@/lib/db";

export type PruneSummary = { days: number; deleted: number; kept: number; segments: number };

/**
 * Deletes raw results older than the retention, one probe-day per transaction,
 * oldest first. A probe-day is pruned only once it is rolled up (its run
 * segments keep the accounting exact) and its UTC day has a root. What is
 * deleted is kept as chain segments (PrunedSegment): consecutive seqs, cut at
 * every seq a daily root names, so verification walks across the gap and still
 * checks each root. Results inside a measured outage are its evidence and stay
 * until the service's contract term has ended plus `evidenceYearsAfterTerm`.
 */
export async function pruneRawResults(db: Db, opts: { now: number; retention: RetentionConfig; maxDays?: number }): Promise<PruneSummary> {
  const firstKept = addUtcDays(utcDay(opts.now), -opts.retention.rawResultsDays);
  const summary: PruneSummary = { days: 0, deleted: 0, kept: 0, segments: 0 };
  // Days without results have nothing to prune: marked in one statement.
  await db.rollupDay.updateMany({
    where: { day: { lt: firstKept }, rawPruned: false, stale: false, up: 0, degraded: 0, down: 0, unknown: 0 },
    data: { rawPruned: true },
  });
  const due = await db.rollupDay.findMany({
    where: { day: { lt: firstKept }, rawPruned: false, stale: false },
    orderBy: [{ day: "asc" }, { probeId: "asc" }],
    take: opts.maxDays ?? 5_000,
    select: { id: true, probeId: true, day: true },
  });
  if (due.length === 0) return summary;
  const rootDays = new Set((await db.ledgerRoot.findMany({ where: { day: { gte: due[0]!.day } }, select: { day: true } })).map((r) => r.day));
  const leafSeqs = await rootLeafSeqs(db);
  const probes = new Map(
    (await db.probe.findMany({ select: { id: true, key: true, functionId: true, service: { select: { contracts: { select: { termEnd: true } } } } } })).map(
      (p) => [p.id, p],
    ),
  );

  for (const d of due) {
    if (!rootDays.has(d.day)) continue; // roots first: a root is computed from the raw results
    const probe = probes.get(d.probeId)!;
    const leaves = leafSeqs.get(probe.key) ?? new Set<number>();
    const w = utcDayWindow(d.day);
    const termEnd = Math.max(0, ...probe.service.contracts.map((c) => c.termEnd.getTime()));
    const r = await db.$transaction(
      async (tx) => {
        const outages = await tx.outage.findMany({
          where: {
            functionId: probe.functionId,
            source: "MEASURED",
            startedAt: { lt: new Date(w.end) },
            OR: [{ endedAt: null }, { endedAt: { gte: new Date(w.start) } }],
          },
          select: { startedAt: true, endedAt: true },
        });
        const evidence = outages
          .filter((o) => o.endedAt === null || addYears(Math.max(termEnd, o.endedAt.getTime()), opts.retention.evidenceYearsAfterTerm) > opts.now)
          .map((o) => ({ start: o.startedAt.getTime(), end: o.endedAt?.getTime() ?? Infinity }));
        const rows = await tx.result.findMany({
          where: { probeId: d.probeId, at: { gte: new Date(w.start), lt: new Date(w.end) } },
          select: { id: true, seq: true, at: true, prevHash: true, hash: true },
          orderBy: { seq: "asc" },
        });
        // The resolving run sits exactly at endedAt and belongs to the evidence (the outage page shows it).
        const prunable = rows.filter((row) => !evidence.some((e) => row.at.getTime() >= e.start && row.at.getTime() <= e.end));
        const segments: { first: (typeof rows)[number]; last: (typeof rows)[number]; count: number }[] = [];
        for (const row of prunable) {
          const cur = segments.at(-1);
          if (cur && row.seq === cur.last.seq + 1 && !leaves.has(cur.last.seq)) {
            cur.last = row;
            cur.count++;
          } else segments.push({ first: row, last: row, count: 1 });
        }
        for (const s of segments) {
          await tx.prunedSegment.create({
            data: {
              probeId: d.probeId,
              firstSeq: s.first.seq,
              lastSeq: s.last.seq,
              count: s.count,
              firstAt: s.first.at,
              lastAt: s.last.at,
              firstPrevHash: s.first.prevHash,
              lastHash: s.last.hash,
              prunedAt: new Date(opts.now),
            },
          });
        }
        // A segment is a run of consecutive seqs, all prunable: delete it by its range.
        for (const s of segments) await tx.result.deleteMany({ where: { probeId: d.probeId, seq: { gte: s.first.seq, lte: s.last.seq } } });
        await tx.rollupDay.update({ where: { id: d.id }, data: { rawPruned: true } });
        return { deleted: prunable.length, kept: rows.length - prunable.length, segments: segments.length };
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    summary.days++;
    summary.deleted += r.deleted;
    summary.kept += r.kept;
    summary.segments += r.segments;
  }
  return summary;
}

/** Per probe key, every seq a stored root names. */
async function rootLeafSeqs(db: Db): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>();
  const roots = await db.ledgerRoot.findMany({ select: { leaves: true } });
  for (const r of roots) for (const l of JSON.parse(r.leaves) as DayLeaf[]) (out.get(l.probe) ?? out.set(l.probe, new Set()).get(l.probe)!).add(l.seq);
  return out;
}

function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}
