import type { Beat } from "@/core/health/readiness";
import type { Db } from "@/lib/db";

/**
 * The instance's processes saying they are alive: one row per role ("worker",
 * "alerter"), rewritten every few seconds. /readyz reads them, and each process
 * watches the other's (lib/health/watch-instance.ts).
 */
export async function writeBeat(db: Db, role: string, beat: { now: number; pid: number; startedAt: number }): Promise<void> {
  const at = new Date(beat.now);
  await db.processBeat.upsert({
    where: { role },
    create: { role, at, pid: beat.pid, startedAt: new Date(beat.startedAt) },
    update: { at, pid: beat.pid, startedAt: new Date(beat.startedAt) },
  });
}

export async function readBeats(db: Db): Promise<(Beat & { staleAlertedAt: number | null })[]> {
  const rows = await db.processBeat.findMany({ orderBy: { role: "asc" } });
  return rows.map((r) => ({ role: r.role, at: r.at.getTime(), staleAlertedAt: r.staleAlertedAt?.getTime() ?? null }));
}

/**
 * Claims the alert that `role` stopped: true for exactly one caller per stale spell, however many
 * watchers look (one conditional UPDATE). The claim holds until the role beats again and the
 * recovery is claimed (claimRecovery).
 */
export async function claimStaleAlert(db: Db, role: string, staleBefore: number, now: number): Promise<boolean> {
  const { count } = await db.processBeat.updateMany({
    where: { role, at: { lt: new Date(staleBefore) }, staleAlertedAt: null },
    data: { staleAlertedAt: new Date(now) },
  });
  return count === 1;
}

/** Claims the alert that `role`, alerted as stopped, beats again. */
export async function claimRecovery(db: Db, role: string, freshSince: number): Promise<boolean> {
  const { count } = await db.processBeat.updateMany({
    where: { role, at: { gte: new Date(freshSince) }, staleAlertedAt: { not: null } },
    data: { staleAlertedAt: null },
  });
  return count === 1;
}
