import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { agentOverview } from "@/lib/agents/agent-overview";
import { generateAgentKeyPair } from "@/lib/agents/keys";
import { releaseHeldBatch } from "@/lib/agents/release-batch";
import { COMMAND_LINE } from "@/lib/actions/create-user";
import { loadConfig } from "@/lib/config/load-config";
import { logger } from "@/lib/log";
import { openReadyDb } from "@/lib/migrate";
import { startAgent } from "@/probes/agent/run-agent";
import { requireConfigPath } from "./config-path";
import { UsageError } from "./usage-error";

export const AGENT_USAGE = `ledger agent-keygen --out <key.pem> [--name <agent>] [--location <location>]
  Writes a new Ed25519 private key (mode 600; an existing file is never overwritten) and
  prints the public key with the lines to add under agents in the configuration.

ledger agent --server <url> --key-file <key.pem> --config <path> [--data-dir <path>]
  Runs this machine as a remote probe agent: the probes of the location the configuration
  gives this key, results spooled to <data dir>/agent/<name>/ and posted, signed, to the server.

ledger agents [--format text|json]
  The configured agents, what each sent, and batches held back (clock off, or results the
  server could not place): kept, not counted.

ledger agents release <batch id> --why <text> [--agent <key>] [--trust-clock]
  Counts a held batch once its cause is gone (e.g. the configuration now has the probe at the
  agent's location): its kept bytes are verified against the agent's key again, its results
  placed under today's configuration and stored; the decision and --why go into the public
  activity log. A batch held for the agent's clock needs --trust-clock: its times depend on it.`;

export function agentKeygenCommand(args: string[], out: (s: string) => void): number {
  const { values } = parseArgs({ args, options: { out: { type: "string" }, name: { type: "string" }, location: { type: "string" } }, strict: true });
  if (!values.out) throw new UsageError(`--out <key.pem> is required\n\n${AGENT_USAGE}`);
  const file = path.resolve(values.out);
  if (existsSync(file)) throw new UsageError(`${values.out} exists; a key file is never overwritten (choose another name, or delete it yourself)`);
  const pair = generateAgentKeyPair();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, pair.privateKeyPem, { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  out(`Private key written to ${values.out} (keep it on the agent's machine only).

Public key: ${pair.publicKey}

Add to the configuration (server and agent):

agents:
  - key: ${values.name ?? "<agent name, e.g. busan-1>"}
    location: ${values.location ?? "<a location key>"}
    publicKey: ${pair.publicKey}
`);
  return 0;
}

export async function agentCommand(args: string[], defaults: { configPath: string | null; dataDir: string; vars: Record<string, string> }): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      server: { type: "string" },
      "key-file": { type: "string" },
      config: { type: "string" },
      "data-dir": { type: "string" },
      location: { type: "string" },
    },
    strict: true,
  });
  if (!values.server || !values["key-file"]) throw new UsageError(`--server and --key-file are required\n\n${AGENT_USAGE}`);
  const log = logger("agent");
  const agent = await startAgent({
    serverUrl: values.server,
    keyFile: path.resolve(values["key-file"]),
    config: loadConfig(requireConfigPath(values.config, defaults.configPath), defaults.vars),
    dataDir: path.resolve(values["data-dir"] ?? defaults.dataDir),
    location: values.location,
    log,
  });
  await new Promise<void>((resolve) => {
    let stopping = false;
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, "stopping");
        void agent.stop().then(resolve);
      });
    }
  });
  return 0;
}

export async function agentsCommand(
  args: string[],
  defaults: { databaseUrl: string; processEnv: NodeJS.ProcessEnv; dataDir: string },
  out: (s: string) => void,
): Promise<number> {
  if (args[0] === "release") return releaseCommand(args.slice(1), defaults, out);
  const { values } = parseArgs({ args, options: { format: { type: "string", default: "text" } }, strict: true });
  if (values.format !== "text" && values.format !== "json") throw new UsageError("--format must be text or json");
  const db = await openReadyDb(defaults.databaseUrl, defaults.processEnv);
  try {
    const o = await agentOverview(db);
    if (values.format === "json") {
      out(JSON.stringify(o, null, 2));
      return 0;
    }
    if (o.agents.length === 0) out("No agents are configured.");
    for (const a of o.agents) {
      const last = a.lastBatch;
      const flag = a.clockFlagged
        ? `  FLAGGED: clock off by ${(last!.skewMs / 1000).toFixed(1)} s (bound ${a.maxClockSkewMs / 1000} s); its batches are held back`
        : "";
      out(
        `${a.key}  location=${a.location}${a.active ? "" : "  (no longer configured)"}  accepted=${a.accepted}  held=${a.held}  results=${a.resultsStored}  ` +
          (last ? `last=${last.receivedAt} ${last.status} skew=${(last.skewMs / 1000).toFixed(1)}s` : "never sent a batch") +
          flag,
      );
    }
    if (o.held.length > 0) {
      out(`\nHeld batches (kept with their signatures, not counted):`);
      for (const b of o.held) out(`  ${b.agent} ${b.batchId} seq=${b.seq} sent=${b.sentAt} received=${b.receivedAt} results=${b.results}\n    ${b.reason}`);
    }
    return 0;
  } finally {
    await db.$disconnect();
  }
}

async function releaseCommand(
  args: string[],
  defaults: { databaseUrl: string; processEnv: NodeJS.ProcessEnv; dataDir: string },
  out: (s: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { why: { type: "string" }, agent: { type: "string" }, "trust-clock": { type: "boolean", default: false } },
    strict: true,
  });
  if (positionals.length !== 1 || !values.why) throw new UsageError(`a batch id and --why are required\n\n${AGENT_USAGE}`);
  const db = await openReadyDb(defaults.databaseUrl, defaults.processEnv);
  try {
    const r = await releaseHeldBatch(db, {
      batchId: positionals[0]!,
      agent: values.agent ?? null,
      why: values.why,
      actor: COMMAND_LINE,
      trustClock: values["trust-clock"],
      now: new Date(),
      evidenceDir: path.join(defaults.dataDir, "evidence"),
    });
    out(
      `Released batch ${r.batchId} from ${r.agent}: ${r.stored} of ${r.results} results stored (the others were already stored).\nIt had been held for: ${r.previousReason}`,
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}
