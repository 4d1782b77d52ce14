import path from "node:path";
import { splitForBatches } from "@/core/agent-batch";
import type { LedgerConfig } from "@/core/config/resolve";
import { AgentKeyError, keyFileTooOpen, loadPrivateKey, publicKeyBase64 } from "@/lib/agents/keys";
import type { Logger } from "@/lib/log";
import { env } from "@/lib/env";
import { createBrowserPool } from "../browser-pool";
import { startWorker, type Worker } from "../worker";
import type { WorkerContext } from "../worker-context";
import { startSender, type SenderStats } from "./sender";
import { openSpool, type Spool } from "./spool";

export type Agent = { agentKey: string; location: string; spool: Spool; worker: Worker; sender: { stats: SenderStats }; stop: () => Promise<void> };

/**
 * A remote probe agent: the probe worker of one location on another machine. It
 * finds who it is from its key (the configuration's agents list the public keys),
 * runs that location's probes, spools every batch of results to disk and posts
 * them, signed, to the server (probes/agent/sender.ts).
 */
export async function startAgent(opts: {
  serverUrl: string;
  keyFile: string;
  config: LedgerConfig;
  dataDir: string;
  log: Logger;
  location?: string;
  now?: () => number;
  runProbe?: WorkerContext["runProbe"];
  retryMs?: { min: number; max: number };
}): Promise<Agent> {
  let server: URL;
  try {
    server = new URL(opts.serverUrl);
  } catch {
    throw new AgentKeyError(`--server must be the server's URL, e.g. https://ledger.example.org (got "${opts.serverUrl}")`);
  }
  if (server.protocol !== "https:" && server.protocol !== "http:")
    throw new AgentKeyError(`--server must be an http:// or https:// URL (got "${opts.serverUrl}")`);
  const privateKey = loadPrivateKey(opts.keyFile);
  if (keyFileTooOpen(opts.keyFile)) opts.log.warn({ keyFile: opts.keyFile }, "the private key file is readable by others; chmod 600 it");
  const publicKey = publicKeyBase64(privateKey);
  const agent = opts.config.agents.find((a) => a.publicKey === publicKey);
  if (!agent) {
    throw new AgentKeyError(
      `this agent's key is not in the configuration. Add it under agents (the server must have it too):\n\nagents:\n  - key: <agent name>\n    location: <location key>\n    publicKey: ${publicKey}\n`,
    );
  }
  if (opts.location && opts.location !== agent.location)
    throw new AgentKeyError(`the configuration gives this key to agent "${agent.key}" at location "${agent.location}", not "${opts.location}"`);

  const spool = await openSpool(path.join(opts.dataDir, "agent", agent.key), { now: opts.now });
  const pending = spool.pendingCount();
  // Browser journeys of this location run in one browser process, started on first use.
  const needsBrowser = opts.config.services.some((sv) => sv.probes.some((p) => p.kind === "browser" && p.location === agent.location));
  const browsers = needsBrowser
    ? createBrowserPool({ executablePath: env.LEDGER_CHROMIUM_PATH, maxContexts: env.LEDGER_BROWSER_CONTEXTS, log: opts.log })
    : null;
  const worker = await startWorker({
    sink: {
      // Large evidence (screenshots, HARs) is spread over several batches, each under the server's limit.
      write: async (batch) => {
        await spool.appendAll(splitForBatches(batch));
      },
    },
    config: opts.config,
    location: agent.location,
    log: opts.log,
    now: opts.now,
    runProbe: opts.runProbe,
    statsFile: path.join(opts.dataDir, "agent", agent.key, "worker-stats.json"),
    browsers,
  });
  const sender = startSender({ spool, serverUrl: server.toString(), agentKey: agent.key, privateKey, log: opts.log, now: opts.now, retryMs: opts.retryMs });
  opts.log.info({ agent: agent.key, location: agent.location, server: server.origin, spooled: pending }, "agent started");
  return {
    agentKey: agent.key,
    location: agent.location,
    spool,
    worker,
    sender,
    async stop() {
      // Last results go to the spool first; what the server has not acknowledged waits there for the next start.
      await worker.stop();
      await browsers?.close();
      await sender.stop();
      const left = spool.pendingCount();
      await spool.close();
      opts.log.info({ agent: agent.key, pending: left }, "agent stopped");
    },
  };
}
