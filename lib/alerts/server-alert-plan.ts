import { configVars } from "@/lib/config/config-vars";
import { loadConfig } from "@/lib/config/load-config";
import { env } from "@/lib/env";
import { alertPlan, type AlertPlan } from "./alert-plan";

let cached: AlertPlan | null | undefined;

/**
 * The alert policies for results the web process stores itself (a remote probe
 * agent's batches), read once from the configuration the supervisor validated:
 * outages that agents' results open or close are alerted like the local worker's.
 */
export function serverAlertPlan(): AlertPlan | null {
  if (cached === undefined) cached = alertPlan(loadConfig(env.configPath, configVars(env)).alerts, env.publicUrl);
  return cached;
}
