/**
 * What the public sees for a function right now. Besides the stored state, a
 * function whose last result is older than 2 × interval has NO_DATA: the
 * monitor is not measuring, which is never the operator's downtime.
 */
export const DISPLAY_STATES = ["UP", "DEGRADED", "FAILING", "DOWN", "UNKNOWN", "NO_DATA"] as const;
export type DisplayState = (typeof DISPLAY_STATES)[number];

export function displayState(opts: { stored: string | null; lastResultAt: Date | null; intervalSec: number; now: Date }): DisplayState {
  if (!opts.stored || !opts.lastResultAt) return "NO_DATA";
  // A result covers [at, at + interval); one more interval of grace covers the write delay.
  if (opts.now.getTime() - opts.lastResultAt.getTime() > 2 * opts.intervalSec * 1000) return "NO_DATA";
  return (DISPLAY_STATES as readonly string[]).includes(opts.stored) ? (opts.stored as DisplayState) : "UNKNOWN";
}

const SEVERITY: Record<DisplayState, number> = { DOWN: 5, FAILING: 4, DEGRADED: 3, UNKNOWN: 2, NO_DATA: 1, UP: 0 };

/** The service's state: the worst state among its critical functions (the default of docs/methodology.md). */
export function serviceState(functions: { state: DisplayState; critical: boolean }[]): DisplayState {
  const critical = functions.filter((f) => f.critical);
  const considered = critical.length > 0 ? critical : functions;
  if (considered.length === 0) return "NO_DATA";
  if (considered.every((f) => f.state === "NO_DATA")) return "NO_DATA";
  return considered.reduce<DisplayState>((worst, f) => (SEVERITY[f.state] > SEVERITY[worst] ? f.state : worst), "UP");
}
