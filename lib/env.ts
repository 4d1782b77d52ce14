import path from "node:path";
import { z } from "zod";

/**
 * The one place that reads the environment (docs/architecture.md, Invariants). Every other module
 * receives these values from here or as explicit arguments.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  LEDGER_DATA_DIR: z.string().min(1).default("./data"),
  LEDGER_CONFIG: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).optional(),
  LEDGER_SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4100),
  LEDGER_SANDBOX_TOKEN: z.string().min(8).optional(),
  LEDGER_SANDBOX_CLOCK_SPEED: z.coerce.number().positive().default(1),
  LEDGER_SANDBOX_SCENARIO: z.string().optional(),
  LEDGER_LOCATION: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default("local"),
  /** run the worker as a remote probe agent posting to this server (docs/agents.md) */
  LEDGER_AGENT_SERVER: z.url({ protocol: /^https?$/, message: "the server's http:// or https:// URL" }).optional(),
  /** the agent's Ed25519 private key (npx ledger agent-keygen) */
  LEDGER_AGENT_KEY_FILE: z.string().min(1).optional(),
  /** where the Next.js server listens behind the page cache (default PORT + 1) */
  LEDGER_NEXT_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** how the worker tells the page caches that new results arrived: comma-separated URLs (set by the supervisor) */
  LEDGER_INVALIDATE_URL: z
    .string()
    .refine((v) => v.split(",").every((u) => URL.canParse(u.trim())), "comma-separated http:// URLs")
    .optional(),
  /** the token of the instance's internal calls; made at each start unless set (then the same on every instance of a group) */
  LEDGER_INTERNAL_TOKEN: z.string().min(16).optional(),
  /**
   * What this instance runs: `all` (web, worker, alerter; it migrates the database and loads the configuration)
   * or `web` (the public site alone: a further instance behind nginx on the first one's PostgreSQL database).
   */
  LEDGER_ROLE: z.enum(["all", "web"]).default("all"),
  /** comma-separated base URLs of the other instances' public ports, whose page caches this instance's worker tells of new results too */
  LEDGER_PEER_EDGES: z
    .string()
    .default("")
    .refine((v) => v === "" || v.split(",").every((u) => /^https?:\/\//.test(u.trim()) && URL.canParse(u.trim())), "comma-separated http:// base URLs"),
  /** edge (page cache) worker processes; default half the cores, at least one */
  LEDGER_EDGE_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** the Chromium that browser journeys drive (Debian's package; nothing is downloaded) */
  LEDGER_CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  /** browser contexts open at once in the worker: bounds its memory */
  LEDGER_BROWSER_CONTEXTS: z.coerce.number().int().min(1).max(16).default(2),
  /** signs CSRF tokens; default: a random secret kept in <data dir>/secret (lib/secret.ts) */
  LEDGER_SECRET: z.string().min(32, "at least 32 characters").optional(),
  /** the site's public address, for links in alerts (default http://localhost:PORT); https makes cookies Secure */
  LEDGER_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** how long a sign-in lasts */
  LEDGER_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** public API rate limit per client address at the edge: sustained requests per minute, and burst */
  LEDGER_API_RATE_PER_MIN: z.coerce.number().int().min(1).default(600),
  LEDGER_API_BURST: z.coerce.number().int().min(1).default(120),
  /** probe agents' batches at the edge, per agent: sustained requests per minute, and burst (an address gets four agents' worth) */
  LEDGER_AGENT_RATE_PER_MIN: z.coerce.number().int().min(1).default(600),
  LEDGER_AGENT_BURST: z.coerce.number().int().min(1).default(120),
  /** comma-separated addresses of reverse proxies in front of the edge whose X-Forwarded-For is believed */
  LEDGER_TRUSTED_PROXIES: z.string().default(""),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
});

export type Env = z.infer<typeof schema> & {
  dataDir: string;
  configPath: string;
  databaseUrl: string;
  usingDemoConfig: boolean;
  nextPort: number;
  publicUrl: string;
  trustedProxies: string[];
  /** LEDGER_PEER_EDGES as a list, without trailing slashes */
  peerEdges: string[];
  /** environment variables a configuration may use as ${NAME} (secrets such as an SMTP password) */
  configEnv: Record<string, string>;
};

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.LEDGER_DATA_DIR);
  return {
    ...e,
    dataDir,
    configPath: path.resolve(e.LEDGER_CONFIG ?? "examples/demo"),
    usingDemoConfig: e.LEDGER_CONFIG === undefined,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, "ledger.db")}`,
    nextPort: e.LEDGER_NEXT_PORT ?? e.PORT + 1,
    trustedProxies: e.LEDGER_TRUSTED_PROXIES.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    peerEdges: e.LEDGER_PEER_EDGES.split(",")
      .map((s) => s.trim().replace(/\/+$/, ""))
      .filter(Boolean),
    publicUrl: (e.LEDGER_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    configEnv: Object.fromEntries(Object.entries(source).filter((kv): kv is [string, string] => /^[A-Z][A-Z0-9_]*$/.test(kv[0]) && typeof kv[1] === "string")),
  };
}

export const env: Env = readEnv();

/** The environment to hand to a child process (the CLI's migration step, the supervisor's children). */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
