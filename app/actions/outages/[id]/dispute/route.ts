import { openDispute } from "@/lib/actions/open-dispute";
import { actionRoute } from "@/lib/http/action-route";

/** POST /actions/outages/{id}/dispute: the operator contests the finding, with a reason. */
export const POST = actionRoute<{ id: string }>(async ({ db, user, fields, now }, { id }) => {
  const { disputeId } = await openDispute(db, user, { outageId: id, reason: fields.reason ?? "" }, now);
  return { notice: "dispute_opened", body: { disputeId } };
});
