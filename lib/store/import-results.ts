import type { LedgerConfig } from "@/core/config/resolve";
import type { ProbeResult } from "@/core/probe-result";
import { IMPORT_CLOCK_SKEW_MS, resultWindow } from "@/core/result-window";
import { sqliteDriver, type Db } from "@/lib/db";
import { ResultsFileError, scanResultsFile } from "@/lib/results-file/read-results-file";
import { PART_LIMITS, recordResultsIn, type PartLimits, type ProbeRef, type RecordOptions } from "./record-results";
import { sqliteRowWriter } from "./result-rows";
import { readinessRefs, recordReadiness } from "./record-readiness";
import { syncConfig } from "./sync-config";

/** Results written at a time through Prisma, and through the SQLite driver (its statements bind no lists). */
const CHUNK = 2000;
const DRIVER_CHUNK = 20_000;

/**
 * Imports a results file of any size in bounded memory, all or nothing. The file is read twice: first
 * every line is checked (each probe's results in time order, none dated before 2000 or after `now`
 * plus IMPORT_CLOCK_SKEW_MS) and one bad line stops it with every bad line named; then the results are
 * written in one transaction, 20,000 at a time on SQLite (through the driver) or 2,000 (through Prisma). Results already stored (same probe and instant) are
 * skipped, so importing a file twice changes nothing.
 */
export async function importResults(
  db: Db,
  config: LedgerConfig,
  file: string,
  opts: {
    now?: Date;
    /** false: through Prisma even on SQLite (the reference the equality test compares with) */
    driver?: boolean;
    /** results per write (default 2,000 through Prisma, 20,000 through the driver) and the parts they are cut into */
    chunk?: number;
    parts?: PartLimits;
  } = {},
): Promise<{ read: number; imported: number; skipped: number; readiness: number }> {
  const window = resultWindow({ now: (opts.now ?? new Date()).getTime(), skewMs: IMPORT_CLOCK_SKEW_MS });
  const checked = await scanResultsFile(file, config, { window, inTimeOrder: true }, () => undefined);
  if (checked.issueCount > 0) throw new ResultsFileError(file, checked.issues, checked.issueCount);

  await syncConfig(db, config);
  const rows = await db.probe.findMany({ select: { id: true, key: true, functionId: true, serviceId: true, confirm: true } });
  const refs = new Map<string, ProbeRef>(rows.map((r) => [r.key, { id: r.id, functionId: r.functionId, serviceId: r.serviceId, confirm: r.confirm }]));

  // On SQLite the raw rows go through prepared statements on the client's own connection, in its
  // transaction (lib/store/result-rows.ts): Prisma's work per row was most of an import's time.
  const driver = opts.driver === false ? null : sqliteDriver(db);
  const chunkSize = opts.chunk ?? (driver ? DRIVER_CHUNK : CHUNK);
  const rowOpts: Pick<RecordOptions, "rows" | "limits"> = driver
    ? { rows: sqliteRowWriter(driver), limits: opts.parts ?? { probes: PART_LIMITS.probes, probeHours: Infinity, results: chunkSize } }
    : { limits: opts.parts };
  let read = 0;
  let imported = 0;
  const readiness: ProbeResult[] = [];
  await db.$transaction(
    async (tx) => {
      let chunk: ProbeResult[] = [];
      const flush = async () => {
        if (chunk.length === 0) return;
        // results already stored are skipped inside (same probe and instant)
        await recordResultsIn(tx, refs, chunk, { ...rowOpts, onStored: (n) => (imported += n) });
        chunk = [];
      };
      const again = await scanResultsFile(file, config, { window, inTimeOrder: true }, async (r) => {
        if (r.readiness) return void readiness.push(r.result);
        read++;
        chunk.push(r.result);
        if (chunk.length >= chunkSize) await flush();
      });
      // the file changed between the two readings: nothing of it is kept
      if (again.issueCount > 0) throw new ResultsFileError(file, again.issues, again.issueCount);
      await flush();
    },
    { timeout: 60 * 60_000, maxWait: 60_000 },
  );
  // Readiness runs go to their own table (a run stored before is kept once).
  if (readiness.length > 0) {
    const defs = config.services.flatMap((svc) => svc.changeover?.readinessProbes ?? []);
    await recordReadiness(db, await readinessRefs(db, defs), readiness);
  }
  return { read, imported, skipped: read - imported, readiness: readiness.length };
}
