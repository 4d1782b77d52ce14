/**
 * Whether an instance can be trusted to tell the truth now, as /readyz says it
 * and the instance-watch jobs alert on it: the database answers and has every
 * migration, the probe worker and the alerter are alive (their beats are
 * younger than two of the smallest probe interval), and the disk holding the
 * data folder has room. Pure: the reading of beats, disk and database is done
 * beside it (lib/health/read-readiness.ts).
 */
export type Beat = { role: string; at: number };

export type ReadinessInput = {
  now: number;
  database: { reachable: boolean; pendingMigrations: string[] | null; error?: string };
  beats: Beat[];
  /** the roles that must be beating on this instance, e.g. ["worker:local", "alerter"] */
  roles: string[];
  /** the smallest probe interval in the configuration: a beat older than twice it is stale */
  smallestIntervalMs: number;
  disk: { usedFraction: number; path: string } | null;
};

export type ReadinessCheck = { name: string; ok: boolean; detail: string; ageSec?: number };

/** A beat this old means its process is not running (or not writing): twice the smallest interval, at least 30 s. */
export function staleAfterMs(smallestIntervalMs: number): number {
  return Math.max(30_000, 2 * smallestIntervalMs);
}

export const DISK_FULL_FRACTION = 0.9;

export function readiness(input: ReadinessInput): { ready: boolean; checks: ReadinessCheck[] } {
  const checks: ReadinessCheck[] = [];
  checks.push({
    name: "database",
    ok: input.database.reachable,
    detail: input.database.reachable ? "reachable" : `unreachable: ${input.database.error ?? "no answer"}`,
  });
  if (input.database.reachable) {
    const pending = input.database.pendingMigrations;
    checks.push({
      name: "migrations",
      ok: pending !== null && pending.length === 0,
      detail: pending === null ? "could not be read" : pending.length === 0 ? "all applied" : `not applied: ${pending.join(", ")}`,
    });
  }
  const limit = staleAfterMs(input.smallestIntervalMs);
  for (const role of input.roles) {
    const beat = input.beats.find((b) => b.role === role);
    if (!beat) {
      checks.push({ name: role, ok: false, detail: "has never beaten" });
      continue;
    }
    const age = Math.max(0, input.now - beat.at);
    checks.push({
      name: role,
      ok: age <= limit,
      detail: age <= limit ? `beat ${Math.round(age / 1000)} s ago` : `stopped: last beat ${Math.round(age / 1000)} s ago (limit ${limit / 1000} s)`,
      ageSec: Math.round(age / 1000),
    });
  }
  if (input.disk) {
    const pct = Math.round(input.disk.usedFraction * 1000) / 10;
    checks.push({
      name: "disk",
      ok: input.disk.usedFraction < DISK_FULL_FRACTION,
      detail: `${pct}% used on the disk holding ${input.disk.path} (limit ${DISK_FULL_FRACTION * 100}%)`,
    });
  }
  return { ready: checks.every((c) => c.ok), checks };
}
