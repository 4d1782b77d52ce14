import { readdirSync } from "node:fs";
import { statfs } from "node:fs/promises";
import path from "node:path";
import { readiness, type ReadinessCheck } from "@/core/health/readiness";
import type { Db } from "@/lib/db";
import { dbKind } from "@/lib/db-kind";
import { readBeats } from "./process-beat";

/** The roles every instance runs (npm start supervises them): the server's probe worker and the alerter. */
export const INSTANCE_ROLES = ["worker", "alerter"] as const;

export type Readiness = { ready: boolean; checks: ReadinessCheck[]; generatedAt: string };

/**
 * /readyz: whether this instance can be trusted now. Never cached; each check is one line a person
 * or a load balancer can read. A database that does not answer makes every other check moot.
 */
export async function readReadiness(db: Db, opts: { now: number; databaseUrl: string; dataDir: string; projectDir?: string }): Promise<Readiness> {
  let reachable = true;
  let error: string | undefined;
  let pendingMigrations: string[] | null = null;
  let beats: { role: string; at: number }[] = [];
  let smallestIntervalMs = 60_000;
  try {
    await db.$queryRawUnsafe("SELECT 1");
  } catch (err) {
    reachable = false;
    error = (err as Error).message.split("\n")[0];
  }
  if (reachable) {
    pendingMigrations = await pending(db, dbKind(opts.databaseUrl), opts.projectDir ?? process.cwd());
    beats = await readBeats(db).catch(() => []);
    smallestIntervalMs = await smallestProbeIntervalMs(db).catch(() => smallestIntervalMs);
  }
  const disk = await diskUse(opts.dataDir);
  const r = readiness({ now: opts.now, database: { reachable, pendingMigrations, error }, beats, roles: [...INSTANCE_ROLES], smallestIntervalMs, disk });
  return { ...r, generatedAt: new Date(opts.now).toISOString() };
}

/** The smallest probe interval in the record (60 s when there is no probe): beats older than twice it are stale. */
export async function smallestProbeIntervalMs(db: Db): Promise<number> {
  const probe = await db.probe.findFirst({ orderBy: { intervalSec: "asc" }, select: { intervalSec: true } });
  return (probe?.intervalSec ?? 60) * 1000;
}

/** The migrations in the repository that the database has not applied (null when that cannot be read). */
async function pending(db: Db, kind: "sqlite" | "postgresql", projectDir: string): Promise<string[] | null> {
  try {
    const dir = path.join(projectDir, "prisma", kind, "migrations");
    const shipped = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return shipped.filter((m) => !applied.has(m)).sort();
  } catch {
    return null;
  }
}

/** How full the disk holding the data folder is (null where it cannot be read). */
export async function diskUse(dataDir: string): Promise<{ usedFraction: number; path: string } | null> {
  try {
    const s = await statfs(dataDir);
    if (s.blocks === 0) return null;
    return { usedFraction: 1 - s.bavail / s.blocks, path: dataDir };
  } catch {
    return null;
  }
}
