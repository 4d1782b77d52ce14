import pino from "pino";
import { env } from "../lib/env";
import { loadScenarioFile, resolveScenarioPath } from "./scenario-loader";
import { createSandbox } from "./server";

/**
 * Process entry: `LEDGER_SANDBOX_TOKEN=… npx tsx sandbox/main.ts`.
 * The only sandbox file that reads the environment; everything else takes explicit options.
 */
const logger = pino({ level: env.LOG_LEVEL }).child({ module: "sandbox" });
const SHUTDOWN_LIMIT_MS = 2_000;

async function main(): Promise<void> {
  // The admin API can take the service down; it never runs with a made-up or default secret.
  if (!env.LEDGER_SANDBOX_TOKEN) {
    logger.fatal("LEDGER_SANDBOX_TOKEN is not set: set it to the admin token (8+ characters) the sandbox's admin API should require");
    process.exitCode = 1;
    return;
  }
  const port = env.LEDGER_SANDBOX_PORT;
  if (port === 65535) {
    logger.fatal({ port }, "LEDGER_SANDBOX_PORT must leave room for the admin port (port + 1)");
    process.exitCode = 1;
    return;
  }

  // Load the scenario before listening, so a broken file stops the process before anything is served.
  const scenarioName = env.LEDGER_SANDBOX_SCENARIO?.trim();
  const scenario = scenarioName ? await loadScenarioFile(resolveScenarioPath(scenarioName)) : null;

  const sandbox = await createSandbox({ port, adminPort: port + 1, adminToken: env.LEDGER_SANDBOX_TOKEN, logger });
  if (scenario) {
    const speed = env.LEDGER_SANDBOX_CLOCK_SPEED * scenario.speed;
    sandbox.startScenario(scenario, { speed });
    logger.info({ scenario: scenario.name, speed, loop: scenario.loop }, "scenario running");
  } else {
    logger.info("no LEDGER_SANDBOX_SCENARIO: every function answers ok until changed through the admin API");
  }

  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "close failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, error instanceof Error ? error.message : "sandbox failed to start");
  process.exitCode = 1;
});
