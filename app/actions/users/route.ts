import { createUser } from "@/lib/actions/create-user";
import { actionRoute } from "@/lib/http/action-route";

/** POST /actions/users: an admin creates an account. `services` is a comma- or line-separated list of slugs. */
export const POST = actionRoute(async ({ db, user, fields, now }) => {
  const services = (fields.services ?? "").split(/[\s,]+/).filter(Boolean);
  const { userId } = await createUser(
    db,
    user,
    { username: fields.username ?? "", displayName: fields.displayName ?? "", role: fields.role as "ADMIN", services, password: fields.password ?? "" },
    now,
  );
  return { notice: "user_created", body: { userId } };
});
