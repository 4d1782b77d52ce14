import type { Db } from "@/lib/db";
import { giveBack, guessLimits, takeSlots } from "./attempt-limits";
import { verifyPassword } from "./password";
import { createSession } from "./session-store";

/**
 * Password sign-in under the guess limits (lib/auth/attempt-limits.ts): per
 * account and address, and per address. While limited, not even a right
 * password is checked. Every checked attempt is recorded.
 */
export type SignInResult =
  { ok: true; token: string; expiresAt: Date; userId: number } | { ok: false; reason: "invalid" | "rate_limited"; retryAfterSec?: number };

export async function signIn(db: Db, opts: { username: string; password: string; ip: string; now: Date; ttlMs: number }): Promise<SignInResult> {
  const username = opts.username.trim().toLowerCase().slice(0, 80);
  const limits = guessLimits("sign-in", username, opts.ip);
  const wait = await takeSlots(db, limits, opts.now);
  if (wait !== null) return { ok: false, reason: "rate_limited", retryAfterSec: wait };
  const user = await db.user.findUnique({ where: { username }, select: { id: true, passwordHash: true, disabledAt: true } });
  const good = (await verifyPassword(user?.passwordHash ?? null, opts.password)) && user !== null && user.disabledAt === null;
  await db.signInAttempt.create({ data: { at: opts.now, username, ip: opts.ip.slice(0, 64), ok: good } });
  if (!good) return { ok: false, reason: "invalid" };
  await giveBack(db, limits);
  const session = await createSession(db, user.id, opts.now, opts.ttlMs);
  return { ok: true, token: session.token, expiresAt: session.expiresAt, userId: user.id };
}
