import { UsageError } from "./usage-error";

/**
 * The configuration a command reads: --config (or check-config's path), else LEDGER_CONFIG. Never the
 * demo configuration by default: a report or an import against examples/demo by accident would look
 * like a real one. `how` is what to write: "--config" or "ledger check-config".
 */
export function requireConfigPath(given: string | undefined, fromEnv: string | null, how = "--config"): string {
  const configPath = given ?? fromEnv;
  if (configPath) return configPath;
  throw new UsageError(
    `No configuration given: write ${how} <file or folder> (or set LEDGER_CONFIG). The demo configuration is not assumed; to use it, write ${how} examples/demo.`,
  );
}
