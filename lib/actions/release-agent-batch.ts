import { z } from "zod";
import { can } from "@/core/auth/permissions";
import { ReleaseError, releaseHeldBatch, type ReleaseOutcome } from "@/lib/agents/release-batch";
import type { SessionUser } from "@/lib/auth/session-store";
import type { Db } from "@/lib/db";
import { ActionError, forbidden } from "./action-error";
import { actorOf } from "./actor";

export const releaseAgentBatchInput = z.object({
  batchId: z.string().trim().min(1, "name the batch").max(200),
  agent: z.string().trim().min(1, "name the agent").max(200),
  why: z.string().trim().min(5, "say why the batch can be counted now, in at least 5 characters").max(4000, "at most 4,000 characters"),
  trustClock: z.boolean().default(false),
});

const STATUS: Record<ReleaseError["code"], 400 | 404 | 409> = {
  reason_required: 400,
  batch_not_found: 404,
  batch_ambiguous: 409,
  batch_not_held: 409,
  batch_signature_broken: 409,
  batch_clock_untrusted: 409,
  batch_unplaceable: 409,
  batch_released_meanwhile: 409,
};

/**
 * An admin counts a batch an agent sent and the server held back, from the
 * agents page: the same checks and the same public record as `ledger agents
 * release` (lib/agents/release-batch.ts), with the admin named in the log.
 */
export async function releaseAgentBatch(
  db: Db,
  user: SessionUser,
  input: z.input<typeof releaseAgentBatchInput>,
  now: Date,
  evidenceDir: string,
): Promise<ReleaseOutcome> {
  const { batchId, agent, why, trustClock } = releaseAgentBatchInput.parse(input);
  const actor = actorOf(user);
  if (!can(actor, "agent_batch.release")) throw forbidden();
  try {
    return await releaseHeldBatch(db, { batchId, agent, why, actor: actor.audit, trustClock, now, evidenceDir });
  } catch (err) {
    if (err instanceof ReleaseError) throw new ActionError(STATUS[err.code], err.code, err.message);
    throw err;
  }
}
