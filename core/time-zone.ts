/**
 * Calendar arithmetic in a named time zone without a date library: instants stay
 * UTC `Date`s, and calendar days are found through Intl. Windows are half-open [start, end).
 */
export type LocalDate = { year: number; month: number; day: number };

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

export function localParts(at: Date, timeZone: string) {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** Offset of the zone from UTC at an instant, in ms (Asia/Seoul: +9 h). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant at which a local wall-clock time occurs: its first occurrence when a DST change repeats
 * it, and the end of the gap when a DST change skips it (a day whose midnight does not exist, as in
 * America/Santiago on 2022-09-11, begins at 01:00). A zone with one offset either side of the day is
 * answered at once (Asia/Seoul always).
 */
export function zonedTimeToUtc(d: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(d.year, d.month - 1, d.day, hour, minute);
  const before = zoneOffsetMs(new Date(guess - DAY_MS), timeZone);
  const after = zoneOffsetMs(new Date(guess + DAY_MS), timeZone);
  if (before === after && zoneOffsetMs(new Date(guess - before), timeZone) === before) return new Date(guess - before);
  // Around a change: the candidates under either offset that really show this wall time, earliest first.
  const candidates = [...new Set([guess - before, guess - after])].sort((a, b) => a - b);
  for (const c of candidates) if (wallMs(new Date(c), timeZone) === guess) return new Date(c);
  // Skipped by the change: the first instant whose wall time is at or after it.
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (wallMs(new Date(mid), timeZone) >= guess) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

const DAY_MS = 86_400_000;

/** The wall-clock time of an instant in the zone, as if it were UTC (seconds kept). */
function wallMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

export function localDateOf(at: Date, timeZone: string): LocalDate {
  const p = localParts(at, timeZone);
  return { year: p.year, month: p.month, day: p.day };
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** [start, end) of a local calendar day. */
export function dayWindow(d: LocalDate, timeZone: string): { start: Date; end: Date } {
  return { start: zonedTimeToUtc(d, 0, 0, timeZone), end: zonedTimeToUtc(addDays(d, 1), 0, 0, timeZone) };
}

export function formatLocalDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;
}

export function parseLocalDate(text: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a YYYY-MM-DD date: "${text}"`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}
