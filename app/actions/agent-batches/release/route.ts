import { releaseAgentBatch } from "@/lib/actions/release-agent-batch";
import { evidenceDir } from "@/lib/data/evidence-blob";
import { actionRoute } from "@/lib/http/action-route";

/** POST /actions/agent-batches/release: an admin counts a batch the server held back, with a published reason. */
export const POST = actionRoute(async ({ db, user, fields, now }) => {
  const r = await releaseAgentBatch(
    db,
    user,
    { batchId: fields.batchId ?? "", agent: fields.agent ?? "", why: fields.why ?? "", trustClock: fields.trustClock === "on" || fields.trustClock === "true" },
    now,
    evidenceDir(),
  );
  return { notice: "batch_released", body: { batchId: r.batchId, agent: r.agent, stored: r.stored, results: r.results } };
});
