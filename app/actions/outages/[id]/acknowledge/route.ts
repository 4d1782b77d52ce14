import { acknowledgeOutage } from "@/lib/actions/acknowledge-outage";
import { actionRoute } from "@/lib/http/action-route";

/** POST /actions/outages/{id}/acknowledge: the operator acknowledges; escalation stops. */
export const POST = actionRoute<{ id: string }>(async ({ db, user, fields, now }, { id }) => {
  await acknowledgeOutage(db, user, { outageId: id, note: fields.note }, now);
  return { notice: "acknowledged" };
});
