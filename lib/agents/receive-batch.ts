import { createHash } from "node:crypto";
import { agentBatchSchema, batchContent, canonicalJson, conflictingResult, fromAgentResult, type AgentBatch } from "@/core/agent-batch";
import type { AlertPlan } from "@/lib/alerts/alert-plan";
import type { Db } from "@/lib/db";
import type { ProbeResult } from "@/core/probe-result";
import { outsideWindow, resultWindow, type ResultWindow } from "@/core/result-window";
import type { RecordedEvent } from "@/lib/store/function-outages";
import { recordResultsIn, storeEvidence, type ProbeRef } from "@/lib/store/record-results";
import { verifyBytes } from "./keys";

/**
 * What the server does with a batch a probe agent posts (POST /api/v1/agents/results):
 *
 * 1. the agent must be in the configuration and active, and the signature (Ed25519,
 *    over the exact body bytes) must verify against its public key;
 * 2. the body must be a valid batch in canonical form, naming the same agent;
 * 3. a batch id already received with the same content (a resend after a lost
 *    answer) is answered as before and stored nothing; the same id with other
 *    content, or a new id whose sequence is not above the agent's last, is refused
 *    as a replay;
 * 4. a batch whose sending clock is off from the server's by more than the agent's
 *    bound, or whose results the server cannot place (a probe not at the agent's
 *    location, a result later than the sending time), is HELD: kept with its
 *    signature and reason, visible to admins (`ledger agents`), not counted;
 * 5. otherwise its results are stored (each once per probe and instant) with the
 *    batch: ACCEPTED. The batch row keeps the signed bytes, their hash and the
 *    signature, so anyone can check later which agent sent which results.
 */
export type BatchOutcome = {
  status: "accepted" | "duplicate" | "held";
  batchId: string;
  seq: number;
  stored: number;
  skewMs: number;
  reason: string | null;
  serverTime: string;
};

export class AgentBatchError extends Error {
  constructor(
    readonly httpStatus: 400 | 401 | 409 | 413,
    readonly code: "unsigned" | "unknown_agent" | "bad_signature" | "invalid_batch" | "not_canonical" | "batch_conflict" | "replayed_sequence" | "too_large",
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "AgentBatchError";
  }
}

/** Largest request body accepted: a full batch of long messages fits with room to spare. */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;

/** A result may start at most this long after the batch says it was sent (clock rounding between the two). */
const RESULT_AFTER_SENT_MS = 1000;

