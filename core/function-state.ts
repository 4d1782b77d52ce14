/**
 * What the public sees for a function right now. Besides the stored state:
 * STOPPED when the last result is older than 2 × interval (the worker or agent
 * stopped: the last state is no longer true, and never the operator's downtime);
 * NO_DATA when nothing was ever measured.
 */
export const DISPLAY_STATES = ["UP", "DEGRADED", "FAILING", "DOWN", "UNKNOWN", "STOPPED", "NO_DATA"] as const;
export type DisplayState = (typeof DISPLAY_STATES)[number];

/** Whether measuring has stopped: a result covers [at, at + interval); one more interval of grace covers the write delay. */
export function measurementStopped(opts: { lastResultAt: Date | null; intervalSec: number; now: Date }): boolean {
  if (!opts.lastResultAt) return false;
  return opts.now.getTime() - opts.lastResultAt.getTime() > 2 * opts.intervalSec * 1000;
}

export function displayState(opts: { stored: string | null; lastResultAt: Date | null; intervalSec: number; now: Date }): DisplayState {
  if (!opts.stored || !opts.lastResultAt) return "NO_DATA";
  if (measurementStopped(opts)) return "STOPPED";
  return (DISPLAY_STATES as readonly string[]).includes(opts.stored) ? (opts.stored as DisplayState) : "UNKNOWN";
}

// A stopped function outranks UP: the service is never "operational" on results that are no longer true.
const SEVERITY: Record<DisplayState, number> = { DOWN: 6, FAILING: 5, DEGRADED: 4, UNKNOWN: 3, STOPPED: 2, NO_DATA: 1, UP: 0 };

/** The service's state: the worst state among its critical functions (the default of docs/methodology.md). */
export function serviceState(functions: { state: DisplayState; critical: boolean }[]): DisplayState {
  const critical = functions.filter((f) => f.critical);
  const considered = critical.length > 0 ? critical : functions;
  if (considered.length === 0) return "NO_DATA";
  if (considered.every((f) => f.state === "NO_DATA")) return "NO_DATA";
  if (considered.every((f) => f.state === "NO_DATA" || f.state === "STOPPED")) return "STOPPED";
  return considered.reduce<DisplayState>((worst, f) => (SEVERITY[f.state] > SEVERITY[worst] ? f.state : worst), "UP");
}
