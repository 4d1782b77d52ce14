import path from "node:path";
import { ConfigError, loadConfig } from "@/lib/config/load-config";

/** `ledger check-config [path]`: validates a configuration and summarises it. Exit 0 valid, 1 invalid. */
export function checkConfig(configPath: string, vars: Record<string, string>, out: (s: string) => void): number {
  try {
    const config = loadConfig(configPath, vars);
    out(`${path.relative(process.cwd(), configPath) || configPath}: valid`);
    for (const s of config.services) {
      out(`  ${s.slug}: ${s.functions.length} functions, ${s.probes.length} probes${s.contract ? `, contract ${s.contract.key}` : ""}`);
    }
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      out(err.message);
      return 1;
    }
    throw err;
  }
}
