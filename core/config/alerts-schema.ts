import { z } from "zod";
import { parseRational } from "../accounting/rational";
import { DURATION_HINT, parseDuration } from "../duration";
import { durationText } from "./field-hints";

/**
 * Where alerts go: an SMTP server, channels (a webhook or a list of e-mail
 * addresses) and policies that say which services alert which channels, in
 * which order of escalation. Secrets (SMTP password, webhook secret, a Slack
 * URL) are written as ${VARIABLES} and come from the environment; they are
 * used to deliver and are never stored or shown.
 */

const key = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and '-' only");

const duration = (minMs: number, maxMs: number) =>
  durationText().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: `not a duration: "${text}" (${DURATION_HINT})` });
      return z.NEVER;
    }
    if (ms < minMs || ms > maxMs) {
      ctx.addIssue({ code: "custom", message: `must be between ${minMs / 1000}s and ${maxMs / 1000}s` });
      return z.NEVER;
    }
    return ms;
  });

export const smtpSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    /** TLS from the first byte (usually port 465). Otherwise STARTTLS is used when the server offers it. */
    secure: z.boolean().default(false),
    /** refuse to send without TLS (STARTTLS must succeed) */
    requireTls: z.boolean().default(false),
    user: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /** the sender, e.g. "Uptime Ledger <alerts@example.org>" */
    from: z.string().min(3),
    /** connection and reply timeout */
    timeout: duration(1000, 120_000).default(10_000),
  })
  .strict()
  .refine((s) => (s.user === undefined) === (s.password === undefined), { message: "give both user and password, or neither", path: ["password"] });

const webhookChannel = z
  .object({
    key,
    kind: z.literal("webhook"),
    url: z.url({ protocol: /^https?$/, message: "an http:// or https:// URL" }),
    /** json: the ledger's own JSON; slack: a Slack-compatible message ({ text, blocks }) */
    format: z.enum(["json", "slack"]).default("json"),
    /** signs each request: X-Ledger-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body"> */
    secret: z.string().min(16, "a webhook secret needs at least 16 characters").optional(),
    timeout: duration(1000, 60_000).default(10_000),
  })
  .strict();

const emailChannel = z
  .object({
    key,
    kind: z.literal("email"),
    to: z.array(z.email({ message: "an e-mail address" })).min(1),
  })
  .strict();

export const channelSchema = z.discriminatedUnion("kind", [webhookChannel, emailChannel]);

export const ALERT_EVENTS = ["outage", "error_budget", "peak_warning", "citizen_surge"] as const;

const policySchema = z
  .object({
    key,
    /** service slugs; every service when left out */
    services: z.array(key).min(1).optional(),
    events: z
      .array(z.enum(ALERT_EVENTS))
      .min(1)
      .default([...ALERT_EVENTS]),
    /** level 0 is alerted first; each further level after `repeatEvery` without acknowledgement */
    escalation: z.array(z.object({ channels: z.array(key).min(1) }).strict()).min(1),
    /** N: an unacknowledged outage is repeated to those alerted, and escalated one level, every N */
    repeatEvery: duration(1000, 86_400_000).default(900_000),
    /** repeats after the first alert, then silence until the outage ends (no floods) */
    maxRepeats: z.number().int().min(0).max(50).default(3),
    /** the availability objective for error-budget alerts; default the contract's service-credit target */
    objective: z
      .string()
      .refine((s) => {
        const r = parseRational(s);
        return r !== null && r.num > 0n && r.num < r.den;
      }, 'an availability between 0 and 100%, e.g. "99.5%"')
      .optional(),
  })
  .strict();

export const alertsSchema = z
  .object({
    smtp: smtpSchema.optional(),
    channels: z.array(channelSchema).default([]),
    policies: z.array(policySchema).default([]),
    /** the admins' channels for the instance itself: its probe worker or alerter stopped, its data disk over 90% */
    instance: z
      .object({ channels: z.array(key).min(1) })
      .strict()
      .optional(),
  })
  .strict();

export type AlertsFile = z.output<typeof alertsSchema>;
export type SmtpConfig = z.output<typeof smtpSchema>;
export type AlertChannel = z.output<typeof channelSchema>;
export type AlertPolicyFile = z.output<typeof policySchema>;
