import type { ProbeResult } from "@/core/probe-result";

/**
 * Where the worker's results go: the database (the local worker, probes/database-sink.ts)
 * or the agent's spool, from which they are posted to the server (probes/agent/).
 * `write` either keeps the whole batch or throws; the worker then retries it.
 */
export type ResultSink = { write(batch: ProbeResult[]): Promise<void> };
