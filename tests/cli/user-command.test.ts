import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { openDb } from "@/lib/db";
import { syncConfig } from "@/lib/store/sync-config";
import { loadConfig } from "@/lib/config/load-config";
import { migrateDeploy } from "@/lib/migrate";

/** `npx ledger create-admin` and `npx ledger user …` against a data folder of their own. */
describe("accounts from the command line", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-cli-user-"));
  const env = { ...process.env, LEDGER_DATA_DIR: dir, DATABASE_URL: `file:${path.join(dir, "ledger.db")}`, LOG_LEVEL: "silent" };
  const ledger = (args: string[], input?: string) => spawnSync(process.execPath, ["bin/ledger.mjs", ...args], { encoding: "utf8", env, input });

  it("makes the first admin (random password printed once), operators for a service, and records it all", { timeout: 120_000 }, async () => {
    const first = ledger(["create-admin", "--username", "Citizens", "--name", "시민단체"]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^created admin account "citizens"\npassword \(shown once; change it after signing in\): (\S{20})\n$/);
    const password = /: (\S{20})\n$/.exec(first.stdout)![1]!;

    // an operator needs its service in the database (synced from the configuration when the instance starts)
    expect(
      ledger(["user", "add", "--username", "op1", "--role", "operator", "--service", "dongbaekjeon", "--password-stdin"], "operator-password-123\n").stderr,
    ).toContain('no service "dongbaekjeon"');
    await migrateDeploy(env.DATABASE_URL, env);
    const db = await openDb(env.DATABASE_URL);
    await syncConfig(db, loadConfig("examples/demo", { SANDBOX_URL: "http://127.0.0.1:9" }));
    const op = ledger(
      ["user", "add", "--username", "op1", "--role", "operator", "--service", "dongbaekjeon", "--name", "부산은행", "--password-stdin"],
      "operator-password-123\n",
    );
    expect(op.status, op.stderr).toBe(0);
    expect(op.stdout).toBe('created operator account "op1" for dongbaekjeon\n');

    expect(ledger(["user", "add", "--username", "x1", "--role", "mayor", "--password-stdin"], "some-password-1234\n").stderr).toContain(
      "--role must be admin, council or operator",
    );
    expect(ledger(["user", "add", "--username", "x2", "--role", "council", "--password-stdin"], "short\n").stderr).toContain("at least 12 characters");
    expect(ledger(["create-admin", "--username", "citizens", "--password-stdin"], "another-password-123\n").stderr).toContain("is taken");

    const users = await db.user.findMany({ orderBy: { id: "asc" } });
    expect(users.map((u) => [u.username, u.role])).toEqual([
      ["citizens", "ADMIN"],
      ["op1", "OPERATOR"],
    ]);
    expect(await verifyPassword(users[0]!.passwordHash, password)).toBe(true);
    expect(await verifyPassword(users[1]!.passwordHash, "operator-password-123")).toBe(true);

    expect(ledger(["user", "disable", "--username", "op1"]).stdout).toBe('account "op1" disabled\n');
    const list = execFileSync(process.execPath, ["bin/ledger.mjs", "user", "list"], { encoding: "utf8", env });
    expect(list).toBe("citizens\tadmin\tactive\t-\t시민단체\nop1\toperator\tdisabled\tdongbaekjeon\t부산은행\n");
    const audit = await db.auditEntry.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.actorRole, a.action, a.subject])).toEqual([
      ["SYSTEM", "user.create", `user:${users[0]!.id}`],
      ["SYSTEM", "user.create", `user:${users[1]!.id}`],
      ["SYSTEM", "user.disable", `user:${users[1]!.id}`],
    ]);
    await db.$disconnect();
  });
});
