import type { LedgerConfig } from "@/core/config/resolve";
import type { AlertPlan } from "@/lib/alerts/alert-plan";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { recordResults, type ProbeRef, type RecordedEvent } from "@/lib/store/record-results";
import type { ResultSink } from "./result-sink";

/**
 * The local worker's sink: results, roll-ups and outages written to the database in one
 * transaction per batch (with the alerts for outages it opens or closes); evidence
 * files of failing runs under `evidenceDir` first. The worker process runs it on a
 * thread of its own (probes/threaded-database-sink.ts), so that writing never delays a probe.
 */
export async function databaseSink(opts: {
  db: Db;
  config: LedgerConfig;
  location: string;
  log: Logger;
  onStored?: (events: RecordedEvent[]) => void;
  evidenceDir: string;
  alerts?: AlertPlan | null;
}): Promise<ResultSink> {
  const refs = await probeRefs(opts.db, opts.config, opts.location);
  return {
    async write(batch) {
      const events = await recordResults(opts.db, refs, batch, { evidenceDir: opts.evidenceDir, alerts: opts.alerts ?? null });
      opts.onStored?.(events);
      logEvents(opts.log, events);
    },
  };
}

/** The database ids of a location's probes, which the config sync has stored. */
export async function probeRefs(db: Db, config: LedgerConfig, location: string): Promise<Map<string, ProbeRef>> {
  const keys = config.services
    .flatMap((s) => s.probes)
    .filter((p) => p.location === location)
    .map((p) => p.key);
  // in parts of 500: a query may bind only so many parameters (Prisma refuses a list of 1,000 keys on SQLite)
  const rows = [];
  for (let i = 0; i < keys.length; i += 500) {
    rows.push(
      ...(await db.probe.findMany({
        where: { key: { in: keys.slice(i, i + 500) }, active: true },
        select: { id: true, key: true, functionId: true, serviceId: true, confirm: true },
      })),
    );
  }
  const refs = new Map<string, ProbeRef>(rows.map((r) => [r.key, { id: r.id, functionId: r.functionId, serviceId: r.serviceId, confirm: r.confirm }]));
  const missing = keys.filter((k) => !refs.has(k));
  if (missing.length > 0) throw new Error(`probes not in the database (run the config sync first): ${missing.join(", ")}`);
  return refs;
}

export function logEvents(log: Logger, events: RecordedEvent[]): void {
  for (const e of events) {
    if (e.type === "blip") log.info({ event: e.type, functionId: e.functionId, startedAt: e.startedAt, failures: e.failures }, "blip");
    else if (e.type !== "outage_extended") log.warn({ event: e.type, functionId: e.functionId, outageId: e.outageId }, e.type.replace("_", " "));
  }
}
