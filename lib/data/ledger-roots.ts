import { addUtcDays, utcDay } from "@/core/ledger/day-root";
import type { Db } from "@/lib/db";
import { listRoots } from "@/lib/store/daily-roots";

/** The published daily roots as the API serves them (GET /api/v1/ledger/roots). */
export type LedgerRootView = {
  day: string;
  root: string;
  probes: number;
  computedAt: string;
  leaves: { probe: string; seq: number; hash: string }[];
};

export type LedgerRootList = {
  generatedAt: string;
  from: string;
  to: string;
  algorithm: string;
  roots: LedgerRootView[];
};

export const ROOTS_DEFAULT_DAYS = 31;
export const ROOTS_MAX_DAYS = 366;
export const ROOTS_ALGORITHM =
  "UTC days, half-open [from, to). Leaf: a probe's chain head (seq, hash) at the end of the day; hash = sha256(prevHash ‖ canonical JSON of the result). root = sha256 of \"uptime-ledger day-root v1\\n\" + \"day YYYY-MM-DD\\n\" + one \"<probe> <seq> <hash>\\n\" line per leaf, by probe key. See docs/verify.md.";

export async function listPublishedRoots(db: Db, range: { from: string; to: string }, now: Date): Promise<LedgerRootList> {
  const roots = await listRoots(db, range);
  return {
    generatedAt: now.toISOString(),
    from: range.from,
    to: range.to,
    algorithm: ROOTS_ALGORITHM,
    roots: roots.map((r) => ({ day: r.day, root: r.root, probes: r.probes, computedAt: r.computedAt.toISOString(), leaves: r.leaves })),
  };
}

/** The end of the default window: the day after today (UTC), so the window includes today. */
export function defaultRootsTo(now: Date): string {
  return addUtcDays(utcDay(now.getTime()), 1);
}
