import { agentBatchSchema, fromAgentResult } from "@/core/agent-batch";
import type { ProbeResult } from "@/core/probe-result";
import { resultWindow } from "@/core/result-window";
import { appendAudit, type AuditActor } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { recordResultsIn, storeEvidence } from "@/lib/store/record-results";
import { verifyBytes } from "./keys";
import { batchProbes, datedResult, holdCode, holdReason, probeRefs } from "./receive-batch";

/**
 * An admin's decision on a batch the server held back (`ledger agents release`):
 * once the cause is gone (the configuration now has the probe at the agent's
 * location), its results are stored as if they had been accepted on arrival.
 *
 * The batch is checked again from what was kept: its signature over the stored
 * bytes, then the placement of every result under today's configuration. A batch
 * held for the agent's clock is released only when the admin says the clock can
 * be trusted (`trustClock`), since its result times depend on it. The decision,
 * its reason and who made it go into the public audit log in the same
 * transaction as the results; a batch is released once.
 */
export type ReleaseRefusal =
  | "reason_required"
  | "batch_not_found"
  | "batch_ambiguous"
  | "batch_not_held"
  | "batch_signature_broken"
  | "batch_clock_untrusted"
  | "batch_unplaceable"
  | "batch_released_meanwhile";

export class ReleaseError extends Error {
  constructor(
    readonly code: ReleaseRefusal,
    message: string,
  ) {
    super(message);
    this.name = "ReleaseError";
  }
}

export type ReleaseOutcome = { batchId: string; agent: string; stored: number; results: number; previousReason: string };

export async function releaseHeldBatch(
  db: Db,
  req: { batchId: string; agent?: string | null; why: string; actor: AuditActor; trustClock?: boolean; now: Date; evidenceDir: string | null },
): Promise<ReleaseOutcome> {
  if (req.why.trim().length < 5)
    throw new ReleaseError("reason_required", "say why the batch can be counted now (at least 5 characters); the reason is published in the audit log");
  const rows = await db.agentBatch.findMany({
    where: { batchId: req.batchId, ...(req.agent ? { agent: { key: req.agent } } : {}) },
    include: { agent: { include: { location: { select: { key: true } } } } },
  });
  if (rows.length === 0)
    throw new ReleaseError("batch_not_found", `no batch ${req.batchId}${req.agent ? ` from agent "${req.agent}"` : ""}; \`ledger agents\` lists the held ones`);
  if (rows.length > 1)
    throw new ReleaseError(
      "batch_ambiguous",
      `batch id ${req.batchId} was sent by several agents (${rows.map((r) => r.agent.key).join(", ")}); name one with --agent`,
    );
  const row = rows[0]!;
  if (row.status !== "HELD")
    throw new ReleaseError("batch_not_held", `batch ${row.batchId} from "${row.agent.key}" is ${row.status.toLowerCase()}, not held; nothing to release`);
  const previousReason = row.reason ?? "";
  if (!verifyBytes(row.payload, row.signature, row.agent.publicKey)) {
    throw new ReleaseError(
      "batch_signature_broken",
      `the kept bytes of batch ${row.batchId} no longer verify with agent "${row.agent.key}"'s key (altered, or the agent's key was changed since): not released`,
    );
  }
  const batch = agentBatchSchema.parse(JSON.parse(row.payload));
  const clockHeld = holdCode(previousReason) === "clock_skew";
  if (clockHeld && !req.trustClock) {
    throw new ReleaseError(
      "batch_clock_untrusted",
      `batch ${row.batchId} was held because the agent's clock was off (${previousReason}); its result times depend on that clock. Release it only if you know the times are right, with --trust-clock`,
    );
  }
  const probes = await batchProbes(db, batch);
  // Placement is judged under today's configuration; the clock was judged above.
  const still = holdReason(batch, { skewMs: 0, maxSkewMs: row.agent.maxClockSkewMs, location: row.agent.location.key, probes });
  if (still) throw new ReleaseError("batch_unplaceable", `batch ${row.batchId} still cannot be placed: ${still}`);
  // Held before dates were checked on the way in, or with the clock trusted: still never from the future.
  const dated = datedResult(batch, resultWindow({ now: req.now.getTime(), skewMs: row.agent.maxClockSkewMs }));
  if (dated) throw new ReleaseError("batch_unplaceable", `${dated}; not released`);

  const results: ProbeResult[] = batch.results.map(fromAgentResult);
  const refs = probeRefs(probes);
  const evidence = await storeEvidence(results, req.evidenceDir);
  const stored = await db.$transaction(
    async (tx) => {
      // Only a batch still held is released: a second release at the same time changes nothing.
      const claimed = await tx.agentBatch.updateMany({
        where: { id: row.id, status: "HELD" },
        data: { status: "ACCEPTED", reason: `released: ${req.why.trim()} (held for: ${previousReason})` },
      });
      if (claimed.count === 0) throw new ReleaseError("batch_released_meanwhile", `batch ${row.batchId} was released meanwhile`);
      let n = 0;
      // Past results, as an import's: they open or close outages but alert nobody.
      await recordResultsIn(tx, refs, results, { agentBatchId: row.id, onStored: (count) => (n = count), evidence });
      await tx.agentBatch.update({ where: { id: row.id }, data: { storedCount: n } });
      await appendAudit(tx, {
        at: req.now,
        actor: req.actor,
        action: "agent_batch.release",
        serviceId: null,
        subject: `agent ${row.agent.key} batch ${row.batchId}`,
        details: {
          agent: row.agent.key,
          batchId: row.batchId,
          seq: row.seq.toString(),
          payloadHash: row.payloadHash,
          results: batch.results.length,
          stored: n,
          heldFor: previousReason,
          why: req.why.trim(),
          trustClock: clockHeld,
        },
      });
      return n;
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return { batchId: row.batchId, agent: row.agent.key, stored, results: batch.results.length, previousReason };
}
