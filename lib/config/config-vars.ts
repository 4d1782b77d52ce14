import type { Env } from "@/lib/env";

/**
 * Variables a configuration may use as ${NAME}: SANDBOX_URL, and any variable
 * of the environment, so secrets (an SMTP password, a webhook URL) stay out of
 * the files.
 */
export function configVars(e: Env): Record<string, string> {
  return { ...e.configEnv, SANDBOX_URL: `http://127.0.0.1:${e.LEDGER_SANDBOX_PORT}` };
}
