import { createHash } from "node:crypto";

/**
 * Daily roots (docs/verify.md). Days are UTC calendar days: the root of roots
 * covers every probe of the instance, whatever the time zone of its contract,
 * and a verifier needs no time-zone data to find a day's bounds.
 *
 * A probe's root for day D is its chain head at the end of D: the seq and hash
 * of its last stored result with `at` before the next UTC midnight. A chain
 * hash commits to every result before it, so this one value vouches for the
 * probe's whole history up to that day, not only the day's own results.
 *
 * The root of roots is sha256 of the UTF-8 text
 *   "uptime-ledger day-root v1\n" + "day " + D + "\n"
 *   + one line "<probe key> <seq> <hash>\n" per probe with at least one result,
 *     in ascending code point order of the probe key,
 * written as 64 lower-case hex digits.
 */
export type DayLeaf = { probe: string; seq: number; hash: string };

export const DAY_ROOT_HEADER = "uptime-ledger day-root v1\n";
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export function rootOfRoots(day: string, leaves: DayLeaf[]): string {
  if (!DAY.test(day)) throw new Error(`day must be YYYY-MM-DD (got ${JSON.stringify(day)})`);
  const sorted = [...leaves].sort((a, b) => (a.probe < b.probe ? -1 : a.probe > b.probe ? 1 : 0));
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]!.probe === sorted[i - 1]!.probe) throw new Error(`probe "${sorted[i]!.probe}" appears twice in the leaves of ${day}`);
  const text = DAY_ROOT_HEADER + `day ${day}\n` + sorted.map((l) => `${l.probe} ${l.seq} ${l.hash}\n`).join("");
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The UTC day an instant falls in, YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** [start, end) of a UTC day in ms. */
export function utcDayWindow(day: string): { start: number; end: number } {
  if (!DAY.test(day)) throw new Error(`day must be YYYY-MM-DD (got ${JSON.stringify(day)})`);
  const start = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(start) || utcDay(start) !== day) throw new Error(`no such day: ${day}`);
  return { start, end: start + DAY_MS };
}

export function addUtcDays(day: string, n: number): string {
  return utcDay(utcDayWindow(day).start + n * DAY_MS);
}
