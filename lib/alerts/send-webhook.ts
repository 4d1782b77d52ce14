import { createHmac } from "node:crypto";
import { request } from "undici";
import type { AlertPayload } from "@/core/alerts/alert-payload";
import { slackMessage, webhookJson } from "@/core/alerts/render-alert";
import type { AlertChannel } from "@/core/config/alerts-schema";
import { scrub } from "./scrub";

type WebhookChannel = Extract<AlertChannel, { kind: "webhook" }>;
export type SendResult = { ok: boolean; detail: string };

/**
 * POSTs an alert. With a secret, the request is signed like Stripe's webhooks:
 * X-Ledger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
 * X-Ledger-Delivery carries the outbox id, so a receiver can drop a repeat.
 */
export async function sendWebhook(channel: WebhookChannel, payload: AlertPayload, deliveryId: number, now: Date): Promise<SendResult> {
  const body = JSON.stringify(channel.format === "slack" ? slackMessage(payload) : webhookJson(payload, deliveryId));
  const headers: Record<string, string> = {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "UptimeLedger/0.1 (+alerts)",
    "x-ledger-event": payload.kind,
    "x-ledger-delivery": String(deliveryId),
  };
  if (channel.secret) {
    const t = Math.floor(now.getTime() / 1000);
    headers["x-ledger-signature"] = `t=${t},v1=${createHmac("sha256", channel.secret).update(`${t}.${body}`).digest("hex")}`;
  }
  try {
    const res = await request(channel.url, { method: "POST", headers, body, signal: AbortSignal.timeout(channel.timeout), reset: true });
    const text = (await res.body.text()).slice(0, 200).replace(/\s+/g, " ").trim();
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    return { ok, detail: scrub(`HTTP ${res.statusCode}${text ? `: ${text}` : ""}`, [channel.url, channel.secret]) };
  } catch (err) {
    const e = err as Error & { code?: string };
    const what = e.name === "TimeoutError" || e.name === "AbortError" ? `no answer within ${channel.timeout / 1000} s` : `${e.code ?? e.name}: ${e.message}`;
    return { ok: false, detail: scrub(what, [channel.url, channel.secret]) };
  }
}
