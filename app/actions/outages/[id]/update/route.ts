import { postOutageUpdate } from "@/lib/actions/post-outage-update";
import { actionRoute } from "@/lib/http/action-route";

/** POST /actions/outages/{id}/update: a public statement by the operator. */
export const POST = actionRoute<{ id: string }>(async ({ db, user, fields, now }, { id }) => {
  const { updateId } = await postOutageUpdate(db, user, { outageId: id, body: fields.body ?? "" }, now);
  return { notice: "update_posted", body: { updateId } };
});
