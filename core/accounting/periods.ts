import { zonedTimeToUtc } from "../time-zone";
import type { Span } from "./intervals";

export type Month = { year: number; month: number };

/** YYYY-MM with a year from 1000: a year written with leading zeros could not be echoed back as given (0000-01 as "0-01"). */
export function parseMonth(text: string): Month | null {
  const m = /^([1-9]\d{3})-(0[1-9]|1[0-2])$/.exec(text);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}

export function formatMonth(m: Month): string {
  return `${m.year}-${String(m.month).padStart(2, "0")}`;
}

export function addMonths(m: Month, n: number): Month {
  const i = m.year * 12 + (m.month - 1) + n;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/** A calendar month in a time zone, half-open: [1st 00:00, 1st of next month 00:00). */
export function monthWindow(m: Month, timeZone: string): Span {
  const next = addMonths(m, 1);
  return {
    start: zonedTimeToUtc({ year: m.year, month: m.month, day: 1 }, 0, 0, timeZone).getTime(),
    end: zonedTimeToUtc({ year: next.year, month: next.month, day: 1 }, 0, 0, timeZone).getTime(),
  };
}

/** Whole calendar months from `from` to `to` inclusive. */
export function monthsInclusive(from: Month, to: Month): number {
  return to.year * 12 + to.month - (from.year * 12 + from.month) + 1;
}
