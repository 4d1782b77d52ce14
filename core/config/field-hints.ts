import { z } from "zod";
import { DURATION_HINT } from "../duration";

/**
 * Messages for the values people most often write wrongly in a configuration: durations, dates,
 * instants, times of day and amounts. Each says what was found and how to write it (loadConfig adds
 * the file, line and path), instead of zod's "expected string, received number".
 */

type Issue = { input?: unknown };

function found(input: unknown): string {
  if (input === undefined) return "nothing (the field is required)";
  if (input === null) return "an empty value";
  if (typeof input === "string") return `"${input}"`;
  if (typeof input === "number") return `the number ${input}`;
  if (input instanceof Date) return "a date the YAML read as a timestamp";
  return Array.isArray(input) ? "a list" : `a ${typeof input}`;
}

export function durationMessage(iss: Issue): string {
  if (typeof iss.input === "number") {
    const n = Number.isInteger(iss.input) && iss.input > 0 ? iss.input : 72;
    return `a bare number has no unit: write a duration such as ${n}h, ${n}m or ${n}s (${DURATION_HINT})`;
  }
  return `${DURATION_HINT}; found ${found(iss.input)}`;
}

export function dateMessage(iss: Issue): string {
  const s = iss.input;
  if (typeof s === "string" && /^\d{4}-\d{2}-\d{2}T/.test(s)) return `a date only here, YYYY-MM-DD, e.g. ${s.slice(0, 10)} (found "${s}")`;
  return `a date as YYYY-MM-DD (four-digit year, two-digit month and day), e.g. 2022-04-01; found ${found(s)}`;
}

export function instantMessage(iss: Issue): string {
  const s = iss.input;
  if (typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s))
    return `a date alone is not an instant here: write the time and the offset too, e.g. ${s}T00:00:00+09:00 (midnight KST); found "${s}"`;
  if (typeof s === "string" && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s))
    return `an instant needs its offset: e.g. ${s.replace(" ", "T")}${s.length === 16 ? ":00" : ""}+09:00 for KST (Z for UTC); found "${s}"`;
  return `an ISO 8601 instant with offset, e.g. 2022-04-01T14:00:00+09:00 (KST); found ${found(s)}`;
}

/** A deadline is an instant: a date alone could mean the day's first instant or its last, so it is refused with both. */
export function deadlineMessage(iss: Issue): string {
  const s = iss.input;
  if (typeof s === "string" && /^\d{4}-\d{2}-\d{2}$/.test(s))
    return `a deadline is an instant, not a date: for "by the end of ${s}" write ${s}T23:59:59+09:00, for "by the start of ${s}" write ${s}T00:00:00+09:00 (KST; docs/configuration.md, "Dates and deadlines")`;
  return instantMessage(iss);
}

export function clockMessage(iss: Issue): string {
  return `a local time "HH:MM" in quotes, e.g. "08:30" (to "24:00" for the end of the day); found ${found(iss.input)}`;
}

export function hourMessage(iss: Issue): string {
  const s = iss.input;
  const h = typeof s === "string" ? /^(\d{1,2}):00$/.exec(s.trim()) : null;
  return `an hour of the day as a whole number 0–23, e.g. ${h ? Number(h[1]) : 9} for ${h ? h[1]!.padStart(2, "0") : "09"}:00; found ${found(s)}`;
}

export function amountMessage(iss: Issue): string {
  const s = iss.input;
  const digits = typeof s === "string" ? s.replace(/[,_\s원]|KRW/g, "") : null;
  const example = digits && /^\d+$/.test(digits) ? digits : "3640000000";
  return `an amount in whole won, a positive number without separators or units, e.g. ${example}; found ${found(s)}`;
}

export const durationText = () => z.string({ error: durationMessage });
export const localDate = z.iso.date({ error: dateMessage });
export const instant = z.iso.datetime({ offset: true, error: instantMessage });
export const deadline = z.iso.datetime({ offset: true, error: deadlineMessage });
export const clock = z.string({ error: clockMessage }).regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: clockMessage });
export const hourOfDay = z.number({ error: hourMessage }).int({ error: hourMessage }).min(0, { error: hourMessage }).max(23, { error: hourMessage });
export const amountKrw = () =>
  z.number({ error: amountMessage }).int({ error: amountMessage }).positive({ error: amountMessage }).max(Number.MAX_SAFE_INTEGER, { error: amountMessage });
