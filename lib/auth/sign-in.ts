import type { Db } from "@/lib/db";
import { verifyPassword } from "./password";
import { createSession } from "./session-store";

/**
 * Password sign-in with rate limits kept in the database (so they hold across
 * restarts and several web processes): at most ACCOUNT_LIMIT failed attempts per
 * account and ADDRESS_LIMIT per client address in WINDOW_MS. While limited, not
 * even a right password is checked.
 */
export const WINDOW_MS = 15 * 60_000;
export const ACCOUNT_LIMIT = 5;
export const ADDRESS_LIMIT = 20;

export type SignInResult =
  { ok: true; token: string; expiresAt: Date; userId: number } | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSec?: number };

export async function signIn(db: Db, opts: { username: string; password: string; ip: string; now: Date; ttlMs: number }): Promise<SignInResult> {
  const username = opts.username.trim().toLowerCase().slice(0, 80);
  const since = new Date(opts.now.getTime() - WINDOW_MS);
  const [byAccount, byAddress] = await Promise.all([
    db.signInAttempt.findMany({ where: { username, ok: false, at: { gte: since } }, select: { at: true }, orderBy: { at: "asc" } }),
    db.signInAttempt.findMany({ where: { ip: opts.ip, ok: false, at: { gte: since } }, select: { at: true }, orderBy: { at: "asc" } }),
  ]);
  const limited = [
    byAccount.length >= ACCOUNT_LIMIT ? byAccount.at(-ACCOUNT_LIMIT)! : null,
    byAddress.length >= ADDRESS_LIMIT ? byAddress.at(-ADDRESS_LIMIT)! : null,
  ].filter((x) => x !== null);
  if (limited.length > 0) {
    // free again when the oldest of the counted failures leaves the window
    const until = Math.max(...limited.map((a) => a.at.getTime() + WINDOW_MS));
    return { ok: false, reason: "rate_limited", retryAfterSec: Math.max(1, Math.ceil((until - opts.now.getTime()) / 1000)) };
  }
  const user = await db.user.findUnique({ where: { username }, select: { id: true, passwordHash: true, disabledAt: true } });
  const good = (await verifyPassword(user?.passwordHash ?? null, opts.password)) && user !== null && user.disabledAt === null;
  await db.signInAttempt.create({ data: { at: opts.now, username, ip: opts.ip.slice(0, 64), ok: good } });
  if (!good) return { ok: false, reason: "invalid" };
  const session = await createSession(db, user.id, opts.now, opts.ttlMs);
  return { ok: true, token: session.token, expiresAt: session.expiresAt, userId: user.id };
}
