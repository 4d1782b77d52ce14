import type { AlertPayload } from "@/core/alerts/alert-payload";
import { retryDelayMs } from "@/core/alerts/backoff";
import type { AlertsConfig } from "@/core/config/resolve";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { inTransaction } from "@/lib/store/in-transaction";
import { fanOutToSubscribers, sendToSubscriber, SUBSCRIBERS_CHANNEL } from "@/lib/subscriptions/deliver-to-subscribers";
import type { Mailer } from "./send-email";
import { sendWebhook, type SendResult } from "./send-webhook";

/** A claimed row is someone's for this long; a crashed alerter's claims are taken up again after it. */
export const LEASE_MS = 60_000;

export type DeliveryStats = { delivered: number; retrying: number; failed: number; cancelled: number };

/**
 * Delivers what is due in the outbox: each row is claimed (PENDING → SENDING,
 * guarded so two alerters never both take it), sent, and every attempt is
 * recorded. A failure is retried with backoff (core/alerts/backoff.ts) until it
 * gives up (FAILED, shown to admins). A reminder no longer needed (acknowledged,
 * or the outage ended) is cancelled instead of sent.
 */
export async function deliverDueAlerts(
  db: Db,
  alerts: AlertsConfig,
  opts: {
    now: () => number;
    log: Logger;
    mailer: Mailer | null;
    limit?: number;
    concurrency?: number;
    /** for e-mail subscribers' mails: the links' address and the secret their tokens derive from */
    subscribers?: { publicUrl: string; secret: Buffer } | null;
  },
): Promise<DeliveryStats> {
  const stats: DeliveryStats = { delivered: 0, retrying: 0, failed: 0, cancelled: 0 };
  const now = new Date(opts.now());
  const due = await db.alertOutbox.findMany({
    where: {
      OR: [
        { status: "PENDING", nextAttemptAt: { lte: now } },
        { status: "SENDING", leaseUntil: { lt: now } },
      ],
    },
    orderBy: { id: "asc" },
    take: opts.limit ?? 50,
    include: { outage: { select: { endedAt: true, acknowledgement: { select: { id: true } } } } },
  });
  const claimed: typeof due = [];
  for (const row of due) {
    const c = await db.alertOutbox.updateMany({
      where: { id: row.id, status: row.status, attempts: row.attempts },
      data: { status: "SENDING", leaseUntil: new Date(now.getTime() + LEASE_MS) },
    });
    if (c.count === 1) claimed.push(row);
  }

  const work = claimed.map((row) => async () => {
    const finish = async (status: "DELIVERED" | "PENDING" | "FAILED" | "CANCELLED", result: SendResult | null, at: Date, durationMs: number) => {
      const attempts = row.attempts + (result ? 1 : 0);
      const delay = status === "PENDING" ? retryDelayMs(attempts) : null;
      const final = status === "PENDING" && delay === null ? "FAILED" : status;
      await inTransaction(db, async (tx) => {
        if (result) await tx.alertAttempt.create({ data: { outboxId: row.id, at, durationMs, ok: result.ok, detail: result.detail } });
        await tx.alertOutbox.update({
          where: { id: row.id },
          data: {
            status: final,
            attempts,
            leaseUntil: null,
            nextAttemptAt: delay !== null ? new Date(at.getTime() + durationMs + delay) : row.nextAttemptAt,
            deliveredAt: final === "DELIVERED" ? new Date(at.getTime() + durationMs) : null,
            lastError: final === "DELIVERED" ? null : (result?.detail ?? row.lastError),
          },
        });
      });
      if (final === "DELIVERED") stats.delivered++;
      else if (final === "PENDING") stats.retrying++;
      else if (final === "FAILED") stats.failed++;
      else stats.cancelled++;
      const level = final === "DELIVERED" || final === "CANCELLED" ? "info" : "warn";
      opts.log[level]({ outbox: row.id, kind: row.kind, channel: row.channelKey, status: final, attempts, detail: result?.detail }, "alert delivery");
    };

    const cancel = async (reason: string) => {
      await db.alertOutbox.update({ where: { id: row.id }, data: { status: "CANCELLED", leaseUntil: null, lastError: reason } });
      stats.cancelled++;
      opts.log.info({ outbox: row.id, kind: row.kind, channel: row.channelKey, status: "CANCELLED", detail: reason }, "alert delivery");
    };
    if (row.kind === "outage_reminder" && row.outage && (row.outage.acknowledgement || row.outage.endedAt)) {
      return cancel(row.outage.acknowledgement ? "acknowledged before it was sent" : "the outage ended before it was sent");
    }
    const subscriberRow = row.channelKey === SUBSCRIBERS_CHANNEL || row.channelKey.startsWith("subscriber:");
    if (subscriberRow && !opts.subscribers) return cancel("subscriptions are not delivered by this alerter");
    const channel = alerts.channels.find((c) => c.key === row.channelKey);
    const payload = JSON.parse(row.payload) as AlertPayload;
    const started = new Date(opts.now());
    const t0 = performance.now();
    let result: SendResult;
    if (row.channelKey === SUBSCRIBERS_CHANNEL) result = await fanOutToSubscribers(db, row, started);
    else if (subscriberRow) {
      const outcome = await sendToSubscriber(db, row, {
        mailer: opts.mailer,
        publicUrl: opts.subscribers!.publicUrl,
        secret: opts.subscribers!.secret,
        now: started,
      });
      if ("cancel" in outcome) return cancel(outcome.cancel);
      result = outcome;
    } else if (!channel) result = { ok: false, detail: `channel "${row.channelKey}" is no longer configured` };
    else if (channel.kind === "webhook") result = await sendWebhook(channel, payload, row.id, started);
    else if (!opts.mailer) result = { ok: false, detail: "no SMTP server is configured (alerts.smtp)" };
    else result = await opts.mailer.send(channel, payload, row.id);
    const durationMs = Math.round(performance.now() - t0);
    await finish(result.ok ? "DELIVERED" : channel || subscriberRow ? "PENDING" : "FAILED", result, started, durationMs);
  });

  // A few at a time: a slow receiver must not hold up the others for long.
  const concurrency = opts.concurrency ?? 8;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, work.length) }, async () => {
      while (next < work.length) {
        const job = work[next++]!;
        try {
          await job();
        } catch (err) {
          opts.log.error({ err }, "alert delivery bookkeeping failed; the lease will expire and it is tried again");
        }
      }
    }),
  );
  return stats;
}
