import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { describe, expect, it } from "vitest";

/**
 * The command-line tool beside a running instance. It used to run `prisma migrate deploy` on every
 * import and agents command; while the instance held the database's write lock that died after 10 s
 * with a WASM_ERROR stack trace. Now a current database is used as it is, a new one is migrated, and a
 * partly migrated one is refused with what to run.
 */
// the driver the instance itself uses for SQLite (it ships no type declarations)
type Connection = { pragma(s: string): unknown; exec(sql: string): void; close(): void };
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => Connection;

const { LEDGER_CONFIG: _config, ...inherited } = process.env;
const cli = (databaseUrl: string, args: string[]) =>
  spawnSync(process.execPath, ["bin/ledger.mjs", ...args], {
    encoding: "utf8",
    timeout: 60_000,
    env: { ...inherited, DATABASE_URL: databaseUrl, LOG_LEVEL: "silent" },
  });

describe("the CLI while the instance runs", () => {
  it("reads and writes a current database while another process holds its write lock, and refuses a partly migrated one", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "ledger-cli-lock-")), "data", "ledger.db");
    const url = `file:${file}`;
    // a new database (its folder does not exist yet) is migrated by the first command
    const first = cli(url, ["agents"]);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("No agents are configured.");

    // the instance's worker in the middle of a write: the lock is held for the whole command
    const instance = new Database(file);
    instance.pragma("busy_timeout = 10000");
    instance.exec("BEGIN IMMEDIATE");
    instance.exec("CREATE TABLE IF NOT EXISTS held_by_instance (x)");
    try {
      const started = Date.now();
      const agents = cli(url, ["agents", "--format", "json"]);
      expect(agents.stderr).not.toContain("WASM_ERROR");
      expect(agents.status, agents.stderr).toBe(0);
      expect(JSON.parse(agents.stdout)).toMatchObject({ agents: [] });
      expect(Date.now() - started).toBeLessThan(9_000);
    } finally {
      instance.exec("COMMIT");
    }

    // a release whose migration the database has not had: refused, saying what to run, and nothing done
    instance.exec(
      "UPDATE _prisma_migrations SET migration_name = 'renamed_' || migration_name WHERE migration_name = (SELECT MAX(migration_name) FROM _prisma_migrations)",
    );
    const refused = cli(url, ["agents"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/The database lacks 1 migration of this release \(\d+_[a-z0-9_]+\)/);
    expect(refused.stderr).toContain("npx ledger migrate");
    expect(refused.stderr).not.toContain("    at ");
    instance.close();
  });

  it("`ledger migrate` applies the migrations of a new database and says when there is nothing to do", () => {
    const url = `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "ledger-cli-migrate-")), "ledger.db")}`;
    const first = cli(url, ["migrate"]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/migrations? (have been )?applied|All migrations have been successfully applied/i);
    const again = cli(url, ["migrate"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/No pending migrations|No migrations to apply/i);
    expect(cli(url, ["migrate", "extra"]).status).toBe(2);
  });

  it("on PostgreSQL, a second command on a database the first one migrated runs (each database has its own migration history)", async () => {
    const server = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? process.env.TEST_DATABASE_URL : "postgresql://postgres@127.0.0.1:5432/postgres";
    const url = new URL(server);
    const name = `ledger_cli_${randomBytes(5).toString("hex")}`;
    url.pathname = `/${name}`;
    try {
      for (let i = 0; i < 2; i++) {
        const r = cli(url.toString(), ["agents"]);
        expect(r.stderr, `run ${i + 1}`).toBe("");
        expect(r.stdout).toContain("No agents are configured.");
      }
    } finally {
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }, 60_000);
});
