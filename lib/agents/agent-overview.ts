import type { Db } from "@/lib/db";
import { holdCode } from "./receive-batch";

/**
 * Each agent and what it sent, for admins (`ledger agents`): an agent whose last
 * batch was held for its clock is flagged; held batches are listed with their
 * reason. Nothing here is public: agents are part of how the instance runs.
 */
export type AgentOverview = {
  key: string;
  location: string;
  active: boolean;
  maxClockSkewMs: number;
  lastBatch: { receivedAt: string; sentAt: string; skewMs: number; status: string; reason: string | null } | null;
  accepted: number;
  held: number;
  resultsStored: number;
  /** the last batch was held back because the agent's clock is off */
  clockFlagged: boolean;
};

/** `code` is the kind of hold (clock_skew, unknown_probe, …), `reason` the full text stored with the batch. */
export type HeldBatch = {
  agent: string;
  batchId: string;
  seq: string;
  sentAt: string;
  receivedAt: string;
  skewMs: number;
  results: number;
  code: string;
  reason: string | null;
  payloadHash: string;
};

export async function agentOverview(db: Db): Promise<{ agents: AgentOverview[]; held: HeldBatch[] }> {
  const [agents, counts, stored, held] = await Promise.all([
    db.agent.findMany({ orderBy: { key: "asc" }, include: { location: { select: { key: true } }, batches: { orderBy: { seq: "desc" }, take: 1 } } }),
    db.agentBatch.groupBy({ by: ["agentId", "status"], _count: { _all: true } }),
    db.agentBatch.groupBy({ by: ["agentId"], _sum: { storedCount: true } }),
    db.agentBatch.findMany({ where: { status: "HELD" }, orderBy: [{ receivedAt: "asc" }], include: { agent: { select: { key: true } } } }),
  ]);
  const count = (agentId: number, status: string) => counts.find((c) => c.agentId === agentId && c.status === status)?._count._all ?? 0;
  return {
    agents: agents.map((a) => {
      const last = a.batches[0];
      return {
        key: a.key,
        location: a.location.key,
        active: a.active,
        maxClockSkewMs: a.maxClockSkewMs,
        lastBatch: last
          ? { receivedAt: last.receivedAt.toISOString(), sentAt: last.sentAt.toISOString(), skewMs: last.skewMs, status: last.status, reason: last.reason }
          : null,
        accepted: count(a.id, "ACCEPTED"),
        held: count(a.id, "HELD"),
        resultsStored: stored.find((s) => s.agentId === a.id)?._sum.storedCount ?? 0,
        clockFlagged: last?.status === "HELD" && holdCode(last.reason) === "clock_skew",
      };
    }),
    held: held.map((b) => ({
      agent: b.agent.key,
      batchId: b.batchId,
      seq: b.seq.toString(),
      sentAt: b.sentAt.toISOString(),
      receivedAt: b.receivedAt.toISOString(),
      skewMs: b.skewMs,
      results: b.resultCount,
      code: holdCode(b.reason),
      reason: b.reason,
      payloadHash: b.payloadHash,
    })),
  };
}
