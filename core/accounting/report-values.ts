/**
 * What a report says, as values rather than sentences: each document (page, PDF, markdown, CSV) renders
 * them in its own language through one formatter (lib/i18n/report-text.ts), and the JSON keeps them as
 * machine values (ISO instants, integers, exact fractions as decimal strings).
 */
export type Value =
  /** integer KRW */
  | { type: "amount"; krw: number }
  /** an exact share shown as a percentage: availability, coverage (num / den, decimal strings) */
  | { type: "percent"; num: string; den: string }
  /** a rate or share as the contract writes it: "1.3/1000", "10%", "99.5%" */
  | { type: "rate"; text: string }
  | { type: "duration"; ms: number }
  /** an instant, ISO 8601 (UTC); shown in the contract's time zone */
  | { type: "instant"; at: string }
  /** a calendar date in the contract's time zone, YYYY-MM-DD */
  | { type: "date"; date: string }
  | { type: "count"; n: number; unit: "day" | "hour" | "outage" | "blip" | "run" }
  /** a plain number (a score, an indicator's level) */
  | { type: "number"; n: number }
  /** an identifier, shown as code */
  | { type: "code"; text: string }
  /** free text quoted from the configuration or an admin (a reason, a resolution), shown as written */
  | { type: "text"; text: string }
  /** function keys, shown by their names */
  | { type: "functions"; keys: string[] }
  | { type: "list"; items: Value[] }
  | { type: "note"; note: Note };

/** A sentence as a code and its parameters; the catalogues hold the words (lib/i18n/report-notes.ts). */
export type Note = { code: NoteCode; params: Record<string, Value> };

export type NoteCode =
  | "rate_over_ceiling"
  | "cap_over_ceiling"
  | "nothing_eligible"
  | "low_coverage"
  | "indicator_unmeasured"
  | "no_ruleset"
  | "unknown_reported_function"
  | "pruned"
  | "excused_day"
  | "credit_tier"
  | "no_tier"
  | "pool_indicator"
  | "pool_payout"
  | "recovery_outage"
  | "maintenance_in_time"
  | "maintenance_late"
  | "force_majeure"
  | "dispute_accepted"
  | "blip"
  | "combine_any"
  | "combine_all";

export const amount = (krw: bigint | number): Value => ({ type: "amount", krw: Number(krw) });
export const percent = (num: bigint | number, den: bigint | number): Value => ({ type: "percent", num: String(num), den: String(den) });
export const rate = (text: string): Value => ({ type: "rate", text });
export const duration = (ms: number): Value => ({ type: "duration", ms });
export const instant = (ms: number | string): Value => ({
  type: "instant",
  at: typeof ms === "string" ? new Date(ms).toISOString() : new Date(ms).toISOString(),
});
export const date = (d: string): Value => ({ type: "date", date: d });
export const count = (n: number, unit: Extract<Value, { type: "count" }>["unit"]): Value => ({ type: "count", n, unit });
export const num = (n: number): Value => ({ type: "number", n });
export const code = (text: string): Value => ({ type: "code", text });
export const text = (t: string): Value => ({ type: "text", text: t });
export const functions = (keys: string[]): Value => ({ type: "functions", keys });
export const list = (items: Value[]): Value => ({ type: "list", items });
export const note = (c: NoteCode, params: Record<string, Value> = {}): Note => ({ code: c, params });
export const noteValue = (c: NoteCode, params: Record<string, Value> = {}): Value => ({ type: "note", note: note(c, params) });
