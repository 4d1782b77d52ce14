import { clip, normalize, subtract, union, type Span } from "./intervals";
import type { LocationTimeline } from "./location-timeline";

/** A partition of a window into what could be said about a function or service at each instant. */
export type StateTimeline = { window: Span; down: Span[]; unknown: Span[]; noData: Span[]; up: Span[] };

/**
 * Several locations → one function (docs/methodology.md): DOWN at t when at least `quorum`
 * of the locations that have data at t see it DOWN. When fewer than `quorum`
 * locations have data and some of them see DOWN, nothing can be confirmed either
 * way: UNKNOWN, excluded from downtime and from eligible time alike.
 * No location with data: NO_DATA if none had a result, otherwise UNKNOWN.
 */
export function combineLocations(locations: LocationTimeline[], quorum: number, window: Span): StateTimeline {
  if (locations.length === 0) return { window, down: [], unknown: [], noData: [window], up: [] };
  if (locations.length === 1 && quorum <= 1) {
    const l = locations[0]!;
    return { window, down: clip(l.down, window), unknown: clip(l.unknown, window), noData: clip(l.noData, window), up: clip(l.up, window) };
  }
  const points = new Set<number>([window.start, window.end]);
  for (const l of locations)
    for (const set of [l.down, l.unknown, l.noData, l.up])
      for (const s of set) points.add(Math.max(window.start, Math.min(window.end, s.start))).add(Math.max(window.start, Math.min(window.end, s.end)));
  const cuts = [...points].sort((a, b) => a - b);
  const out: StateTimeline = { window, down: [], unknown: [], noData: [], up: [] };
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    if (end <= start) continue;
    const mid = start + (end - start) / 2;
    let withData = 0;
    let down = 0;
    let unknownHere = 0;
    for (const l of locations) {
      if (contains(l.down, mid)) {
        withData++;
        down++;
      } else if (contains(l.up, mid)) withData++;
      else if (contains(l.unknown, mid)) unknownHere++;
    }
    const span = { start, end };
    const verdict = quorumVerdict({ down, withData, unknown: unknownHere }, quorum);
    if (verdict === "DOWN") out.down.push(span);
    else if (verdict === "UNKNOWN") out.unknown.push(span);
    else if (verdict === "UP") out.up.push(span);
    else out.noData.push(span);
  }
  return { window, down: normalize(out.down), unknown: normalize(out.unknown), noData: normalize(out.noData), up: normalize(out.up) };
}

export type QuorumVerdict = "DOWN" | "UP" | "UNKNOWN" | "NO_DATA";

/**
 * The quorum rule at one instant, shared by the reports (combineLocations) and the
 * live state (core/live-state.ts): `down` locations see the function down, `withData`
 * locations measured it (down ones included), `unknown` could not measure.
 */
export function quorumVerdict(c: { down: number; withData: number; unknown: number }, quorum: number): QuorumVerdict {
  if (c.down >= quorum) return "DOWN";
  if (c.down > 0 && c.withData < quorum) return "UNKNOWN";
  if (c.withData > 0) return "UP";
  if (c.unknown > 0) return "UNKNOWN";
  return "NO_DATA";
}

/**
 * Functions → the service: DOWN when any critical function is DOWN (the default
 * rule), or only when all of them are (`all`). Where it is not DOWN and some
 * critical function was not measured, the service's state is not known.
 */
export function combineFunctions(functions: StateTimeline[], mode: "any" | "all", window: Span): StateTimeline {
  if (functions.length === 0) return { window, down: [], unknown: [], noData: [window], up: [] };
  let down: Span[];
  if (mode === "any") down = union(...functions.map((f) => f.down));
  else down = functions.map((f) => f.down).reduce((acc, d) => intersectAll(acc, d));
  const noData = subtract(union(...functions.map((f) => f.noData)), down);
  const unknown = subtract(subtract(union(...functions.map((f) => f.unknown)), down), noData);
  const up = subtract(subtract(subtract([window], down), noData), unknown);
  return { window, down: clip(down, window), unknown: clip(unknown, window), noData: clip(noData, window), up: clip(up, window) };
}

function intersectAll(a: Span[], b: Span[]): Span[] {
  return subtract(a, subtract(a, b));
}

function contains(spans: Span[], t: number): boolean {
  return spans.some((s) => s.start <= t && t < s.end);
}
