import { z } from "zod";
import { giveBack, guessLimits, takeSlots } from "@/lib/auth/attempt-limits";
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN, verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session-store";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { ActionError } from "./action-error";
import { actorOf } from "./actor";

export const changeOwnPasswordInput = z.object({
  current: z.string().min(1).max(PASSWORD_MAX),
  password: z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX),
});

/**
 * A signed-in user changes its own password; every other session of the account ends.
 * The current password is a guess like a sign-in's (a stolen session must not become a guessing oracle).
 */
export async function changeOwnPassword(
  db: Db,
  user: SessionUser,
  input: z.input<typeof changeOwnPasswordInput>,
  now: Date,
  from: { ip: string },
): Promise<void> {
  const { current, password } = changeOwnPasswordInput.parse(input);
  const limits = guessLimits("password", String(user.userId), from.ip);
  const wait = await takeSlots(db, limits, now);
  if (wait !== null) throw new ActionError(429, "rate_limited", `too many wrong passwords; wait ${Math.ceil(wait / 60)} min and try again`);
  const row = await db.user.findUniqueOrThrow({ where: { id: user.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(row.passwordHash, current))) throw new ActionError(400, "wrong_password", "the current password is not right");
  await giveBack(db, limits);
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (tx) => {
    await tx.user.update({ where: { id: user.userId }, data: { passwordHash } });
    await tx.session.deleteMany({ where: { userId: user.userId, id: { not: user.sessionId } } });
    await appendAudit(tx, {
      at: now,
      actor: actorOf(user).audit,
      action: "user.password_change",
      serviceId: null,
      subject: `user:${user.userId}`,
      details: { username: user.username },
    });
  });
}
