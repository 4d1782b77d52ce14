import { zonedTimeToUtc } from "./time-zone";

/**
 * A wall-clock time as a form's datetime-local field gives it ("2026-12-05T02:00")
 * in the contract's zone → the UTC instant; an ISO instant with an offset is
 * taken as it is. Null for anything else, or for a date that does not exist.
 */
export function parseLocalDateTime(text: string, timeZone: string): Date | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/.exec(t);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return zonedTimeToUtc({ year, month, day }, hour, minute, timeZone);
}
