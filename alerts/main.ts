import { configVars } from "@/lib/config/config-vars";
import { loadConfig } from "@/lib/config/load-config";
import { openDb } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { serverSecret } from "@/lib/secret";
import { startAlerter } from "./alerter";

/** The alerter process. The supervisor (scripts/start.ts) has already migrated and synced the config. */
const log = logger("alerter");
const config = loadConfig(env.configPath, configVars(env));
const db = await openDb(env.databaseUrl);
const alerter = startAlerter({ db, alerts: config.alerts, publicUrl: env.publicUrl, log, dataDir: env.dataDir, secret: serverSecret() });

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    void alerter
      .stop()
      .then(() => db.$disconnect())
      .then(() => process.exit(0));
  });
}
