import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readEnv } from "@/lib/env";

/**
 * The systemd units in deploy/systemd/, checked the way systemd reads them: `systemd-analyze verify` on a
 * copy whose paths point at this checkout (as tests/edge/nginx.test.ts runs the shipped nginx file), and
 * the environment file they share checked against lib/env.ts. systemd-analyze is in Debian's systemd
 * package (.ci/run installs it when missing); it needs no running systemd.
 */
const ANALYZE = "/usr/bin/systemd-analyze";
const ROOT = path.resolve(import.meta.dirname, "../..");
const DIR = path.join(ROOT, "deploy/systemd");
const APP = "/opt/uptime-ledger";

/** The processes of one instance, each a unit the target wants; the setup runs first and alone migrates. */
const INSTANCE = ["setup", "worker", "alerter", "web", "edge"].map((p) => `uptime-ledger-${p}.service`);
/** The units that open the database, so wait for the migrations and the configuration (Requires= and After= the setup). */
const AFTER_SETUP = ["worker", "alerter", "web"].map((p) => `uptime-ledger-${p}.service`);
/** Where Chromium runs (browser journeys, council PDFs). */
const CHROMIUM = ["uptime-ledger-worker.service", "uptime-ledger-web.service"];
const ALL = [...INSTANCE, "uptime-ledger.target", "uptime-ledger-backup.service", "uptime-ledger-backup.timer"].sort();

const text = (name: string) => readFileSync(path.join(DIR, name), "utf8");
/** Every value of a key (a key may repeat: ExecStart=, Wants=, ReadWritePaths=); comments and continuation-free lines only. */
const values = (name: string, key: string) =>
  text(name)
    .split("\n")
    .filter((l) => l.startsWith(`${key}=`))
    .map((l) => l.slice(key.length + 1));

/** The unit as this machine can check it: the application folder is this checkout, node is this node. Every rewrite must apply. */
function localCopy(name: string): string {
  let unit = text(name);
  const replace = (from: string, to: string) => {
    expect(unit, `${name} names ${from}`).toContain(from);
    unit = unit.replaceAll(from, to);
  };
  replace(APP, ROOT);
  if (INSTANCE.includes(name)) replace("ExecStart=/usr/bin/node ", `ExecStart=${process.execPath} `);
  return unit;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "ledger-systemd-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** systemd-analyze verify on the given unit texts (name → text), in a folder of their own; what it says, and its exit status. */
function verify(units: Record<string, string>): { status: number | null; said: string } {
  const dir = mkdtempSync(path.join(tmp, "units-"));
  for (const [name, unit] of Object.entries(units)) writeFileSync(path.join(dir, name), unit);
  const r = spawnSync(ANALYZE, ["verify", "--man=no", ...Object.keys(units)], { cwd: dir, encoding: "utf8" });
  if (r.error) throw new Error(`${ANALYZE} could not run (${r.error.message}): apt-get install -y systemd (.ci/run installs it)`);
  return { status: r.status, said: `${r.stdout}${r.stderr}`.trim() };
}

const localUnits = () => Object.fromEntries(ALL.map((n) => [n, localCopy(n)]));

/** env.example's assignments (commented lines are not); and every name it mentions as NAME= at all, commented or not. */
const example = readFileSync(path.join(DIR, "env.example"), "utf8");
const assigned = Object.fromEntries(
  example
    .split("\n")
    .map((l) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(l))
    .filter((m) => m !== null)
    .map((m) => [m[1]!, m[2]!]),
);
const named = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));

describe("deploy/systemd units", () => {
  it("are the units this test knows (a new one is added here, with its checks)", () => {
    expect(
      readdirSync(DIR)
        .filter((f) => /\.(service|target|timer)$/.test(f))
        .sort(),
    ).toEqual(ALL);
  });

  it("pass systemd-analyze verify: keys, values, dependencies, and every ExecStart= binary present", () => {
    const r = verify(localUnits());
    expect(r.said).toBe("");
    expect(r.status).toBe(0);
  });

  it("and verify does fail on a broken unit: a misspelt key, a missing node, a backup script that cannot be run", () => {
    const misspelt = verify({ ...localUnits(), "uptime-ledger-worker.service": localCopy("uptime-ledger-worker.service").replace("\nRestart=", "\nRestrat=") });
    expect(misspelt.said).toContain("Unknown key 'Restrat'");

    const missing = path.join(tmp, "no-node-here");
    const noNode = verify({ ...localUnits(), "uptime-ledger-edge.service": localCopy("uptime-ledger-edge.service").replaceAll(process.execPath, missing) });
    expect(noNode.status).not.toBe(0);
    expect(noNode.said).toContain(`Command ${missing} is not executable`);

    const noScript = path.join(tmp, "backup.sh");
    writeFileSync(noScript, "#!/bin/sh\n");
    chmodSync(noScript, 0o644); // present but not executable: systemd could not run it
    const r = verify({
      ...localUnits(),
      "uptime-ledger-backup.service": localCopy("uptime-ledger-backup.service").replace(`${ROOT}/deploy/backup.sh`, noScript),
    });
    expect(r.status).not.toBe(0);
    expect(r.said).toContain(`Command ${noScript} is not executable`);
  });

  it("start together from the target, stop and restart with it, and open the database only after the setup", () => {
    const wanted = values("uptime-ledger.target", "Wants").flatMap((v) => v.split(/\s+/));
    expect(wanted.sort()).toEqual([...INSTANCE].sort());
    for (const unit of INSTANCE) expect(values(unit, "PartOf"), unit).toEqual(["uptime-ledger.target"]);
    for (const unit of AFTER_SETUP) {
      expect(values(unit, "Requires"), unit).toEqual(["uptime-ledger-setup.service"]);
      expect(values(unit, "After")[0]?.split(/\s+/), unit).toContain("uptime-ledger-setup.service");
    }
    // migrations, then the configuration, once per start of the instance
    expect(values("uptime-ledger-setup.service", "Type")).toEqual(["oneshot"]);
    expect(values("uptime-ledger-setup.service", "RemainAfterExit")).toEqual(["yes"]);
    expect(values("uptime-ledger-setup.service", "ExecStart").map((c) => c.split(" ").slice(2).join(" "))).toEqual(["migrate", "sync-config"]);
    expect(values("uptime-ledger-backup.service", "ExecStart")).toEqual([`${APP}/deploy/backup.sh`]);
  });

  it("are hardened, except what would stop Chromium or Node.js's JIT", () => {
    for (const unit of [...INSTANCE, "uptime-ledger-backup.service"]) {
      for (const [key, value] of [
        ["User", "uptime-ledger"],
        ["NoNewPrivileges", "yes"],
        ["ProtectSystem", "strict"],
        ["ProtectHome", "yes"],
        ["PrivateTmp", "yes"],
        ["CapabilityBoundingSet", ""],
      ])
        expect(values(unit, key!), `${unit} ${key}`).toEqual([value]);
      expect(values(unit, "MemoryDenyWriteExecute"), unit).toEqual([]);
    }
    for (const unit of INSTANCE.filter((u) => u !== "uptime-ledger-edge.service"))
      expect(values(unit, "ReadWritePaths"), `${unit} may write the data folder`).toContain("/var/lib/uptime-ledger");
    for (const unit of CHROMIUM) {
      expect(values(unit, "SystemCallFilter"), unit).toEqual([]);
      expect(values(unit, "RestrictNamespaces"), unit).toEqual([]);
    }
    for (const unit of INSTANCE.filter((u) => u !== "uptime-ledger-setup.service")) {
      expect(values(unit, "Restart"), unit).toEqual(["on-failure"]);
      expect(values(unit, "RestartSec"), unit).toEqual(["10s"]);
    }
  });
});

