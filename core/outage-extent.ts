import { subtract, totalMs, type Span } from "./accounting/intervals";

/** An outage as stored: extent, and the time inside it that was not measured (JSON [{start, end}]). */
export type StoredOutage = { startedAt: Date; endedAt: Date | null; measuredUntil?: Date | null; unmeasured?: string | null };

/**
 * What of an outage is downtime, the same way the reports count it: from its start
 * to its end (an unresolved one: to now, but never past the last result, since
 * beyond it there is no data), less the time inside it that was not measured.
 */
export function outageDown(o: StoredOutage, now: Date): { down: Span[]; downSec: number; unmeasuredSec: number; end: number } {
  const start = o.startedAt.getTime();
  const end = o.endedAt ? o.endedAt.getTime() : Math.min(now.getTime(), o.measuredUntil?.getTime() ?? now.getTime());
  const extent = end > start ? [{ start, end }] : [];
  const holes = parseUnmeasured(o.unmeasured);
  const down = subtract(extent, holes);
  const downMs = totalMs(down);
  return { down, downSec: Math.floor(downMs / 1000), unmeasuredSec: Math.floor((totalMs(extent) - downMs) / 1000), end };
}

export function parseUnmeasured(json: string | null | undefined): Span[] {
  if (!json) return [];
  try {
    const v = JSON.parse(json) as unknown;
    if (!Array.isArray(v)) return [];
    return v.flatMap((x: { start?: unknown; end?: unknown }) => {
      const s = typeof x?.start === "string" ? Date.parse(x.start) : NaN;
      const e = typeof x?.end === "string" ? Date.parse(x.end) : NaN;
      return Number.isFinite(s) && Number.isFinite(e) && e > s ? [{ start: s, end: e }] : [];
    });
  } catch {
    return [];
  }
}
