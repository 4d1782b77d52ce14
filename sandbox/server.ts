import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pino, { type Logger } from "pino";
import { createAdminHandler, type AdminState, type SandboxControl } from "./admin-routes";
import { createAlertInbox, type InboxMessage } from "./alert-inbox";
import { createApiHandler } from "./api-routes";
import { okFaultTable, withFault, withOffline, type Fault, type FaultTable, type SandboxFunction } from "./faults";
import { createIdempotencyStore } from "./idempotency-store";
import { DEFAULT_SCENARIOS_DIR } from "./scenario-loader";
import { startScenarioRunner, type ScenarioRunner } from "./scenario-runner";
import type { Scenario } from "./scenario-schema";
import { createWalletStore } from "./wallet-store";

export type SandboxOptions = {
  /** Defaults to 127.0.0.1: the sandbox and its admin API are for the local demo and tests. */
  host?: string;
  /** 0 picks a free port; the real one is in `url`, and stays the same across offline/online. */
  port: number;
  adminPort: number;
  adminToken: string;
  /** Milliseconds since the epoch; injectable so tests can drive scenarios without waiting. */
  clock?: () => number;
  logger?: Logger;
  scenariosDir?: string;
};

export type Sandbox = {
  url: string;
  adminUrl: string;
  /** The fault table in force right now (a snapshot; change it with setFault/setOffline or the admin API). */
  readonly faults: FaultTable;
  setFault(fn: SandboxFunction, fault: Fault): void;
  /** Resolves once the API listener is actually closed or reopened. */
  setOffline(offline: boolean): Promise<void>;
  /** All functions ok and online. */
  resetFaults(): Promise<void>;
  state(): AdminState;
  startScenario(scenario: Scenario, opts?: { speed?: number }): void;
  /** Alerts received at POST /ops/alerts, newest first. */
  inbox(): InboxMessage[];
  /** Stops the timeline and returns every function to ok, online. */
  stopScenario(): void;
  close(): Promise<void>;
};

export async function createSandbox(options: SandboxOptions): Promise<Sandbox> {
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? pino({ level: "silent" });
  const host = options.host ?? "127.0.0.1";
  const shutdown = new AbortController();
  let table = okFaultTable();
  let runner: ScenarioRunner | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;

  // The clock is read at request time too, so a scenario step applies even if its timer has not fired yet.
  const currentTable = () => {
    runner?.tick();
    return table;
  };

  const wallet = createWalletStore({ clock, onTestReset: (loginId, reason) => logger.info({ account: loginId, reason }, "test account reset") });
  const inbox = createAlertInbox(clock);
  const handleApi = createApiHandler({
    inbox,
    wallet,
    idempotency: createIdempotencyStore({ clock }),
    clock,
    faultFor: (fn) => currentTable().functions[fn],
    signal: shutdown.signal,
    logger,
  });

  let apiServer: Server | null = await listen(handleApi, options.port, host);
  const apiPort = (apiServer.address() as AddressInfo).port;

  // Listener changes are queued so rapid offline/online toggles cannot interleave.
  let listenerChange: Promise<void> = Promise.resolve();
  function syncListener(): Promise<void> {
    listenerChange = listenerChange.then(async () => {
      if (closed) return;
      if (table.offline && apiServer) {
        const server = apiServer;
        apiServer = null;
        await closeServer(server);
        logger.info({ port: apiPort }, "api listener closed (offline)");
      } else if (!table.offline && !apiServer) {
        try {
          apiServer = await listen(handleApi, apiPort, host);
          logger.info({ port: apiPort }, "api listener reopened (online)");
        } catch (error) {
          // Stay offline rather than crash; the next offline/online change retries.
          logger.error({ err: error, port: apiPort }, "could not reopen the api listener");
        }
      }
    });
    return listenerChange;
  }

  function setTable(next: FaultTable): Promise<void> {
    table = next;
    return syncListener();
  }

  function stopRunner() {
    runner?.stop();
    runner = null;
  }

  const control: SandboxControl = {
    state: () => {
      const scenario = runner?.tick() ?? null;
      return { ...table, scenario };
    },
    setFault: (fn, fault) => void setTable(withFault(table, fn, fault)),
    resetFaults: () => setTable(okFaultTable()),
    setOffline: (offline) => setTable(withOffline(table, offline)),
    startScenario(scenario, opts = {}) {
      stopRunner();
      const speed = opts.speed ?? scenario.speed;
      runner = startScenarioRunner({
        scenario,
        speed,
        clock,
        apply: (next, status) => {
          logger.info({ scenario: status.name, step: status.stepIndex, loop: status.loopIndex, elapsed: status.elapsed, note: status.note }, "scenario step");
          void setTable(next);
        },
      });
    },
    stopScenario() {
      stopRunner();
      return setTable(okFaultTable());
    },
  };

  const adminServer = await listen(
    createAdminHandler({ control, adminToken: options.adminToken, scenariosDir: options.scenariosDir ?? DEFAULT_SCENARIOS_DIR, logger }),
    options.adminPort,
    host,
  ).catch(async (error: unknown) => {
    if (apiServer) await closeServer(apiServer);
    throw error;
  });

  const url = `http://${urlHost(host)}:${apiPort}`;
  const adminUrl = `http://${urlHost(host)}:${(adminServer.address() as AddressInfo).port}`;
  logger.info({ url, adminUrl }, "sandbox listening");

  return {
    url,
    adminUrl,
    get faults() {
      return currentTable();
    },
    setFault: control.setFault,
    setOffline: control.setOffline,
    resetFaults: control.resetFaults,
    state: control.state,
    startScenario: control.startScenario,
    stopScenario: () => void control.stopScenario(),
    inbox: () => inbox.list(),
    close() {
      closing ??= (async () => {
        stopRunner();
        await listenerChange;
        closed = true;
        shutdown.abort();
        await Promise.all([apiServer ? closeServer(apiServer) : undefined, closeServer(adminServer)]);
        apiServer = null;
        logger.info("sandbox closed");
      })();
      return closing;
    },
  };
}

function listen(handler: RequestListener, port: number, host: string): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

/** Stops accepting and ends every open socket, including requests left hanging on purpose. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
