import { resolveDispute } from "@/lib/actions/resolve-dispute";
import { actionRoute } from "@/lib/http/action-route";

/** POST /actions/disputes/{id}/resolve: an admin accepts or rejects a dispute. */
export const POST = actionRoute<{ id: string }>(async ({ db, user, fields, now }, { id }) => {
  await resolveDispute(db, user, { disputeId: id, outcome: fields.outcome as "ACCEPTED", resolution: fields.resolution ?? "" }, now);
  return { notice: "dispute_resolved" };
});
