import type { Actor } from "@/core/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-store";
import type { AuditActor } from "@/lib/audit/append-audit";

/** The signed-in user as the permission rules and the audit log see it. */
export function actorOf(u: SessionUser): Actor & { audit: AuditActor } {
  return { id: u.userId, role: u.role, serviceIds: u.services.map((s) => s.id), audit: { id: u.userId, name: u.displayName, role: u.role } };
}
