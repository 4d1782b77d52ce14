import type { Db } from "@/lib/db";

/** What a probe's stored status says, as it stood at a past instant. */
export type StatusAt = { state: string; since: Date; lastResultAt: Date; lastLatencyMs: number | null; lastError: string | null };

/**
 * Each probe's status as of `at`, read from its raw results (a replay of a past
 * instant: the stored status is only the present one). The state is its last
 * result's at or before `at`; it began with the first result after the last one
 * in another state. A probe with no result by then (or whose results were pruned)
 * has none, and shows as without data. Three indexed reads per probe.
 */
export async function statusesAt(db: Db, probeIds: number[], at: Date): Promise<Map<number, StatusAt>> {
  const out = new Map<number, StatusAt>();
  await Promise.all(
    probeIds.map(async (probeId) => {
      const last = await db.result.findFirst({
        where: { probeId, at: { lte: at } },
        orderBy: { at: "desc" },
        select: { at: true, state: true, latencyMs: true, errorClass: true, message: true },
      });
      if (!last) return;
      const before = await db.result.findFirst({ where: { probeId, at: { lte: at }, NOT: { state: last.state } }, orderBy: { at: "desc" }, select: { at: true } });
      const first = await db.result.findFirst({
        where: { probeId, at: { gt: before?.at ?? new Date(0), lte: at } },
        orderBy: { at: "asc" },
        select: { at: true },
      });
      out.set(probeId, {
        state: last.state,
        since: first?.at ?? last.at,
        lastResultAt: last.at,
        lastLatencyMs: last.latencyMs,
        // as the stored status words it (lib/store/record-results.ts)
        lastError: last.errorClass ? `${last.errorClass}: ${last.message ?? ""}`.slice(0, 500) : null,
      });
    }),
  );
  return out;
}

/**
 * An outage as it stood at `at`: one that ended later was still open then, measured up to `at`.
 * Null for one that had not begun.
 */
export function outageAsOf<T extends { startedAt: Date; endedAt: Date | null; measuredUntil: Date | null }>(o: T, at: Date): T | null {
  if (o.startedAt > at) return null;
  if (o.endedAt && o.endedAt <= at) return o;
  if (!o.endedAt && (!o.measuredUntil || o.measuredUntil <= at)) return o;
  return { ...o, endedAt: null, measuredUntil: at };
}
