import type { ProbeState } from "./probe-result";

/**
 * The outage rules of docs/methodology.md as a state machine over one function's results:
 * - an outage starts at the start of the first failing run of a streak of `confirm`
 *   consecutive DOWN results, and is opened when the streak reaches `confirm`;
 * - it ends at the start of the first UP (or DEGRADED: correct, only slow) run;
 * - shorter streaks are blips, kept but never downtime;
 * - UNKNOWN (the monitor could not measure) neither extends nor breaks a streak;
 * - a gap longer than 2 × interval (NO_DATA) breaks a streak that has not been
 *   confirmed, since the failures around it are no longer consecutive; an open
 *   outage stays open across a gap (accounting subtracts NO_DATA from downtime).
 */
export type DetectorState = {
  streakStart: Date | null;
  streakCount: number;
  lastFailureAt: Date | null;
  outageOpen: boolean;
  lastAt: Date | null;
};

export type DetectorEvent =
  | { type: "outage_opened"; startedAt: Date; confirmedAt: Date; failures: number }
  | { type: "outage_extended"; failures: number }
  | { type: "outage_closed"; endedAt: Date; failures: number }
  | { type: "blip"; startedAt: Date; endedAt: Date; failures: number };

export type DetectorInput = { at: Date; state: ProbeState; intervalMs: number };

export const INITIAL_DETECTOR_STATE: DetectorState = { streakStart: null, streakCount: 0, lastFailureAt: null, outageOpen: false, lastAt: null };

export function stepDetector(prev: DetectorState, input: DetectorInput, confirm: number): { state: DetectorState; events: DetectorEvent[] } {
  const events: DetectorEvent[] = [];
  let s: DetectorState = { ...prev };
  if (s.lastAt && input.at.getTime() <= s.lastAt.getTime()) {
    return { state: prev, events }; // out of order or duplicate: the record is append-only in time
  }
  const gap = s.lastAt !== null && input.at.getTime() - s.lastAt.getTime() > 2 * input.intervalMs;

  if (gap && !s.outageOpen && s.streakCount > 0) {
    events.push({ type: "blip", startedAt: s.streakStart!, endedAt: new Date(s.lastFailureAt!.getTime() + input.intervalMs), failures: s.streakCount });
    s = { ...s, streakStart: null, streakCount: 0, lastFailureAt: null };
  }
  s.lastAt = input.at;

  switch (input.state) {
    case "DOWN": {
      const streakStart = s.streakCount === 0 ? input.at : s.streakStart!;
      const streakCount = s.streakCount + 1;
      s = { ...s, streakStart, streakCount, lastFailureAt: input.at };
      if (s.outageOpen) events.push({ type: "outage_extended", failures: streakCount });
      else if (streakCount >= confirm) {
        s.outageOpen = true;
        events.push({ type: "outage_opened", startedAt: streakStart, confirmedAt: input.at, failures: streakCount });
      }
      break;
    }
    case "UP":
    case "DEGRADED": {
      if (s.outageOpen) events.push({ type: "outage_closed", endedAt: input.at, failures: s.streakCount });
      else if (s.streakCount > 0) events.push({ type: "blip", startedAt: s.streakStart!, endedAt: input.at, failures: s.streakCount });
      s = { ...s, streakStart: null, streakCount: 0, lastFailureAt: null, outageOpen: false };
      break;
    }
    case "UNKNOWN":
      break;
  }
  return { state: s, events };
}

export type DetectedOutage = { startedAt: Date; confirmedAt: Date; endedAt: Date | null; failures: number };
export type Blip = { startedAt: Date; endedAt: Date; failures: number };

/** The whole history at once: the same rules, folded over results sorted by time. */
export function detectOutages(results: DetectorInput[], confirm: number): { outages: DetectedOutage[]; blips: Blip[]; state: DetectorState } {
  const outages: DetectedOutage[] = [];
  const blips: Blip[] = [];
  let state = INITIAL_DETECTOR_STATE;
  for (const r of results) {
    const step = stepDetector(state, r, confirm);
    state = step.state;
    for (const e of step.events) {
      if (e.type === "outage_opened") outages.push({ startedAt: e.startedAt, confirmedAt: e.confirmedAt, endedAt: null, failures: e.failures });
      else if (e.type === "outage_extended") outages.at(-1)!.failures = e.failures;
      else if (e.type === "outage_closed") outages.at(-1)!.endedAt = e.endedAt;
      else blips.push({ startedAt: e.startedAt, endedAt: e.endedAt, failures: e.failures });
    }
  }
  return { outages, blips, state };
}
