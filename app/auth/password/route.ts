import { changeOwnPassword } from "@/lib/actions/change-own-password";
import { actionRoute } from "@/lib/http/action-route";
import { clientAddress } from "@/lib/http/request-info";

/** POST /auth/password: the signed-in user changes its own password. */
export const POST = actionRoute(async ({ db, user, fields, now, req }) => {
  await changeOwnPassword(db, user, { current: fields.current ?? "", password: fields.password ?? "" }, now, { ip: clientAddress(req) });
  return { notice: "password_changed" };
});
