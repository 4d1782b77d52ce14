/**
 * A fresh database for one benchmark: a SQLite file in a temporary folder, or a
 * new PostgreSQL database on BENCH_PG_URL (default the local server), migrated,
 * and dropped again by `drop()`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDeploy } from "@/lib/migrate";

export type DbKind = "sqlite" | "postgresql";
export type BenchDatabase = { kind: DbKind; url: string; file: string | null; drop: () => Promise<void> };

export const PG_SERVER = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export async function pgAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function freshDatabase(kind: DbKind, label: string): Promise<BenchDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), `ledger-bench-${label}-`));
    const file = path.join(dir, "bench.db");
    const url = `file:${file}`;
    await migrateDeploy(url, process.env);
    return { kind, url, file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `ledger_bench_${label}_${randomBytes(4).toString("hex")}`;
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrateDeploy(url, process.env); // creates the database first
  return {
    kind,
    url,
    file: null,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_SERVER });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
