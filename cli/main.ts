import { configVars } from "@/lib/config/config-vars";
import { ConfigError } from "@/lib/config/load-config";
import { env, inheritedEnv } from "@/lib/env";
import { migrateDeploy, MigrationsMissingError } from "@/lib/migrate";
import { ResultsFileError } from "@/lib/results-file/read-results-file";
import { ReportError } from "@/lib/reports/service-report";
import { BackupError } from "@/lib/ledger/backup";
import { ChainExportError } from "@/lib/ledger/chain-export";
import { AgentKeyError } from "@/lib/agents/keys";
import { ReleaseError } from "@/lib/agents/release-batch";
import { SpoolError } from "@/probes/agent/spool";
import { AGENT_USAGE, agentCommand, agentKeygenCommand, agentsCommand } from "./agents";
import { checkConfig } from "./check-config";
import { requireConfigPath } from "./config-path";
import { backupCommand, CHAIN_USAGE, exportChainCommand, restoreCommand, verifyCommand } from "./ledger-chain";
import { IMPORT_USAGE, importCommand } from "./import";
import { REPORT_USAGE, reportCommand, UsageError } from "./report";
import { SYNC_CONFIG_USAGE, syncConfigCommand } from "./sync-config";
import { createAdminCommand, USER_USAGE, userCommand } from "./user";

const USAGE = `Usage: ledger <command> [options]

Commands:
  report        a contract report for a service and month (from the database or a results file)
  import        store a results file (JSON Lines) in the database
  check-config  validate a configuration file or folder
  verify        recompute the hash chains and check the daily roots (database or export)
  export-chain  write the hash chains and roots as JSON Lines
  backup        an online backup of the database
  restore       put a backup in place of the database
  agent-keygen  a key pair for a remote probe agent
  agent         run this machine as a remote probe agent
  agents        the agents, what they sent, and batches held back (release: count a held one)
  migrate       apply this release's database migrations (the instance does it when it starts; run this with it stopped)
  sync-config   write the configuration into the database (npm start does it when it starts)
  create-admin  make the first admin account
  user          add, list, disable or enable accounts, or set a password
  help          show this text

${REPORT_USAGE}

${IMPORT_USAGE}

ledger check-config <path>   (or LEDGER_CONFIG)

${SYNC_CONFIG_USAGE}

${CHAIN_USAGE}
${AGENT_USAGE}
${USER_USAGE}
`;

const [command, ...args] = process.argv.slice(2);
const out = (s: string) => process.stdout.write(`${s}\n`);
// No configuration is assumed: a command that reads one asks for --config or LEDGER_CONFIG (cli/config-path.ts).
const defaults = { configPath: env.usingDemoConfig ? null : env.configPath, databaseUrl: env.databaseUrl, vars: configVars(env), processEnv: inheritedEnv() };
const io = { out, stdin: readStdin };

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

try {
  switch (command) {
    case "report":
      process.exitCode = await reportCommand(args, defaults, out);
      break;
    case "import":
      process.exitCode = await importCommand(args, defaults, out);
      break;
    case "verify":
      process.exitCode = await verifyCommand(args, defaults, out);
      break;
    case "export-chain":
      process.exitCode = await exportChainCommand(args, defaults, out);
      break;
    case "backup":
      process.exitCode = await backupCommand(args, defaults, out);
      break;
    case "restore":
      process.exitCode = await restoreCommand(args, defaults, out);
      break;
    case "agent-keygen":
      process.exitCode = agentKeygenCommand(args, out);
      break;
    case "agent":
      process.exitCode = await agentCommand(args, { configPath: defaults.configPath, dataDir: env.dataDir, vars: defaults.vars });
      break;
    case "agents":
      process.exitCode = await agentsCommand(args, { ...defaults, dataDir: env.dataDir }, out);
      break;
    case "migrate":
      if (args.length > 0) throw new UsageError("ledger migrate takes no arguments; DATABASE_URL names the database");
      out((await migrateDeploy(defaults.databaseUrl, defaults.processEnv)).trim() || "No migrations to apply.");
      break;
    case "sync-config":
      process.exitCode = await syncConfigCommand(args, defaults, out);
      break;
    case "create-admin":
      process.exitCode = await createAdminCommand(args, defaults, io);
      break;
    case "user":
      process.exitCode = await userCommand(args, defaults, io);
      break;
    case "check-config":
      process.exitCode = checkConfig(requireConfigPath(args[0], defaults.configPath, "ledger check-config"), defaults.vars, out);
      break;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      out(USAGE);
      break;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      process.exitCode = 2;
  }
} catch (err) {
  const code = (err as { code?: unknown }).code;
  if (err instanceof UsageError || (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS"))) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 2;
  } else if (
    err instanceof ConfigError ||
    err instanceof ResultsFileError ||
    err instanceof ReportError ||
    err instanceof BackupError ||
    err instanceof ChainExportError ||
    err instanceof AgentKeyError ||
    err instanceof SpoolError ||
    err instanceof ReleaseError ||
    err instanceof MigrationsMissingError
  ) {
    process.stderr.write(`${err.message}\n`);
    process.exitCode = 1;
  } else throw err;
}
