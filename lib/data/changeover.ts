import { answersCorrectly, type ReadinessStatus } from "@/core/changeover/readiness";
import type { ProbeState } from "@/core/probe-result";
import type { Db } from "@/lib/db";
import type { StoredChangeover } from "@/lib/store/sync-config";

export type ReadinessRowView = { functionKey: string; status: ReadinessStatus; latencyMs: number | null; httpStatus: number | null; errorClass: string | null };
export type ChangeoverView = StoredChangeover & {
  /** go-live is past its deadline and the service has not started (as of `now`) */
  late: boolean;
  /** the service started (as of `now`) */
  live: boolean;
  readiness: ReadinessRowView[];
};

const OK: ProbeState[] = ["UP", "DEGRADED"];
const FAIL: ProbeState[] = ["DOWN"];

/**
 * The changeover of a service and where each watched function of the new
 * operator stands. The same answer as core/changeover/readiness.ts over all
 * runs, read with a few indexed queries per function instead of every run.
 */
export async function changeoverOf(db: Db, slug: string, now: Date): Promise<ChangeoverView | null> {
  const service = await db.service.findUnique({ where: { slug }, select: { id: true, accounting: true } });
  if (!service) return null;
  const stored = (JSON.parse(service.accounting) as { changeover?: StoredChangeover | null }).changeover ?? null;
  if (!stored) return null;
  const deadline = new Date(stored.readinessDeadline);
  const readiness: ReadinessRowView[] = [];
  for (const functionKey of stored.readinessFunctions) {
    const where = { serviceId: service.id, functionKey, at: { lte: now } };
    const measured = { ...where, state: { not: "UNKNOWN" } };
    const [last, atDeadline] = await Promise.all([
      db.readinessResult.findFirst({ where: measured, orderBy: { at: "desc" } }),
      db.readinessResult.findFirst({ where: { ...measured, at: { lte: deadline < now ? deadline : now } }, orderBy: { at: "desc" }, select: { state: true } }),
    ]);
    const deadlineState = atDeadline ? (answersCorrectly(atDeadline.state as ProbeState) ? "ready" : "not_ready") : "unmeasured";
    if (!last) {
      readiness.push({ functionKey, status: { state: "unmeasured", since: null, lastAt: null, atDeadline: deadlineState }, latencyMs: null, httpStatus: null, errorClass: null });
      continue;
    }
    const ok = answersCorrectly(last.state as ProbeState);
    const other = await db.readinessResult.findFirst({ where: { ...where, at: { lt: last.at }, state: { in: ok ? FAIL : OK } }, orderBy: { at: "desc" }, select: { at: true } });
    const first = await db.readinessResult.findFirst({ where: { ...where, at: other ? { gt: other.at, lte: last.at } : { lte: last.at }, state: { in: ok ? OK : FAIL } }, orderBy: { at: "asc" }, select: { at: true } });
    readiness.push({
      functionKey,
      status: { state: ok ? "ready" : "not_ready", since: (first ?? last).at.getTime(), lastAt: last.at.getTime(), atDeadline: deadlineState },
      latencyMs: last.latencyMs,
      httpStatus: last.httpStatus,
      errorClass: last.errorClass,
    });
  }
  const live = stored.actualStart !== null && Date.parse(stored.actualStart) <= now.getTime();
  return { ...stored, live, late: !live && now.getTime() > Date.parse(stored.goLiveDeadline), readiness };
}
