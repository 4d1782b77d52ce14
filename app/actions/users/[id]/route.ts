import { updateUser } from "@/lib/actions/update-user";
import { actionRoute } from "@/lib/http/action-route";

/** POST /actions/users/{id}: an admin disables or enables an account, or sets a new password. */
export const POST = actionRoute<{ id: string }>(async ({ db, user, fields, now }, { id }) => {
  // the action validates `change` and the password (zod); anything else is refused there
  await updateUser(db, user, { userId: id, change: fields.change, password: fields.password } as Parameters<typeof updateUser>[2], now);
  return { notice: `user_${fields.change}` };
});
