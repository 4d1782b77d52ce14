/**
 * What an alert says, as stored in the outbox: public facts only (names, times,
 * the outage number and its public page). Channel addresses and secrets are
 * looked up when the alert is delivered and never stored with it.
 */
export const ALERT_KINDS = [
  "outage_opened",
  "outage_reminder",
  "outage_closed",
  "budget_page",
  "budget_ticket",
  "budget_resolved",
  "peak_warning",
  "citizen_surge",
  "instance_unready",
  "instance_ready",
  // to e-mail subscribers only (core/subscriptions/subscriber-mail.ts)
  "subscription_confirm",
  "outage_update",
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type AlertPayload = {
  kind: AlertKind;
  service: { slug: string; name: string; nameEn: string; timeZone: string };
  function: { key: string; name: string; nameEn: string } | null;
  outage: {
    id: number;
    startedAt: string;
    confirmedAt: string | null;
    endedAt: string | null;
    failures: number;
    errorClass: string | null;
    message: string | null;
  } | null;
  budget: {
    severity: "PAGE" | "TICKET";
    objective: string;
    /** the rules that fired: "14.4× over 1 h and 5 min" */
    firing: { longMs: number; shortMs: number; factor: string }[];
    /** burn rate per window length in ms */
    burn: Record<string, number | null>;
    since: string;
  } | null;
  /** a peak hour ahead whose last occurrences were all degraded (core/changeover/peak-warning.ts) */
  peak?: {
    ruleId: string;
    nextPeak: string;
    months: { month: string; latencyP95: number | null; medianLatencyP95: number | null; errorRate: number | null; degraded: string | null }[];
  } | null;
  /** citizens' reports for a function passed the surge threshold (core/citizen/surge.ts); never a measurement */
  surge?: { id: number; count: number; median: number; threshold: number; since: string } | null;
  /** about the monitoring instance itself (its worker or alerter stopped, its disk nearly full), for the admins */
  instance?: { check: string; detail: string } | null;
  /** an operator's public statement about the outage (subscribers' mail about it) */
  statement?: { at: string; body: string; author: string } | null;
  /** 0 for the first alert; 1.. for repeats while unacknowledged */
  round: number;
  level: number;
  /** this level is alerted for the first time in this round */
  escalated: boolean;
  /** the public page of the incident */
  url: string;
  createdAt: string;
};
