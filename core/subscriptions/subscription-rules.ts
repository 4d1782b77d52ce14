import { z } from "zod";

/**
 * The rules of e-mail subscriptions, in one place so the pages, the docs and the tests state the
 * same numbers. A stranger's address must not be mail-bombed through the form: confirmation mails
 * are limited per address (whoever asks, from wherever), and asking is limited per client.
 */

/** A confirmation link is good for a day; an unconfirmed subscription is deleted after it. */
export const CONFIRM_TTL_MS = 24 * 3_600_000;
/** At most one confirmation mail per address per 10 minutes, over all services. */
export const ADDRESS_INTERVAL_MS = 10 * 60_000;
/** And at most 5 per address per 24 hours. */
export const ADDRESS_DAY_MAX = 5;
export const DAY_MS = 24 * 3_600_000;
/** At most 20 subscription requests per client address per hour (the form, whatever the address typed). */
export const CLIENT_HOUR_MAX = 20;
export const HOUR_MS = 3_600_000;

/** The events that mail confirmed subscribers (docs/alerts-and-operators.md, "Subscriptions"). */
export const SUBSCRIBER_EVENTS = ["outage_opened", "outage_closed", "outage_update"] as const;
export type SubscriberEvent = (typeof SUBSCRIBER_EVENTS)[number];

const emailSchema = z.email().max(254);

/** The address as stored and compared: trimmed and lower-cased; null when it is not an address. */
export function normalizeEmail(input: string): string | null {
  const s = input.trim().toLowerCase();
  return emailSchema.safeParse(s).success ? s : null;
}

/** A confirm or unsubscribe token as the links carry it: 32 bytes, base64url. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
