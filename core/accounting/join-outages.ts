import type { StateTimeline } from "./combine";
import { intersect, normalize, subtract, totalMs, type Span } from "./intervals";

export type JoinedOutage = { start: number; end: number; downMs: number; unmeasured: Span[] };

/**
 * A function's outages from its timeline: DOWN spans joined across holes that were
 * only unmeasured (no data or UNKNOWN, no correct answer in between), as the reports
 * list them and the live record stores them. The holes are kept: they are part of
 * the outage's extent but never of its downtime.
 */
export function joinOutages(t: StateTimeline, exclude: Span[] = []): JoinedOutage[] {
  const down = normalize(subtract(t.down, exclude));
  const out: { start: number; end: number; parts: Span[] }[] = [];
  for (const s of down) {
    const last = out.at(-1);
    if (last && intersect([{ start: last.end, end: s.start }], t.up).length === 0) {
      last.end = s.end;
      last.parts.push(s);
    } else out.push({ start: s.start, end: s.end, parts: [s] });
  }
  return out.map((o) => ({ start: o.start, end: o.end, downMs: totalMs(o.parts), unmeasured: subtract([{ start: o.start, end: o.end }], o.parts) }));
}
