import path from "node:path";
import { loadConfig } from "@/lib/config/load-config";
import { configVars } from "@/lib/config/config-vars";
import { openDb, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { pageCacheInvalidator } from "@/lib/page-cache";
import { changesRecord } from "@/lib/store/function-outages";
import { startAgent } from "./agent/run-agent";
import { createBrowserPool } from "./browser-pool";
import { threadedDatabaseSink } from "./threaded-database-sink";
import { startWorker } from "./worker";

/**
 * The probe worker process. Beside the server (started by scripts/start.ts, which has
 * migrated and synced the config) it writes to the database. With LEDGER_AGENT_SERVER
 * and LEDGER_AGENT_KEY_FILE it runs as a remote probe agent instead (docs/agents.md).
 */
const log = logger(env.LEDGER_AGENT_SERVER ? "agent" : "worker");
const config = loadConfig(env.configPath, configVars(env));
// One browser process for every browser journey of this location, started on first use
// (a remote agent keeps its own: probes/agent/run-agent.ts).
const needsBrowser = !env.LEDGER_AGENT_SERVER && config.services.some((s) => s.probes.some((p) => p.kind === "browser" && p.location === env.LEDGER_LOCATION));
const browsers = needsBrowser ? createBrowserPool({ executablePath: env.LEDGER_CHROMIUM_PATH, maxContexts: env.LEDGER_BROWSER_CONTEXTS, log }) : null;

let db: Db | null = null;
let stop: () => Promise<void>;
if (env.LEDGER_AGENT_SERVER) {
  if (!env.LEDGER_AGENT_KEY_FILE) throw new Error("LEDGER_AGENT_KEY_FILE must name the agent's private key file (npx ledger agent-keygen)");
  const agent = await startAgent({ serverUrl: env.LEDGER_AGENT_SERVER, keyFile: path.resolve(env.LEDGER_AGENT_KEY_FILE), config, dataDir: env.dataDir, log });
  stop = agent.stop;
} else {
  db = await openDb(env.databaseUrl);
  // A location whose probes run on a remote agent: probing here too would measure twice.
  // The worker still keeps the ledger (roll-ups, daily roots, pruning).
  const idle = config.agents.some((a) => a.location === env.LEDGER_LOCATION);
  if (idle)
    log.warn(
      { location: env.LEDGER_LOCATION, agents: config.agents.filter((a) => a.location === env.LEDGER_LOCATION).map((a) => a.key) },
      "this location's probes run on a remote agent; the local worker only keeps the ledger",
    );
  const evidenceDir = path.join(env.dataDir, "evidence");
  // Results are written on a thread of their own: the probes' timers never wait for the database.
  const invalidate = pageCacheInvalidator(log);
  const sink = await threadedDatabaseSink({
    databaseUrl: env.databaseUrl,
    config,
    location: env.LEDGER_LOCATION,
    evidenceDir,
    publicUrl: env.publicUrl,
    log,
    onStored: (events) => invalidate(changesRecord(events)),
  });
  const worker = await startWorker({
    sink,
    config,
    location: env.LEDGER_LOCATION,
    log,
    statsFile: path.join(env.dataDir, "worker-stats.json"),
    ledgerDb: db,
    evidenceDir,
    idle,
    browsers,
    publicUrl: env.publicUrl,
  });
  stop = () => worker.stop().then(() => sink.close());
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    void stop()
      .then(() => browsers?.close())
      .then(() => db?.$disconnect())
      .then(() => process.exit(0));
  });
}
