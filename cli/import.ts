import { parseArgs } from "node:util";
import { loadConfig } from "@/lib/config/load-config";
import { openReadyDb } from "@/lib/migrate";
import { importResults } from "@/lib/store/import-results";
import { requireConfigPath } from "./config-path";
import { UsageError } from "./usage-error";

export const IMPORT_USAGE = `ledger import <results.jsonl[.gz]> --config <path>   (or LEDGER_CONFIG)
  Validates every line, then stores the new results in one transaction; results already
  stored are skipped, so importing the same file twice changes nothing.`;

export async function importCommand(
  args: string[],
  defaults: { configPath: string | null; databaseUrl: string; vars: Record<string, string>; processEnv: NodeJS.ProcessEnv },
  out: (s: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { config: { type: "string" } }, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError(IMPORT_USAGE);
  const config = loadConfig(requireConfigPath(values.config, defaults.configPath), defaults.vars);
  const db = await openReadyDb(defaults.databaseUrl, defaults.processEnv);
  try {
    const r = await importResults(db, config, positionals[0]!, { now: new Date() });
    out(
      `${positionals[0]}: ${r.read} results read, ${r.imported} imported, ${r.skipped} already stored${r.readiness > 0 ? `; ${r.readiness} readiness runs (kept apart from the SLA)` : ""}`,
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}
