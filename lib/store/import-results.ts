import type { LedgerConfig } from "@/core/config/resolve";
import type { ProbeResult } from "@/core/probe-result";
import { IMPORT_CLOCK_SKEW_MS, resultWindow } from "@/core/result-window";
import type { Db } from "@/lib/db";
import { readResultsFile } from "@/lib/results-file/read-results-file";
import { recordResultsIn, type ProbeRef } from "./record-results";
import { readinessRefs, recordReadiness } from "./record-readiness";
import { syncConfig } from "./sync-config";

const CHUNK = 2000;

/**
 * Imports a results file: validates every line first, then writes the new
 * results in one transaction (all or nothing). Results already stored (same
 * probe and instant) are skipped, so importing a file twice changes nothing.
 * A line dated before 2000 or after `now` plus IMPORT_CLOCK_SKEW_MS is a bad line.
 */
export async function importResults(
  db: Db,
  config: LedgerConfig,
  file: string,
  opts: { now?: Date } = {},
): Promise<{ read: number; imported: number; skipped: number; readiness: number }> {
  const window = resultWindow({ now: (opts.now ?? new Date()).getTime(), skewMs: IMPORT_CLOCK_SKEW_MS });
  const { results, readiness } = await readResultsFile(file, config, { window });
  await syncConfig(db, config);
  const rows = await db.probe.findMany({ select: { id: true, key: true, functionId: true, serviceId: true, confirm: true } });
  const refs = new Map<string, ProbeRef>(rows.map((r) => [r.key, { id: r.id, functionId: r.functionId, serviceId: r.serviceId, confirm: r.confirm }]));

  const fresh: ProbeResult[] = [];
  for (const [key, ref] of refs) {
    const mine = results.filter((r) => r.probeKey === key);
    if (mine.length === 0) continue;
    const first = mine.reduce((m, r) => Math.min(m, r.at.getTime()), Infinity);
    const last = mine.reduce((m, r) => Math.max(m, r.at.getTime()), -Infinity);
    const existing = await db.result.findMany({ where: { probeId: ref.id, at: { gte: new Date(first), lte: new Date(last) } }, select: { at: true } });
    const have = new Set(existing.map((e) => e.at.getTime()));
    fresh.push(...mine.filter((r) => !have.has(r.at.getTime())));
  }
  fresh.sort((a, b) => a.at.getTime() - b.at.getTime());
  if (fresh.length > 0) {
    await db.$transaction(
      async (tx) => {
        for (let i = 0; i < fresh.length; i += CHUNK) await recordResultsIn(tx, refs, fresh.slice(i, i + CHUNK));
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  }
  // Readiness runs go to their own table (a run stored before is kept once).
  if (readiness.length > 0) {
    const defs = config.services.flatMap((svc) => svc.changeover?.readinessProbes ?? []);
    await recordReadiness(db, await readinessRefs(db, defs), readiness);
  }
  return { read: results.length, imported: fresh.length, skipped: results.length - fresh.length, readiness: readiness.length };
}