export async function receiveAgentBatch(
  db: Db,
  req: { body: string; agent: string | null; signature: string | null; receivedAt: Date },
  opts: {
    alerts?: AlertPlan | null;
    evidenceDir?: string | null;
    /** after the commit, with what the results changed on the record (outages confirmed or ended) */
    onRecorded?: (events: RecordedEvent[]) => void;
  } = {},
): Promise<BatchOutcome> {
  if (Buffer.byteLength(req.body, "utf8") > MAX_BATCH_BYTES)
    throw new AgentBatchError(413, "too_large", `a batch may be at most ${MAX_BATCH_BYTES} bytes; send fewer results per batch`);
  if (!req.agent || !req.signature)
    throw new AgentBatchError(401, "unsigned", "a batch needs the x-ledger-agent and x-ledger-signature headers (docs/agents.md)");
  const agent = await db.agent.findUnique({ where: { key: req.agent }, include: { location: { select: { key: true } } } });
  if (!agent || !agent.active)
    throw new AgentBatchError(
      401,
      "unknown_agent",
      `no active agent "${req.agent}" in the configuration; add its public key under agents and restart the server`,
    );
  if (!verifyBytes(req.body, req.signature, agent.publicKey)) {
    throw new AgentBatchError(
      401,
      "bad_signature",
      `the signature does not verify with agent "${agent.key}"'s public key: the body was changed, or the agent signs with another key than the configuration holds`,
    );
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body);
  } catch {
    throw new AgentBatchError(400, "invalid_batch", "the body is not JSON");
  }
  const check = agentBatchSchema.safeParse(parsed);
  if (!check.success) {
    const first = check.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new AgentBatchError(400, "invalid_batch", `not a valid batch: ${first.join("; ")}`);
  }
  const batch = check.data;
  if (canonicalJson(batch) !== req.body)
    throw new AgentBatchError(400, "not_canonical", "the body must be the batch as canonical JSON (keys sorted, no spaces), the bytes that were signed");
  if (batch.agent !== agent.key) throw new AgentBatchError(400, "invalid_batch", `the batch names agent "${batch.agent}" but was sent as "${agent.key}"`);
  const conflict = conflictingResult(batch.results);
  if (conflict)
    throw new AgentBatchError(
      400,
      "invalid_batch",
      `batch ${batch.batchId}: two different results for ${conflict.probeKey} at ${conflict.at}; send one result per probe and instant`,
    );
  // Refused rather than held: a release would store them, and one far-future result freezes its function.
  const dated = datedResult(batch, resultWindow({ now: req.receivedAt.getTime(), skewMs: agent.maxClockSkewMs }));
  if (dated) throw new AgentBatchError(400, "invalid_batch", dated);
  let results: ProbeResult[];
  try {
    results = batch.results.map(fromAgentResult);
  } catch (err) {
    throw new AgentBatchError(400, "invalid_batch", `not a valid batch: ${(err as Error).message}`);
  }

  const serverTime = req.receivedAt.toISOString();
  const skewMs = Date.parse(batch.sentAt) - req.receivedAt.getTime();
  const previous = await db.agentBatch.findUnique({ where: { agentId_batchId: { agentId: agent.id, batchId: batch.batchId } } });
  if (previous) return answerResend(previous, batch, skewMs, serverTime);

  const last = await db.agentBatch.findFirst({ where: { agentId: agent.id }, orderBy: { seq: "desc" }, select: { seq: true } });
  if (last && BigInt(batch.seq) <= last.seq) {
    throw new AgentBatchError(
      409,
      "replayed_sequence",
      `sequence ${batch.seq} is not above ${last.seq}, the last this agent sent: a replayed batch, or a second agent with the same key`,
      { lastSeq: Number(last.seq) },
    );
  }

  const probes = await batchProbes(db, batch);
  const reason = holdReason(batch, { skewMs, maxSkewMs: agent.maxClockSkewMs, location: agent.location.key, probes });
  const payloadHash = createHash("sha256").update(req.body, "utf8").digest("hex");
  const row = {
    agentId: agent.id,
    batchId: batch.batchId,
    seq: BigInt(batch.seq),
    sentAt: new Date(batch.sentAt),
    receivedAt: req.receivedAt,
    skewMs,
    resultCount: batch.results.length,
    signature: req.signature,
    payloadHash,
    payload: req.body,
  };

  try {
    if (reason) {
      await db.agentBatch.create({ data: { ...row, status: "HELD", reason, storedCount: 0 } });
      return { status: "held", batchId: batch.batchId, seq: batch.seq, stored: 0, skewMs, reason, serverTime };
    }
    const refs = probeRefs(probes);
    // The files first, as the local worker does: a crash leaves at worst a file nobody links to.
    const evidence = await storeEvidence(results, opts.evidenceDir ?? null);
    let events: RecordedEvent[] = [];
    const stored = await db.$transaction(
      async (tx) => {
        const created = await tx.agentBatch.create({ data: { ...row, status: "ACCEPTED", reason: null, storedCount: 0 } });
        let n = 0;
        const recorded = await recordResultsIn(tx, refs, results, {
          agentBatchId: created.id,
          onStored: (count) => (n = count),
          alerts: opts.alerts ?? null,
          evidence,
        });
        await tx.agentBatch.update({ where: { id: created.id }, data: { storedCount: n } });
        events = recorded;
        return n;
      },
      { timeout: 60_000, maxWait: 30_000 },
    );
    opts.onRecorded?.(events);
    return { status: "accepted", batchId: batch.batchId, seq: batch.seq, stored, skewMs, reason: null, serverTime };
  } catch (err) {
    // The same batch arriving twice at once: the second finds the first's row.
    if ((err as { code?: string }).code === "P2002") {
      const again = await db.agentBatch.findUnique({ where: { agentId_batchId: { agentId: agent.id, batchId: batch.batchId } } });
      if (again) return answerResend(again, batch, skewMs, serverTime);
    }
    throw err;
  }
}

