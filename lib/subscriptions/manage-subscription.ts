import { TOKEN_PATTERN } from "@/core/subscriptions/subscription-rules";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { subscriberChannel } from "./subscribe";
import { tokenHash, type TokenPurpose } from "./tokens";

/** What the confirm and unsubscribe pages may show about a link: the service, never the address. */
export type TokenSubject = { slug: string; name: string; nameEn: string; confirmed: boolean };

async function findByToken(db: Db, purpose: TokenPurpose, token: string | null | undefined, now: Date) {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const hash = tokenHash(token);
  const row = await db.emailSubscription.findUnique({
    where: purpose === "confirm" ? { confirmHash: hash } : { unsubscribeHash: hash },
    include: { service: { select: { slug: true, name: true, nameEn: true } } },
  });
  // An unconfirmed subscription past its day is as good as gone (the alerter deletes it soon).
  if (!row || (row.confirmedAt === null && row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime())) return null;
  return row;
}

export async function tokenSubject(db: Db, purpose: TokenPurpose, token: string | null | undefined, now: Date): Promise<TokenSubject | null> {
  const row = await findByToken(db, purpose, token, now);
  return row && { slug: row.service.slug, name: row.service.name, nameEn: row.service.nameEn, confirmed: row.confirmedAt !== null };
}

/** The reader pressed "confirm" on the link from the confirmation mail. Confirming twice is fine. */
export async function confirmSubscription(db: Db, token: string | null | undefined, now: Date): Promise<TokenSubject | null> {
  const row = await findByToken(db, "confirm", token, now);
  if (!row) return null;
  if (!row.confirmedAt) await db.emailSubscription.updateMany({ where: { id: row.id, confirmedAt: null }, data: { confirmedAt: now, expiresAt: null } });
  return { slug: row.service.slug, name: row.service.name, nameEn: row.service.nameEn, confirmed: true };
}

/**
 * Unsubscribing deletes the subscription (nothing about it is kept) and cancels its mails not yet
 * sent, in one transaction: no mail leaves for it afterwards. Null when the link is unknown
 * (already unsubscribed, or never confirmed and expired).
 */
export async function unsubscribe(db: Db, token: string | null | undefined, now: Date): Promise<TokenSubject | null> {
  const row = await findByToken(db, "unsubscribe", token, now);
  if (!row) return null;
  await deleteSubscriptions(db, [row.id], "unsubscribed before it was sent");
  return { slug: row.service.slug, name: row.service.name, nameEn: row.service.nameEn, confirmed: false };
}

export async function deleteSubscriptions(db: Db, ids: number[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await inTransaction(db, async (tx) => {
    await tx.alertOutbox.updateMany({
      where: { channelKey: { in: ids.map(subscriberChannel) }, status: "PENDING" },
      data: { status: "CANCELLED", lastError: reason },
    });
    await tx.emailSubscription.deleteMany({ where: { id: { in: ids } } });
  });
}

/**
 * Upkeep (the alerter, every minute): unconfirmed subscriptions past their day are deleted, and the
 * subscription rate-limit counters whose windows ended long ago. Returns how many subscriptions went.
 */
export async function sweepSubscriptions(db: Db, now: Date): Promise<number> {
  const expired = await db.emailSubscription.findMany({ where: { confirmedAt: null, expiresAt: { lte: now } }, select: { id: true }, take: 500 });
  await deleteSubscriptions(
    db,
    expired.map((e) => e.id),
    "the subscription expired unconfirmed",
  );
  await db.attemptLimit.deleteMany({ where: { key: { startsWith: "subscribe-" }, windowStart: { lt: new Date(now.getTime() - 2 * 24 * 3_600_000) } } });
  return expired.length;
}
