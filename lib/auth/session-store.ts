import { createHash, randomBytes } from "node:crypto";
import { isRole, type Role } from "@/core/auth/permissions";
import type { Db } from "@/lib/db";

/**
 * Sessions in the database. The browser holds a random 256-bit token in an
 * httpOnly cookie; the database holds only its SHA-256, so neither a copy of the
 * database nor the audit log gives anyone a working session.
 */
export const SESSION_COOKIE = "ledger_session";

export type SessionUser = {
  sessionId: number;
  /** SHA-256 of the cookie's token: what CSRF tokens are bound to */
  tokenHash: string;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  services: { id: number; slug: string; name: string; nameEn: string }[];
};

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createSession(db: Db, userId: number, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.session.create({ data: { tokenHash: hashToken(token), userId, createdAt: now, lastSeenAt: now, expiresAt } });
  return { token, expiresAt };
}

/** The signed-in user behind a cookie's token, or null (unknown, expired, or the account disabled). */
export async function findSession(db: Db, token: string | undefined | null, now: Date): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const tokenHash = hashToken(token);
  const s = await db.session.findUnique({
    where: { tokenHash },
    include: { user: { include: { services: { include: { service: { select: { id: true, slug: true, name: true, nameEn: true } } } } } } },
  });
  if (!s || s.expiresAt.getTime() <= now.getTime() || s.user.disabledAt !== null || !isRole(s.user.role)) return null;
  return {
    sessionId: s.id,
    tokenHash,
    userId: s.user.id,
    username: s.user.username,
    displayName: s.user.displayName,
    role: s.user.role,
    services: s.user.services.map((us) => us.service).sort((a, b) => a.slug.localeCompare(b.slug)),
  };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

/** Set-Cookie for a new session: httpOnly, SameSite=Lax, Secure when the site is served over https. */
export function sessionCookie(token: string, maxAgeSec: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.floor(maxAgeSec)}${secure ? "; Secure" : ""}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? "; Secure" : ""}`;
}