function answerResend(
  previous: { payload: string; status: string; seq: bigint; reason: string | null },
  batch: AgentBatch,
  skewMs: number,
  serverTime: string,
): BatchOutcome {
  const stored = agentBatchSchema.safeParse(JSON.parse(previous.payload));
  if (!stored.success || batchContent(stored.data) !== batchContent(batch)) {
    throw new AgentBatchError(409, "batch_conflict", `batch ${batch.batchId} was received before with other content; a batch id is used once`, {
      lastSeq: Number(previous.seq),
    });
  }
  // Answered as the first time (so a held batch stays held), storing nothing.
  return {
    status: "duplicate",
    batchId: batch.batchId,
    seq: batch.seq,
    stored: 0,
    skewMs,
    reason: previous.status === "HELD" ? previous.reason : null,
    serverTime,
  };
}

/** Why a batch holds a result dated where no run can have been (naming the batch and the result), or null. */
export function datedResult(batch: AgentBatch, window: ResultWindow): string | null {
  for (const [i, r] of batch.results.entries()) {
    const why = outsideWindow(Date.parse(r.at), window);
    if (why) return `batch ${batch.batchId}: result ${i + 1} (${r.probeKey}) is ${why}`;
  }
  return null;
}

/** The server's probes a batch's results name, with what placing and storing them needs. */
export function batchProbes(db: Db, batch: AgentBatch) {
  return db.probe.findMany({
    where: { key: { in: [...new Set(batch.results.map((r) => r.probeKey))] } },
    select: { id: true, key: true, functionId: true, serviceId: true, confirm: true, active: true, location: { select: { key: true } } },
  });
}

export function probeRefs(probes: { key: string; id: number; functionId: number; serviceId: number; confirm: number }[]): Map<string, ProbeRef> {
  return new Map(probes.map((p) => [p.key, { id: p.id, functionId: p.functionId, serviceId: p.serviceId, confirm: p.confirm }]));
}

/** The kind of a stored hold reason ("clock_skew", "unknown_probe", …): the word before its colon. */
export function holdCode(reason: string | null): string {
  return (reason ?? "").split(":", 1)[0]!;
}

/** Why a batch must be held back rather than counted, or null. Starts with its kind (holdCode). */
export function holdReason(
  batch: AgentBatch,
  ctx: { skewMs: number; maxSkewMs: number; location: string; probes: { key: string; active: boolean; location: { key: string } }[] },
): string | null {
  if (Math.abs(ctx.skewMs) > ctx.maxSkewMs) {
    const s = (ms: number) => `${(Math.abs(ms) / 1000).toFixed(1)} s`;
    return `clock_skew: the agent's clock is ${s(ctx.skewMs)} ${ctx.skewMs > 0 ? "ahead of" : "behind"} the server's (bound ${s(ctx.maxSkewMs)}); its result times cannot be trusted`;
  }
  const sentAt = Date.parse(batch.sentAt);
  const future = batch.results.find((r) => Date.parse(r.at) > sentAt + RESULT_AFTER_SENT_MS);
  if (future) return `result_after_sending: ${future.probeKey} at ${future.at} is later than the batch was sent (${batch.sentAt})`;
  const byKey = new Map(ctx.probes.map((p) => [p.key, p]));
  for (const r of batch.results) {
    const p = byKey.get(r.probeKey);
    if (!p) return `unknown_probe: no probe "${r.probeKey}" in the server's configuration (is the agent's configuration the same?)`;
    if (!p.active) return `inactive_probe: probe "${r.probeKey}" is no longer configured`;
    if (p.location.key !== ctx.location)
      return `wrong_location: probe "${r.probeKey}" runs at location "${p.location.key}", not at this agent's "${ctx.location}"`;
  }
  return null;
}
