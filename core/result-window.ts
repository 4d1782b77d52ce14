/**
 * When a probe result can plausibly have happened: not before the ledger's
 * earliest day, not after now plus the clock skew allowed. One result dated far
 * ahead would make every later real run look "out of order" to the fold and
 * freeze the function's state, and one dated in year 1 would send the daily-root
 * job back to year 1; so such results are refused where they come in.
 */
export const EARLIEST_RESULT_AT = Date.UTC(2000, 0, 1);

/** Clock skew allowed for an imported file's newest result (agents have their own maxClockSkew). */
export const IMPORT_CLOCK_SKEW_MS = 5 * 60_000;

export type ResultWindow = { from: number; to: number };

export function resultWindow(opts: { now: number; skewMs: number; from?: number }): ResultWindow {
  return { from: Math.max(EARLIEST_RESULT_AT, opts.from ?? EARLIEST_RESULT_AT), to: opts.now + opts.skewMs };
}

/** Why `at` is outside the window (a sentence to show), or null when it is inside. */
export function outsideWindow(at: number, w: ResultWindow): string | null {
  if (!Number.isFinite(at)) return "not a valid instant";
  if (at < w.from) return `dated ${iso(at)}, before ${iso(w.from)}: earlier than any result this ledger keeps`;
  if (at > w.to) return `dated ${iso(at)}, after ${iso(w.to)} (now plus the clock skew allowed): a result cannot come from the future`;
  return null;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}
