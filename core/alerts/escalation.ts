/**
 * Escalation of an unacknowledged outage. The first alert (round 0) goes to the
 * policy's level 0. While nobody acknowledges, every `repeatEveryMs` a new round
 * starts: round r repeats the alert to every level already alerted and brings in
 * level r, if there is one. After `maxRepeats` rounds it stops (no floods); the
 * closing alert later goes to every level that was alerted.
 */
export type EscalationPlan = { levels: string[][]; repeatEveryMs: number; maxRepeats: number };

export type RoundTarget = { channel: string; level: number; escalated: boolean };

/** The last round due at `nowMs` for an outage first alerted at `firstAlertMs` (0 = only the first alert). */
export function dueRound(plan: EscalationPlan, firstAlertMs: number, nowMs: number): number {
  if (nowMs < firstAlertMs) return 0;
  return Math.min(plan.maxRepeats, Math.floor((nowMs - firstAlertMs) / plan.repeatEveryMs));
}

/** When round `round` is due. */
export function roundDueAt(plan: EscalationPlan, firstAlertMs: number, round: number): number {
  return firstAlertMs + round * plan.repeatEveryMs;
}

/** Who round `round` alerts: levels 0..round (as far as they go); `escalated` marks a level's first alert. */
export function roundTargets(plan: EscalationPlan, round: number): RoundTarget[] {
  const top = Math.min(round, plan.levels.length - 1);
  const out: RoundTarget[] = [];
  for (let level = 0; level <= top; level++) {
    for (const channel of plan.levels[level]!) out.push({ channel, level, escalated: level === round && round > 0 });
  }
  return out;
}

/** Every level reached by round `round`: where the closing alert goes. */
export function reachedChannels(plan: EscalationPlan, round: number): { channel: string; level: number }[] {
  return roundTargets(plan, round).map(({ channel, level }) => ({ channel, level }));
}
