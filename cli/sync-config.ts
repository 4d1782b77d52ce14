import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config/load-config";
import { openDb } from "@/lib/db";
import { dbKind } from "@/lib/db-kind";
import { MigrationsMissingError, pendingMigrations } from "@/lib/migrate";
import { syncConfig } from "@/lib/store/sync-config";
import { requireConfigPath } from "./config-path";
import { UsageError } from "./usage-error";

export const SYNC_CONFIG_USAGE = `ledger sync-config [--config <file or folder>]   (or LEDGER_CONFIG)
  Validates the configuration and writes it into the database, as npm start does before it
  starts the processes: services, functions, locations, probes, contracts and agents; probes
  no longer configured are deactivated, never deleted. Run it after ledger migrate (the
  systemd units in deploy/systemd/ do both in uptime-ledger-setup.service).`;

type Defaults = { configPath: string | null; databaseUrl: string; vars: Record<string, string> };

/**
 * `ledger sync-config`: the step of npm start that a deployment with one process per unit
 * (deploy/systemd/) runs on its own. A configuration with errors stops it before the database
 * is opened (ConfigError, every problem listed); a database this release has not migrated is
 * refused rather than half-written (MigrationsMissingError says what to run).
 */
export async function syncConfigCommand(args: string[], defaults: Defaults, out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { config: { type: "string" } }, allowPositionals: true, strict: true });
  if (positionals.length > 0) throw new UsageError(`ledger sync-config takes no positional arguments (got ${positionals.join(" ")}); write --config <path>`);
  const configPath = path.resolve(requireConfigPath(values.config, defaults.configPath));
  const config = loadConfig(configPath, defaults.vars);
  const file = defaults.databaseUrl.startsWith("file:") ? path.resolve(defaults.databaseUrl.slice("file:".length)) : null;
  if (file && !existsSync(file)) throw new UsageError(`no database at ${file}: run ledger migrate first (or set DATABASE_URL or LEDGER_DATA_DIR)`);
  const db = await openDb(defaults.databaseUrl);
  try {
    const pending = await pendingMigrations(db, dbKind(defaults.databaseUrl));
    if (pending.length > 0) throw new MigrationsMissingError(pending);
    const r = await syncConfig(db, config);
    out(`configuration ${configPath} written to the database: ${r.services} services, ${r.probes} probes`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}
