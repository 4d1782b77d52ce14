import type { KeyObject } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { request } from "undici";
import { AGENT_BATCH_VERSION, canonicalJson } from "@/core/agent-batch";
import { signBytes } from "@/lib/agents/keys";
import type { Logger } from "@/lib/log";
import { SPOOL_PAGE, type Spool, type SpooledBatch } from "./spool";

/** Where agents post their batches, relative to the server's URL. */
export const AGENT_RESULTS_PATH = "/api/v1/agents/results";

export type SenderOptions = {
  spool: Spool;
  serverUrl: string;
  agentKey: string;
  privateKey: KeyObject;
  log: Logger;
  now?: () => number;
  /** waits between attempts while the server cannot be reached, doubling from min to max */
  retryMs?: { min: number; max: number };
  requestTimeoutMs?: number;
};

export type SenderStats = { sent: number; held: number; duplicates: number; rejected: number; failedAttempts: number; reachable: boolean | null };

type Outcome =
  | { kind: "done"; status: "accepted" | "duplicate" | "held"; reason?: string; stored?: number; skewMs?: number }
  | { kind: "resequence"; lastSeq: number; message: string }
  | { kind: "reject"; reason: string }
  | { kind: "retry"; reason: string; unreachable: boolean };

/**
 * Posts the spool's batches to the server, oldest first, one at a time, each
 * signed when sent (the signature covers the canonical bytes, sending time included).
 * A batch leaves the spool only when the server has answered for it: stored,
 * already stored (a resend), or held back. While the server cannot be reached,
 * or refuses the agent's key, the batches wait and attempts back off.
 */
export function startSender(opts: SenderOptions): { stop: () => Promise<void>; stats: SenderStats } {
  const now = opts.now ?? Date.now;
  const retry = opts.retryMs ?? { min: 1000, max: 60_000 };
  const url = new URL(AGENT_RESULTS_PATH, opts.serverUrl).toString();
  const ac = new AbortController();
  const stats: SenderStats = { sent: 0, held: 0, duplicates: 0, rejected: 0, failedAttempts: 0, reachable: null };
  let backoff = retry.min;
  let resequenced = 0;

  async function post(batch: SpooledBatch): Promise<Outcome> {
    const body = canonicalJson({
      v: AGENT_BATCH_VERSION,
      agent: opts.agentKey,
      batchId: batch.batchId,
      seq: batch.seq,
      sentAt: new Date(now()).toISOString(),
      results: batch.results,
    });
    let status: number;
    let text: string;
    try {
      const res = await request(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-ledger-agent": opts.agentKey, "x-ledger-signature": signBytes(body, opts.privateKey) },
        body,
        signal: AbortSignal.any([ac.signal, AbortSignal.timeout(opts.requestTimeoutMs ?? 30_000)]),
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      return { kind: "retry", reason: (err as Error).message, unreachable: true };
    }
    let json: { status?: string; reason?: string; stored?: number; skewMs?: number; error?: { code?: string; message?: string; lastSeq?: number } } = {};
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      // a proxy's HTML error page: the status decides below
    }
    if (status === 200 || status === 202) {
      const s = json.status === "held" || json.status === "duplicate" ? json.status : "accepted";
      return { kind: "done", status: s, reason: json.reason, stored: json.stored, skewMs: json.skewMs };
    }
    const message = json.error?.message ?? `HTTP ${status}`;
    if (status === 409 && (json.error?.code === "replayed_sequence" || json.error?.code === "batch_conflict"))
      return { kind: "resequence", lastSeq: json.error.lastSeq ?? 0, message };
    if (status === 400 || status === 413 || status === 422) return { kind: "reject", reason: `${json.error?.code ?? status}: ${message}` };
    // 401/403 (key unknown or not accepted: the configuration must change), 429, 5xx: wait and try again.
    return { kind: "retry", reason: `${json.error?.code ?? status}: ${message}`, unreachable: false };
  }

  // The next batches, a page at a time from the spool (never the whole backlog in memory).
  // Only this loop takes batches out of the spool, so the page stays true until it is used up
  // or the batches are renumbered.
  let page: SpooledBatch[] = [];
  async function loop(): Promise<void> {
    while (!ac.signal.aborted) {
      await opts.spool.waitForPending(ac.signal);
      if (ac.signal.aborted) continue;
      if (page.length === 0) page = opts.spool.pending(SPOOL_PAGE);
      const batch = page[0];
      if (!batch) continue;
      const outcome = await post(batch);
      if (ac.signal.aborted && outcome.kind === "retry") break;
      switch (outcome.kind) {
        case "done":
          if (stats.reachable === false) opts.log.info({ pending: opts.spool.pendingCount() }, "server reachable again; sending spooled batches");
          stats.reachable = true;
          backoff = retry.min;
          resequenced = 0;
          if (outcome.status === "held") {
            stats.held++;
            opts.log.warn(
              { batchId: batch.batchId, reason: outcome.reason, skewMs: outcome.skewMs },
              "the server holds this batch back (not counted until an admin decides)",
            );
          } else if (outcome.status === "duplicate") stats.duplicates++;
          else stats.sent++;
          await opts.spool.ack(batch.batchId);
          page.shift();
          break;
        case "resequence":
          // The server already has a higher sequence from this key (another copy of this agent, or
          // its folder was reset). New numbers, in the same order; results already stored stay once.
          if (++resequenced > 3) {
            opts.log.error(
              { batchId: batch.batchId, message: outcome.message },
              "the server keeps refusing this agent's sequence numbers; is another agent running with the same key?",
            );
            await pause();
            break;
          }
          opts.log.warn(
            { batchId: batch.batchId, lastSeq: outcome.lastSeq, message: outcome.message },
            "renumbering spooled batches above the server's last sequence",
          );
          await opts.spool.resequence(outcome.lastSeq);
          page = [];
          break;
        case "reject":
          stats.rejected++;
          opts.log.error(
            { batchId: batch.batchId, reason: outcome.reason, kept: `${opts.spool.file} (table rejected)` },
            "the server refused this batch for good; kept in the spool's rejected table",
          );
          await opts.spool.reject(batch.batchId, outcome.reason);
          page.shift();
          break;
        case "retry":
          stats.failedAttempts++;
          if (outcome.unreachable) {
            if (stats.reachable !== false)
              opts.log.warn(
                { server: opts.serverUrl, reason: outcome.reason, pending: opts.spool.pendingCount() },
                "server unreachable; results stay in the spool and are sent later",
              );
            stats.reachable = false;
          } else
            opts.log.error(
              { server: opts.serverUrl, reason: outcome.reason },
              "the server refused the batch; retrying (check the agent's key in the configuration)",
            );
          await pause();
          break;
      }
    }
  }

  async function pause(): Promise<void> {
    try {
      await sleep(backoff, undefined, { signal: ac.signal });
    } catch {
      // stopped
    }
    backoff = Math.min(backoff * 2, retry.max);
  }

  const running = loop().catch((err: unknown) => opts.log.fatal({ err }, "sender failed"));
  return {
    stats,
    async stop() {
      ac.abort();
      await running;
    },
  };
}
