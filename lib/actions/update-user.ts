import { z } from "zod";
import { can } from "@/core/auth/permissions";
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session-store";
import { appendAudit, type AuditActor } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { ActionError, forbidden, notFound } from "./action-error";
import { actorOf } from "./actor";
import { COMMAND_LINE } from "./create-user";

export const updateUserInput = z.discriminatedUnion("change", [
  z.object({ userId: z.coerce.number().int().positive(), change: z.literal("disable") }),
  z.object({ userId: z.coerce.number().int().positive(), change: z.literal("enable") }),
  z.object({
    userId: z.coerce.number().int().positive(),
    change: z.literal("password"),
    password: z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX),
  }),
]);

/**
 * An admin disables or re-enables an account, or sets a new password. Disabling
 * or a new password ends the account's sessions. Never deleted: the audit log
 * keeps naming who acted.
 */
export async function updateUser(db: Db, by: SessionUser | "command-line", input: z.input<typeof updateUserInput>, now: Date): Promise<void> {
  const u = updateUserInput.parse(input);
  let actor: AuditActor = COMMAND_LINE;
  if (by !== "command-line") {
    const a = actorOf(by);
    if (!can(a, "user.manage")) throw forbidden();
    if (u.change === "disable" && a.id === u.userId) throw new ActionError(409, "self_disable", "an admin cannot disable its own account");
    actor = a.audit;
  }
  const passwordHash = u.change === "password" ? await hashPassword(u.password) : null;
  await inTransaction(db, async (tx) => {
    const target = await tx.user.findUnique({ where: { id: u.userId }, select: { id: true, username: true, disabledAt: true } });
    if (!target) throw notFound(`user #${u.userId}`);
    if (u.change === "disable") await tx.user.update({ where: { id: target.id }, data: { disabledAt: target.disabledAt ?? now } });
    if (u.change === "enable") await tx.user.update({ where: { id: target.id }, data: { disabledAt: null } });
    if (passwordHash) await tx.user.update({ where: { id: target.id }, data: { passwordHash } });
    if (u.change !== "enable") await tx.session.deleteMany({ where: { userId: target.id } });
    await appendAudit(tx, {
      at: now,
      actor,
      action: `user.${u.change === "password" ? "password_reset" : u.change}`,
      serviceId: null,
      subject: `user:${target.id}`,
      details: { username: target.username },
    });
  });
}
