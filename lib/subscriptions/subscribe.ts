import type { AlertPayload } from "@/core/alerts/alert-payload";
import {
  ADDRESS_DAY_MAX,
  ADDRESS_INTERVAL_MS,
  CLIENT_HOUR_MAX,
  CONFIRM_TTL_MS,
  DAY_MS,
  HOUR_MS,
  normalizeEmail,
} from "@/core/subscriptions/subscription-rules";
import { takeSlots } from "@/lib/auth/attempt-limits";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { addressKey, newNonce, tokenHashes } from "./tokens";

export type SubscribeResult =
  { ok: true; mailed: boolean } | { ok: false; reason: "invalid_email" | "unknown_service" | "rate_limited"; retryAfterSec?: number };

export const SUBSCRIBERS_POLICY = "subscriptions";
export const subscriberChannel = (id: number) => `subscriber:${id}`;

/**
 * A reader asks to follow a service by e-mail. The answer is the same whether the address was new,
 * waiting for confirmation or already confirmed, and whether a mail went out, so the form tells
 * nobody who subscribes to what; only the client's own limit is said. A confirmation mail goes
 * into the outbox (the alerter sends it) unless the address had one within the address limits.
 */
export async function subscribe(
  db: Db,
  a: { slug: string; email: string; client: string; now: Date; secret: Buffer; publicUrl: string },
): Promise<SubscribeResult> {
  const email = normalizeEmail(a.email);
  if (!email) return { ok: false, reason: "invalid_email" };
  const service = await db.service.findUnique({
    where: { slug: a.slug },
    select: { id: true, slug: true, name: true, nameEn: true, contracts: { select: { timeZone: true }, orderBy: { termStart: "desc" }, take: 1 } },
  });
  if (!service) return { ok: false, reason: "unknown_service" };
  const clientWait = await takeSlots(db, [{ key: `subscribe-client:${a.client.slice(0, 64)}`, max: CLIENT_HOUR_MAX, windowMs: HOUR_MS }], a.now);
  if (clientWait !== null) return { ok: false, reason: "rate_limited", retryAfterSec: clientWait };

  const existing = await db.emailSubscription.findUnique({ where: { serviceId_email: { serviceId: service.id, email } } });
  if (existing?.confirmedAt) return { ok: true, mailed: false };
  const key = addressKey(a.secret, email);
  const addressWait = await takeSlots(
    db,
    [
      { key: `subscribe-address:${key}`, max: 1, windowMs: ADDRESS_INTERVAL_MS },
      { key: `subscribe-address-day:${key}`, max: ADDRESS_DAY_MAX, windowMs: DAY_MS },
    ],
    a.now,
  );
  if (addressWait !== null) return { ok: true, mailed: false };

  const nonce = newNonce();
  const tokens = tokenHashes(a.secret, nonce);
  const expiresAt = new Date(a.now.getTime() + CONFIRM_TTL_MS);
  const payload: AlertPayload = {
    kind: "subscription_confirm",
    service: { slug: service.slug, name: service.name, nameEn: service.nameEn, timeZone: service.contracts[0]?.timeZone ?? "Asia/Seoul" },
    function: null,
    outage: null,
    budget: null,
    round: 0,
    level: 0,
    escalated: false,
    url: `${a.publicUrl}/ko/services/${service.slug}`,
    createdAt: a.now.toISOString(),
  };
  try {
    await inTransaction(db, async (tx) => {
      const row = existing
        ? await tx.emailSubscription.update({ where: { id: existing.id }, data: { nonce, ...tokens, expiresAt } })
        : await tx.emailSubscription.create({ data: { serviceId: service.id, email, nonce, ...tokens, createdAt: a.now, expiresAt } });
      await tx.alertOutbox.create({
        data: {
          dedupeKey: `subscription:${row.id}:confirm:${nonce}`,
          kind: "subscription_confirm",
          policyKey: SUBSCRIBERS_POLICY,
          channelKey: subscriberChannel(row.id),
          serviceId: service.id,
          payload: JSON.stringify(payload),
          createdAt: a.now,
          nextAttemptAt: a.now,
        },
      });
    });
  } catch (err) {
    // Two requests for the same address at once: the other one made the subscription and its mail.
    if ((err as { code?: string }).code === "P2002") return { ok: true, mailed: false };
    throw err;
  }
  return { ok: true, mailed: true };
}
