import { recordSurgeIncident } from "@/lib/actions/record-surge-incident";
import { env } from "@/lib/env";
import { actionRoute } from "@/lib/http/action-route";

/** POST /actions/surges/{id}/incident: an admin records a surge of citizens' reports as a REPORTED incident. */
export const POST = actionRoute<{ id: string }>(async ({ db, user, fields, now }, { id }) => {
  const r = await recordSurgeIncident(db, user, { surge: id, function: fields.function, note: fields.note }, { now, publicUrl: env.publicUrl });
  return { notice: "surge_recorded", body: r, back: `/${fields.lang === "en" ? "en" : "ko"}/outages/${r.outageId}` };
});
