import { randomUUID } from "node:crypto";
import type { Role } from "@/core/auth/permissions";
import { createUser } from "@/lib/actions/create-user";
import { createSession, findSession, type SessionUser } from "@/lib/auth/session-store";
import type { Db } from "@/lib/db";

/** A unique account with a signed-in session: the session user, its cookie token and its password. */
export async function createTestUser(
  db: Db,
  opts: { role: Role; services?: string[]; now?: Date },
): Promise<{ user: SessionUser; token: string; username: string; password: string }> {
  const username = `${opts.role.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  const password = `pw-${randomUUID()}`;
  const now = opts.now ?? new Date();
  const { userId } = await createUser(
    db,
    "command-line",
    { username, displayName: `${opts.role} ${username}`, role: opts.role, services: opts.services ?? [], password },
    now,
  );
  const { token } = await createSession(db, userId, now, 3_600_000);
  const user = await findSession(db, token, now);
  if (!user) throw new Error("the new session was not found");
  return { user, token, username, password };
}
