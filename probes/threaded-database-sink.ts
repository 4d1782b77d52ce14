import { Worker } from "node:worker_threads";
import type { Logger } from "@/lib/log";
import type { RecordedEvent } from "@/lib/store/record-results";
import { logEvents } from "./database-sink";
import type { WriterData, WriterReply, WriterRequest } from "./database-writer";
import type { ResultSink } from "./result-sink";

export type ThreadedSink = ResultSink & { close(): Promise<void> };

/**
 * The database sink on a thread of its own: the worker's event loop keeps its timers
 * while a batch is written (on SQLite the driver blocks its thread for the whole
 * transaction). `write` resolves once the thread's transaction has committed, and
 * rejects, keeping nothing, when it failed or the thread died; the worker then retries
 * the batch, and a dead thread is started again for it.
 */
export async function threadedDatabaseSink(opts: WriterData & { log: Logger; onStored?: (events: RecordedEvent[]) => void }): Promise<ThreadedSink> {
  const { log, onStored, ...data } = opts;
  const pending = new Map<number, { resolve: (events: RecordedEvent[]) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  let thread: Promise<Worker> | null = null;
  let closing = false;

  const start = () =>
    new Promise<Worker>((resolve, reject) => {
      const w = new Worker(new URL("./database-writer-thread.mjs", import.meta.url), { workerData: data });
      w.on("message", (m: WriterReply) => {
        if ("ready" in m) return resolve(w);
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if ("error" in m) p.reject(new Error(m.error));
        else p.resolve(m.events);
      });
      w.once("error", (err) => {
        log.error({ err }, "database writer failed");
        reject(err);
      });
      w.once("exit", (code) => {
        thread = null;
        const err = new Error(`the database writer stopped (exit code ${code})`);
        reject(err);
        for (const p of pending.values()) p.reject(err);
        pending.clear();
        if (!closing) log.warn({ code }, "database writer stopped; the next batch starts it again");
      });
    });

  thread = start();
  await thread; // a configuration the database does not hold stops the worker here, as before

  return {
    async write(batch) {
      if (closing) throw new Error("the database sink is closed");
      const w = await (thread ??= start());
      const id = nextId++;
      const events = await new Promise<RecordedEvent[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, batch } satisfies WriterRequest);
      });
      onStored?.(events);
      logEvents(log, events);
    },
    async close() {
      closing = true;
      const w = await thread?.catch(() => null);
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
      w.postMessage({ close: true } satisfies WriterRequest);
      const timer = setTimeout(() => void w.terminate(), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
