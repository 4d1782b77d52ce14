/**
 * Retries of a failed delivery: 5 s, then three times longer each time
 * (15 s, 45 s, 2 min 15 s, 6 min 45 s), at most 15 minutes apart; after
 * MAX_ATTEMPTS the alert is marked failed and shown to the admins. Deterministic,
 * so the schedule in the admin page is the schedule that runs.
 */
export const MAX_ATTEMPTS = 10;
const FIRST_MS = 5_000;
const CAP_MS = 15 * 60_000;

/** The wait after the `attempts`-th failed attempt (1-based), or null when it is time to give up. */
export function retryDelayMs(attempts: number): number | null {
  if (attempts < 1) throw new Error("attempts counts from 1");
  if (attempts >= MAX_ATTEMPTS) return null;
  return Math.min(CAP_MS, FIRST_MS * 3 ** (attempts - 1));
}
