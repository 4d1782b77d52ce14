import nodemailer, { type SendMailOptions, type Transporter } from "nodemailer";
import type { AlertPayload } from "@/core/alerts/alert-payload";
import { emailMessage } from "@/core/alerts/render-alert";
import type { AlertChannel, SmtpConfig } from "@/core/config/alerts-schema";
import { scrub } from "./scrub";
import type { SendResult } from "./send-webhook";

type EmailChannel = Extract<AlertChannel, { kind: "email" }>;

/** A subscriber's mail (lib/subscriptions/deliver-to-subscribers.ts): one recipient, extra headers. */
export type SubscriberMail = { to: string; subject: string; text: string; deliveryId: number; thread?: string; headers: Record<string, string> };

/** One SMTP transport per configuration, reused between deliveries; closed by the alerter on stop. */
export type Mailer = {
  send: (channel: EmailChannel, payload: AlertPayload, deliveryId: number) => Promise<SendResult>;
  /** the recipient's address is scrubbed from the recorded reply, like a password */
  sendToSubscriber: (mail: SubscriberMail) => Promise<SendResult>;
  close: () => void;
};

export function createMailer(smtp: SmtpConfig, publicUrl: string): Mailer {
  const transport: Transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password! } : undefined,
    connectionTimeout: smtp.timeout,
    greetingTimeout: smtp.timeout,
    socketTimeout: smtp.timeout * 2,
  });
  const host = new URL(publicUrl).hostname || "localhost";
  const deliver = async (options: SendMailOptions, secrets: (string | null | undefined)[]): Promise<SendResult> => {
    try {
      const info = await transport.sendMail({ from: smtp.from, ...options });
      const rejected = (info.rejected as unknown[]).length;
      return { ok: rejected === 0, detail: scrub(`${info.response}${rejected ? ` (${rejected} recipient(s) refused)` : ""}`, [smtp.password, ...secrets]) };
    } catch (err) {
      const e = err as Error & { code?: string; response?: string };
      return {
        ok: false,
        detail: scrub(`${e.code ?? e.name}: ${e.response ?? e.message}`, [
          smtp.password,
          smtp.user && smtp.password ? `${smtp.user}:${smtp.password}` : null,
          ...secrets,
        ]),
      };
    }
  };
  return {
    async send(channel, payload, deliveryId) {
      const msg = emailMessage(payload);
      // Mail about the same outage threads together in the reader's mailbox.
      const thread = payload.outage ? `<outage-${payload.outage.id}@${host}>` : undefined;
      return deliver(
        {
          to: channel.to,
          subject: msg.subject,
          text: msg.text,
          messageId: `<alert-${deliveryId}@${host}>`,
          references: thread,
          inReplyTo: payload.kind === "outage_opened" ? undefined : thread,
          headers: { "X-Ledger-Delivery": String(deliveryId), "X-Ledger-Event": payload.kind },
        },
        [],
      );
    },
    async sendToSubscriber(m) {
      const thread = m.thread ? `<${m.thread}@${host}>` : undefined;
      return deliver(
        {
          to: m.to,
          subject: m.subject,
          text: m.text,
          messageId: `<alert-${m.deliveryId}@${host}>`,
          references: thread,
          headers: { "X-Ledger-Delivery": String(m.deliveryId), "Auto-Submitted": "auto-generated", ...m.headers },
        },
        [m.to],
      );
    },
    close: () => transport.close(),
  };
}
