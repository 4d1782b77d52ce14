import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/lib/db";

/**
 * `npx ledger sync-config`: the step of npm start that deploy/systemd/uptime-ledger-setup.service runs
 * after `ledger migrate`, against a data folder of its own (SQLite).
 */
describe("ledger sync-config", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-cli-sync-"));
  const databaseUrl = `file:${path.join(dir, "ledger.db")}`;
  const env = { ...process.env, LEDGER_DATA_DIR: dir, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent", LEDGER_CONFIG: "examples/demo" };
  const ledger = (args: string[], extra: Record<string, string | undefined> = {}) =>
    spawnSync(process.execPath, ["bin/ledger.mjs", ...args], { encoding: "utf8", env: { ...env, ...extra } });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(
    "refuses a database that is not there, a configuration with errors, and one with migrations missing; then writes the configuration",
    { timeout: 180_000 },
    async () => {
      const none = ledger(["sync-config"]);
      expect(none.status, none.stderr).toBe(2);
      expect(none.stderr).toContain("run ledger migrate first");

      const migrated = ledger(["migrate"]);
      expect(migrated.status, migrated.stderr).toBe(0);

      // a configuration with an error: nothing is written, the problem is named
      const bad = path.join(dir, "bad.yaml");
      writeFileSync(bad, readFileSync("examples/demo/dongbaekjeon.yaml", "utf8").replace(/^(\s*)interval: .*$/m, "$1interval: -5s"));
      const invalid = ledger(["sync-config", "--config", bad]);
      expect(invalid.status, invalid.stderr).toBe(1);
      expect(invalid.stderr).toMatch(/interval/);
      let db = await openDb(databaseUrl);
      expect(await db.service.count()).toBe(0);

      // a database this release has not fully migrated is refused with what to run
      const last = await db.$queryRawUnsafe<{ migration_name: string }[]>("SELECT migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1");
      // (as a migration that was interrupted: started, never finished)
      const name = last[0]!.migration_name;
      const [finished] = await db.$queryRawUnsafe<{ finished_at: unknown }[]>("SELECT finished_at FROM _prisma_migrations WHERE migration_name = ?", name);
      await db.$executeRawUnsafe("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = ?", name);
      const partial = ledger(["sync-config"]);
      expect(partial.status, partial.stderr).toBe(1);
      expect(partial.stderr).toContain(`lacks 1 migration of this release (${name})`);
      expect(await db.service.count()).toBe(0);
      await db.$executeRawUnsafe("UPDATE _prisma_migrations SET finished_at = ? WHERE migration_name = ?", finished!.finished_at, name);
      await db.$disconnect();

      const ok = ledger(["sync-config"]);
      expect(ok.status, ok.stderr).toBe(0);
      db = await openDb(databaseUrl);
      const probes = await db.probe.count({ where: { active: true } });
      expect(ok.stdout).toBe(`configuration ${path.resolve("examples/demo")} written to the database: 1 services, ${probes} probes\n`);
      expect(await db.service.findMany({ select: { slug: true } })).toEqual([{ slug: "dongbaekjeon" }]);
      expect(probes).toBeGreaterThan(0);
      await db.$disconnect();
    },
  );
});
