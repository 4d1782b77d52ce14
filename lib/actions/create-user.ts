import { z } from "zod";
import { can, ROLES } from "@/core/auth/permissions";
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session-store";
import { appendAudit, type AuditActor } from "@/lib/audit/append-audit";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { ActionError, forbidden } from "./action-error";
import { actorOf } from "./actor";

export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export const createUserInput = z
  .object({
    username: z.string().trim().toLowerCase().regex(USERNAME, "3–40 characters: lower-case letters, digits, '.', '_' or '-'"),
    displayName: z.string().trim().min(1, "give a name shown with this account's actions").max(80),
    role: z.enum(ROLES),
    /** service slugs an operator account acts for */
    services: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/)).default([]),
    password: z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX),
  })
  .refine((u) => u.role !== "OPERATOR" || u.services.length > 0, { message: "an operator account needs at least one service", path: ["services"] })
  .refine((u) => u.role === "OPERATOR" || u.services.length === 0, { message: "only operator accounts have services", path: ["services"] });

/** The command line acting with the machine's authority (the first admin is made this way). */
export const COMMAND_LINE: AuditActor = { id: null, name: "command line", role: "SYSTEM" };

/** Creates an account: by an admin, or from the command line (no session). */
export async function createUser(db: Db, by: SessionUser | "command-line", input: z.input<typeof createUserInput>, now: Date): Promise<{ userId: number }> {
  const u = createUserInput.parse(input);
  let actor = COMMAND_LINE;
  if (by !== "command-line") {
    const a = actorOf(by);
    if (!can(a, "user.manage")) throw forbidden();
    actor = a.audit;
  }
  const passwordHash = await hashPassword(u.password);
  return inTransaction(db, async (tx) => {
    if (await tx.user.findUnique({ where: { username: u.username }, select: { id: true } }))
      throw new ActionError(409, "username_taken", `the username "${u.username}" is taken`);
    const services = await tx.service.findMany({ where: { slug: { in: u.services } }, select: { id: true, slug: true } });
    const missing = u.services.filter((s) => !services.some((x) => x.slug === s));
    if (missing.length > 0) throw new ActionError(400, "unknown_service", `no service ${missing.map((s) => `"${s}"`).join(", ")}`);
    const user = await tx.user.create({
      data: { username: u.username, displayName: u.displayName, role: u.role, passwordHash, services: { create: services.map((s) => ({ serviceId: s.id })) } },
    });
    await appendAudit(tx, {
      at: now,
      actor,
      action: "user.create",
      serviceId: services.length === 1 ? services[0]!.id : null,
      subject: `user:${user.id}`,
      details: { username: u.username, displayName: u.displayName, role: u.role, services: services.map((s) => s.slug).sort() },
    });
    return { userId: user.id };
  });
}
