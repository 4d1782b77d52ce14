import { changeOwnPassword } from "@/lib/actions/change-own-password";
import { actionRoute } from "@/lib/http/action-route";

/** POST /auth/password: the signed-in user changes its own password. */
export const POST = actionRoute(async ({ db, user, fields, now }) => {
  await changeOwnPassword(db, user, { current: fields.current ?? "", password: fields.password ?? "" }, now);
  return { notice: "password_changed" };
});
