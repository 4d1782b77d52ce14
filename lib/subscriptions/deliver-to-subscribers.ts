import type { AlertPayload } from "@/core/alerts/alert-payload";
import { confirmationMail, incidentMail } from "@/core/subscriptions/subscriber-mail";
import type { SendResult } from "@/lib/alerts/send-webhook";
import type { Mailer } from "@/lib/alerts/send-email";
import type { Db } from "@/lib/db";
import { inTransaction } from "@/lib/store/in-transaction";
import { subscriberChannel } from "./subscribe";
import { subscriptionToken } from "./tokens";

/** The outbox channel of an event for every confirmed subscriber of its service, expanded by the alerter. */
export const SUBSCRIBERS_CHANNEL = "subscribers";

type OutboxRow = {
  id: number;
  dedupeKey: string;
  kind: string;
  serviceId: number;
  outageId: number | null;
  functionId: number | null;
  payload: string;
  createdAt: Date;
};
export type SubscriberOutcome = SendResult | { cancel: string };

/**
 * One event row becomes one row per subscriber who had confirmed by the time of the event, each
 * delivered, retried and recorded like any alert. Rows made by an earlier try that crashed are
 * not made again (their keys are looked up first), so a retried fan-out sends nobody two mails.
 */
export async function fanOutToSubscribers(db: Db, row: OutboxRow, now: Date): Promise<SendResult> {
  const made = await inTransaction(db, async (tx) => {
    const subs = await tx.emailSubscription.findMany({
      where: { serviceId: row.serviceId, confirmedAt: { not: null, lte: row.createdAt } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    const prefix = `${row.dedupeKey}:`;
    const existing = new Set(
      (await tx.alertOutbox.findMany({ where: { dedupeKey: { startsWith: prefix } }, select: { dedupeKey: true } })).map((r) => r.dedupeKey),
    );
    const fresh = subs.filter((s) => !existing.has(`${prefix}${s.id}`));
    for (let i = 0; i < fresh.length; i += 500) {
      await tx.alertOutbox.createMany({
        data: fresh.slice(i, i + 500).map((s) => ({
          dedupeKey: `${prefix}${s.id}`,
          kind: row.kind,
          policyKey: "subscriptions",
          channelKey: subscriberChannel(s.id),
          serviceId: row.serviceId,
          outageId: row.outageId,
          functionId: row.functionId,
          payload: row.payload,
          createdAt: now,
          nextAttemptAt: now,
        })),
      });
    }
    return subs.length;
  });
  return { ok: true, detail: `handed to ${made} subscriber(s)` };
}

/**
 * One subscriber's mail: the address is read now (never stored with the alert), the links carry
 * tokens derived now from the subscription's nonce. A subscription gone (unsubscribed, expired)
 * or no longer waiting for this mail cancels it.
 */
export async function sendToSubscriber(
  db: Db,
  row: OutboxRow & { channelKey: string },
  o: { mailer: Mailer | null; publicUrl: string; secret: Buffer; now: Date },
): Promise<SubscriberOutcome> {
  const id = Number(row.channelKey.slice("subscriber:".length));
  const sub = Number.isInteger(id) ? await db.emailSubscription.findUnique({ where: { id } }) : null;
  if (!sub) return { cancel: "the subscription no longer exists (unsubscribed or expired)" };
  if (!o.mailer) return { ok: false, detail: "no SMTP server is configured (alerts.smtp)" };
  const payload = JSON.parse(row.payload) as AlertPayload;
  const link = (lang: "ko" | "en", page: string, token: string) => `${o.publicUrl}/${lang}/subscriptions/${page}?token=${token}`;
  if (row.kind === "subscription_confirm") {
    if (sub.confirmedAt) return { cancel: "already confirmed" };
    if (!sub.expiresAt || sub.expiresAt.getTime() <= o.now.getTime()) return { cancel: "the subscription expired unconfirmed" };
    // A newer request made a new nonce (and its own mail): this older mail's link would not work.
    if (!row.dedupeKey.endsWith(`:confirm:${sub.nonce}`)) return { cancel: "a newer confirmation mail replaced it" };
    const token = subscriptionToken(o.secret, "confirm", sub.nonce);
    const mail = confirmationMail({
      service: payload.service,
      confirm: { ko: link("ko", "confirm", token), en: link("en", "confirm", token) },
      expiresAt: sub.expiresAt,
    });
    return o.mailer.sendToSubscriber({ to: sub.email, ...mail, deliveryId: row.id, headers: { "X-Ledger-Event": row.kind } });
  }
  if (!sub.confirmedAt) return { cancel: "the subscription is not confirmed" };
  const token = subscriptionToken(o.secret, "unsubscribe", sub.nonce);
  const outage = payload.outage?.id ?? row.outageId;
  const details = (lang: "ko" | "en") => (outage ? `${o.publicUrl}/${lang}/outages/${outage}` : `${o.publicUrl}/${lang}/services/${payload.service.slug}`);
  const mail = incidentMail(payload, {
    details: { ko: details("ko"), en: details("en") },
    unsubscribe: { ko: link("ko", "unsubscribe", token), en: link("en", "unsubscribe", token) },
  });
  return o.mailer.sendToSubscriber({
    to: sub.email,
    ...mail,
    deliveryId: row.id,
    thread: outage ? `outage-${outage}` : undefined,
    headers: {
      "X-Ledger-Event": row.kind,
      // RFC 2369 and RFC 8058: mail programs offer "unsubscribe", and may do it with one POST.
      "List-Unsubscribe": `<${o.publicUrl}/actions/subscriptions/unsubscribe?token=${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      "List-Id": `${payload.service.slug} incidents <${payload.service.slug}.incidents.${new URL(o.publicUrl).hostname || "localhost"}>`,
    },
  });
}
