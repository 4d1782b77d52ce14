import { parentPort, workerData } from "node:worker_threads";
import type { LedgerConfig } from "@/core/config/resolve";
import type { ProbeResult } from "@/core/probe-result";
import { alertPlan } from "@/lib/alerts/alert-plan";
import { openDb } from "@/lib/db";
import { recordResults, type RecordedEvent } from "@/lib/store/record-results";
import { probeRefs } from "./database-sink";

/**
 * The worker's database writer, on a thread of its own (probes/threaded-database-sink.ts):
 * SQLite's driver is synchronous, so a batch written on the worker's own thread would hold
 * every probe due meanwhile. One batch at a time, each in one transaction, as before.
 */
export type WriterData = { databaseUrl: string; config: LedgerConfig; location: string; evidenceDir: string; publicUrl: string | null };
export type WriterRequest = { id: number; batch: ProbeResult[] } | { close: true };
export type WriterReply = { ready: true } | { id: number; events: RecordedEvent[] } | { id: number; error: string };

const port = parentPort;
if (!port) throw new Error("probes/database-writer.ts runs as a worker thread");
const data = workerData as WriterData;
const db = await openDb(data.databaseUrl);
const refs = await probeRefs(db, data.config, data.location);
const alerts = data.publicUrl === null ? null : alertPlan(data.config.alerts, data.publicUrl);

let queue: Promise<void> = Promise.resolve();
port.on("message", (req: WriterRequest) => {
  if ("close" in req) {
    // After the batches already sent: the connection is closed cleanly and the thread ends.
    queue = queue.then(() => db.$disconnect()).finally(() => port.close());
    return;
  }
  queue = queue.then(async () => {
    try {
      const events = await recordResults(db, refs, req.batch, { evidenceDir: data.evidenceDir, alerts });
      port.postMessage({ id: req.id, events } satisfies WriterReply);
    } catch (err) {
      port.postMessage({ id: req.id, error: err instanceof Error ? err.message : String(err) } satisfies WriterReply);
    }
  });
});
port.postMessage({ ready: true } satisfies WriterReply);
