import { quorumVerdict } from "./accounting/combine";
import type { DisplayState } from "./function-state";

/** One location's state now, as displayState() gives it for that location's probe. */
export type LocationNow = { state: DisplayState; since: Date | null };

/**
 * A function's state now across its locations, by the same quorum rule as the
 * reports (core/accounting/combine.ts, quorumVerdict): DOWN when at least `quorum`
 * of the locations with data see an open outage; FAILING when that many would once
 * their unconfirmed streaks are confirmed; UNKNOWN when some see it failing but too
 * few locations have data to decide, or none has data and some could not measure;
 * STOPPED when no location measures it any more; NO_DATA when none ever did.
 * With one location this is that location's state.
 */
export function functionNow(locations: LocationNow[], quorum: number): { state: DisplayState; since: Date | null } {
  const count = (...states: DisplayState[]) => locations.filter((l) => states.includes(l.state)).length;
  const withData = count("UP", "DEGRADED", "FAILING", "DOWN");
  const unknown = count("UNKNOWN");
  const confirmed = quorumVerdict({ down: count("DOWN"), withData, unknown }, quorum);
  const pending = quorumVerdict({ down: count("DOWN", "FAILING"), withData, unknown }, quorum);

  let state: DisplayState;
  if (confirmed === "DOWN") state = "DOWN";
  else if (pending === "DOWN") state = "FAILING";
  else if (confirmed === "UNKNOWN" || pending === "UNKNOWN") state = "UNKNOWN";
  else if (confirmed === "NO_DATA") state = count("STOPPED") > 0 ? "STOPPED" : "NO_DATA";
  // Slow but correct: said of the function when as many locations see it as the quorum asks for (all, when fewer measure).
  else state = count("DEGRADED") >= Math.min(quorum, withData) ? "DEGRADED" : "UP";

  return { state, since: sinceOf(locations, state, quorum) };
}

/** When the function's state began: for DOWN and FAILING, when the quorum-th location joined; otherwise the latest change among the locations that agree. */
function sinceOf(locations: LocationNow[], state: DisplayState, quorum: number): Date | null {
  const agreeing: Record<DisplayState, DisplayState[]> = {
    DOWN: ["DOWN"],
    FAILING: ["DOWN", "FAILING"],
    DEGRADED: ["DEGRADED"],
    UP: ["UP", "DEGRADED"],
    UNKNOWN: ["UNKNOWN", "DOWN", "FAILING", "STOPPED", "NO_DATA"],
    // a stopped location's `since` is its last result: the function's last measurement is the latest of them
    STOPPED: ["STOPPED"],
    NO_DATA: ["NO_DATA"],
  };
  const times = locations
    .filter((l) => agreeing[state].includes(l.state) && l.since)
    .map((l) => l.since!.getTime())
    .sort((a, b) => a - b);
  if (times.length === 0) return null;
  const t = state === "DOWN" || state === "FAILING" ? times[Math.min(quorum, times.length) - 1]! : times.at(-1)!;
  return new Date(t);
}
