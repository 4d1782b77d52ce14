import { DEFAULT_RETENTION } from "@/core/config/resolve";
import { configVars } from "@/lib/config/config-vars";
import { loadConfig } from "@/lib/config/load-config";
import { env } from "@/lib/env";

let cached: number | undefined;

/** Days citizens' reports are kept: the raw results' retention, from the configuration the supervisor validated. */
export function reportRetentionDays(): number {
  if (cached === undefined) {
    try {
      cached = loadConfig(env.configPath, configVars(env)).retention.rawResultsDays;
    } catch {
      cached = DEFAULT_RETENTION.rawResultsDays;
    }
  }
  return cached;
}
