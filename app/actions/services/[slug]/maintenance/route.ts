import { announceMaintenance } from "@/lib/actions/announce-maintenance";
import { actionRoute } from "@/lib/http/action-route";

/** POST /actions/services/{slug}/maintenance: the operator announces maintenance. */
export const POST = actionRoute<{ slug: string }>(async ({ db, user, fields, now }, { slug }) => {
  const r = await announceMaintenance(db, user, { service: slug, start: fields.start ?? "", end: fields.end ?? "", note: fields.note }, now);
  return { notice: r.excused ? "maintenance_announced" : "maintenance_announced_late", body: r };
});
