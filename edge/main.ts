import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { startEdge } from "./edge-server";

/**
 * The edge process: the public port, in front of the Next.js server. It runs a
 * few workers sharing the port (node:cluster), each with its own page cache; an
 * invalidation reaching one worker is relayed by the primary to all of them.
 */
const log = logger("edge");
if (!env.LEDGER_INTERNAL_TOKEN) {
  log.fatal("LEDGER_INTERNAL_TOKEN is not set (the supervisor sets it)");
  process.exit(1);
}
type Message = { type: "invalidate"; urgent: boolean };

if (cluster.isPrimary) {
  // On small machines one worker is best: the origin and the probe worker need the other core.
  const count = env.LEDGER_EDGE_WORKERS ?? Math.max(1, Math.floor(availableParallelism() / 2));
  const fork = () => {
    const w = cluster.fork();
    w.on("message", (m: Message) => {
      // to the other workers: the one it reached has acted on it already
      if (m.type === "invalidate") for (const other of Object.values(cluster.workers ?? {})) if (other && other !== w) other.send(m);
    });
  };
  for (let i = 0; i < count; i++) fork();
  let stopping = false;
  cluster.on("exit", (w, code, signal) => {
    if (stopping) return;
    log.error({ pid: w.process.pid, code, signal }, "edge worker exited; starting another");
    fork();
  });
  log.info({ port: env.PORT, upstream: env.nextPort, workers: count }, "edge listening");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill("SIGTERM");
      setTimeout(() => process.exit(0), 3000).unref();
      cluster.on("exit", () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
} else {
  const edge = await startEdge({
    port: env.PORT,
    host: env.HOST,
    upstreamPort: env.nextPort,
    token: env.LEDGER_INTERNAL_TOKEN,
    log,
    onInvalidate: (urgent) => process.send?.({ type: "invalidate", urgent } satisfies Message),
    apiRate: { perMinute: env.LEDGER_API_RATE_PER_MIN, burst: env.LEDGER_API_BURST },
    agentRate: {
      perAgent: { perMinute: env.LEDGER_AGENT_RATE_PER_MIN, burst: env.LEDGER_AGENT_BURST },
      perAddress: { perMinute: 4 * env.LEDGER_AGENT_RATE_PER_MIN, burst: 4 * env.LEDGER_AGENT_BURST },
    },
    trustedProxies: env.trustedProxies,
  });
  process.on("message", (m: Message) => {
    if (m.type === "invalidate") edge.invalidate(m.urgent);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void edge.close().then(() => process.exit(0)));
}