describe("deploy/systemd/env.example", () => {
  // lib/env.ts's variables, read from its schema as zod reads them: every name it asks for, and which of them have no default
  const asked = new Set<string>();
  const parsed = readEnv(new Proxy({}, { get: (_t, key) => (typeof key === "string" && asked.add(key), undefined) })) as Record<string, unknown>;
  const noDefault = [...asked].filter((k) => parsed[k] === undefined);
  /** not for a server of this kind, so not in the file: they would change what the processes are */
  const ELSEWHERE: Record<string, string> = {
    LEDGER_AGENT_SERVER: "makes the worker a remote agent (docs/agents.md)",
    LEDGER_AGENT_KEY_FILE: "the remote agent's key",
    LEDGER_SANDBOX_TOKEN: "the demo's stand-in operator",
    LEDGER_SANDBOX_SCENARIO: "the demo's stand-in operator",
  };
  /** named but left unset: the default (a secret made once in the data folder, and backed up) is the right one */
  const OPTIONAL = ["LEDGER_SECRET"];
  /** have a default that is wrong behind nginx with one unit per process */
  const PINNED = ["PORT", "HOST", "LEDGER_DATA_DIR", "LEDGER_TRUSTED_PROXIES"];
  /** read by deploy/backup.sh, not by the processes */
  const BACKUP = ["LEDGER_BACKUP_DIR", "LEDGER_BACKUP_DAYS"];

  it("sets every variable the processes need that has no default, and pins the defaults a unit relies on", () => {
    expect(noDefault.length).toBeGreaterThan(5); // the schema was read
    for (const key of noDefault.filter((k) => !(k in ELSEWHERE) && !OPTIONAL.includes(k))) expect(assigned[key], `${key} in env.example`).toBeTruthy();
    for (const key of OPTIONAL) expect(named.has(key) && !(key in assigned), `${key} named, commented out`).toBe(true);
    for (const key of Object.keys(ELSEWHERE)) expect(key in assigned, `${key} is not for this machine`).toBe(false);
    for (const key of PINNED) expect(assigned[key], `${key} in env.example`).toBeTruthy();
    // no misspelt name: everything set is lib/env.ts's, the backup script's, or a secret a configuration names as ${NAME}
    for (const key of Object.keys(assigned).filter((k) => k.startsWith("LEDGER_") || asked.has(k)))
      expect(asked.has(key) || BACKUP.includes(key), key).toBe(true);
  });

  it("holds values lib/env.ts accepts, agreeing with the units and with nginx", () => {
    expect(() => readEnv(assigned)).not.toThrow();
    expect(assigned.HOST).toBe("127.0.0.1"); // nginx is the public face
    expect(assigned.LEDGER_INVALIDATE_URL).toBe(`http://127.0.0.1:${assigned.PORT}/_edge/invalidate`);
    expect(readFileSync(path.join(ROOT, "deploy/nginx/uptime-ledger.conf"), "utf8")).toContain(`server 127.0.0.1:${assigned.PORT} `);
    expect(values("uptime-ledger-setup.service", "StateDirectory")).toEqual([path.basename(assigned.LEDGER_DATA_DIR!)]);
    expect(path.dirname(assigned.LEDGER_DATA_DIR!)).toBe("/var/lib");
    expect(values("uptime-ledger-backup.service", "ReadWritePaths")).toContain(assigned.LEDGER_BACKUP_DIR);
    // every ${NAME} a unit's command line uses is set
    for (const unit of ALL)
      for (const cmd of values(unit, "ExecStart"))
        for (const m of cmd.matchAll(/\$\{([A-Z0-9_]+)\}/g)) expect(assigned[m[1]!], `${unit} uses \${${m[1]}}`).toBeTruthy();
  });
});
