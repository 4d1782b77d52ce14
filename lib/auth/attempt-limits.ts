import type { Db } from "@/lib/db";

/**
 * Limits on password guesses, kept in the database (they hold across restarts
 * and several web processes). Each guess takes a slot before the password is
 * checked, with one conditional UPDATE (count below the limit), so guesses sent
 * in parallel cannot all pass; a right password gives its slots back.
 */
export const WINDOW_MS = 15 * 60_000;
/** guesses per account from one address: a stranger elsewhere cannot lock the account */
export const PAIR_LIMIT = 5;
/** guesses per address over all accounts: high enough for an office behind one address */
export const ADDRESS_LIMIT = 100;

/** `windowMs`: the fixed window the count is kept in (the password limits' 15 minutes unless given). */
export type Limit = { key: string; max: number; windowMs?: number };

/** The limits a password guess for `account` from `address` counts against. */
export function guessLimits(purpose: "sign-in" | "password", account: string, address: string): Limit[] {
  const ip = address.slice(0, 64);
  return [
    { key: `${purpose}:${account.slice(0, 80)}@${ip}`, max: PAIR_LIMIT },
    { key: `address:${ip}`, max: ADDRESS_LIMIT },
  ];
}

/** Takes a slot under every limit, or none of them: null when allowed, else seconds to wait. */
export async function takeSlots(db: Db, limits: Limit[], now: Date): Promise<number | null> {
  const taken: Limit[] = [];
  for (const limit of limits) {
    const wait = await takeSlot(db, limit, now);
    if (wait !== null) {
      await giveBack(db, taken);
      return wait;
    }
    taken.push(limit);
  }
  return null;
}

/** A right password: its guess does not count. */
export async function giveBack(db: Db, limits: Limit[]): Promise<void> {
  for (const { key } of limits) await db.attemptLimit.updateMany({ where: { key, count: { gt: 0 } }, data: { count: { decrement: 1 } } });
}

async function takeSlot(db: Db, { key, max, windowMs = WINDOW_MS }: Limit, now: Date): Promise<number | null> {
  if (!(await db.attemptLimit.findUnique({ where: { key }, select: { key: true } }))) {
    try {
      await db.attemptLimit.create({ data: { key, windowStart: now, count: 0 } });
    } catch (err) {
      if ((err as { code?: string }).code !== "P2002") throw err;
    }
  }
  // An ended window starts again; the condition lets only one of racing requests restart it.
  await db.attemptLimit.updateMany({ where: { key, windowStart: { lte: new Date(now.getTime() - windowMs) } }, data: { windowStart: now, count: 0 } });
  const took = await db.attemptLimit.updateMany({ where: { key, count: { lt: max } }, data: { count: { increment: 1 } } });
  if (took.count === 1) return null;
  const row = await db.attemptLimit.findUniqueOrThrow({ where: { key }, select: { windowStart: true } });
  return retryAfterSec(row.windowStart.getTime(), now.getTime(), windowMs);
}

/** Seconds until a window that started at `windowStart` ends (at least 1). */
export function retryAfterSec(windowStart: number, now: number, windowMs: number = WINDOW_MS): number {
  return Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
}
