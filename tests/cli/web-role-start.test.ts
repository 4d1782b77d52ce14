import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * A further instance of a group (LEDGER_ROLE=web) never migrates: on a database that lacks this release's
 * migrations it refuses to start, says why and what to do, and starts nothing.
 */
const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-web-role-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("LEDGER_ROLE=web", () => {
  it("refuses an unmigrated database and names the first instance as the one that migrates", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, LEDGER_ROLE: "web", LEDGER_DATA_DIR: dir, DATABASE_URL: `file:${path.join(dir, "ledger.db")}`, PORT: "3990", LOG_LEVEL: "warn" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/lacks \d+ migration\(s\) of this release/);
    expect(r.stderr).toContain("LEDGER_ROLE=all");
    expect(r.stdout).not.toContain("is running");
  }, 90_000);

  it("an unknown role is a clear error", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: { ...process.env, LEDGER_ROLE: "worker", LEDGER_DATA_DIR: dir, LOG_LEVEL: "warn" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("LEDGER_ROLE");
  }, 90_000);
});
