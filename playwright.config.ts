import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests drive the real stack (`npm start`: sandbox, worker, web) in
 * Debian's Chromium. Each run gets its own data folder and ports, so it never
 * touches a developer's demo database.
 */
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(os.tmpdir(), "ledger-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
// With TEST_DATABASE_URL (a PostgreSQL server) the stack runs on a database of this run's own,
// created by the start command's migration step and dropped in global teardown.
const pgServer = process.env.TEST_DATABASE_URL?.match(/^postgres(ql)?:\/\//) ? process.env.TEST_DATABASE_URL : null;
if (pgServer && !process.env.E2E_DATABASE_URL) {
  const u = new URL(pgServer);
  const name = `ledger_e2e_${randomBytes(6).toString("hex")}`;
  u.pathname = `/${name}`;
  process.env.E2E_DATABASE_URL = u.toString();
  u.pathname = `/${name}_record`;
  process.env.E2E_RECORD_DATABASE_URL = u.toString();
}
// E2E_PORT_BASE lets two checkouts run their end-to-end tests side by side.
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
export const E2E = {
  port: portBase,
  sandboxPort: portBase + 1100,
  sandboxToken: "e2e-sandbox-admin-token",
  dataDir,
  databaseUrl: process.env.E2E_DATABASE_URL ?? null,
  /** the April 2022 example, imported into a database of its own and served by the web process alone */
  recordPort: portBase + 2,
  recordDatabaseUrl: process.env.E2E_RECORD_DATABASE_URL ?? `file:${path.join(dataDir, "record-2022", "ledger.db")}`,
  /** a second instance (LEDGER_ROLE=web) on the same database, behind nginx with the first (tests/e2e/nginx-group.spec.ts) */
  groupPort: portBase + 20,
  /** the group's shared internal token: the worker tells both instances' edges of new results */
  internalToken: "e2e-internal-token-shared-by-the-group",
  /** a real webhook and SMTP receiver the test starts on these ports (citizen-reports.spec.ts) */
  webhookPort: portBase + 7,
  smtpPort: portBase + 8,
  configDir: path.join(dataDir, "config"),
};

// The stack runs the demo configuration plus alerts to the receivers above: a surge of citizens'
// reports goes to a webhook (the operator's policy) and to the admins' e-mail (alerts.instance).
mkdirSync(E2E.configDir, { recursive: true });
writeFileSync(path.join(E2E.configDir, "dongbaekjeon.yaml"), readFileSync(path.join(import.meta.dirname, "examples/demo/dongbaekjeon.yaml"), "utf8"));
writeFileSync(
  path.join(E2E.configDir, "e2e-alerts.yaml"),
  [
    "alerts:",
    `  smtp: { host: 127.0.0.1, port: ${E2E.smtpPort}, from: "Uptime Ledger <alerts@ledger.test>", timeout: 5s }`,
    "  channels:",
    `    - { key: e2e-operator-hook, kind: webhook, url: "http://127.0.0.1:${E2E.webhookPort}/operator", timeout: 5s }`,
    "    - { key: e2e-admin-mail, kind: email, to: [admins@ledger.test] }",
    "  policies:",
    "    - { key: e2e-citizen-surge, services: [dongbaekjeon], events: [citizen_surge], escalation: [{ channels: [e2e-operator-hook] }] }",
    "  instance: { channels: [e2e-admin-mail] }",
    "",
  ].join("\n"),
);

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/e2e",
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  globalTeardown: "./tests/e2e/global-teardown.ts",
  use: {
    baseURL: `http://127.0.0.1:${E2E.port}`,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: [
    {
      command: "npx tsx scripts/start.ts",
      url: `http://127.0.0.1:${E2E.port}/api/v1/services`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
      env: {
        PORT: String(E2E.port),
        LEDGER_DATA_DIR: dataDir,
        LEDGER_SANDBOX_PORT: String(E2E.sandboxPort),
        LEDGER_SANDBOX_TOKEN: E2E.sandboxToken,
        // no scenario: every function answers correctly until the test injects a fault
        LEDGER_SANDBOX_SCENARIO: "none",
        LEDGER_INTERNAL_TOKEN: E2E.internalToken,
        LEDGER_PEER_EDGES: `http://127.0.0.1:${E2E.groupPort}`,
        LEDGER_CONFIG: E2E.configDir,
        // the tests play a proxy in front of the edge: the address in X-Forwarded-For is the client's
        LEDGER_TRUSTED_PROXIES: "127.0.0.1",
        LOG_LEVEL: "warn",
        ...(E2E.databaseUrl ? { DATABASE_URL: E2E.databaseUrl } : {}),
      },
    },
    {
      // Started after the stack above, which builds the site. The README's recipe for browsing the 2022 example.
      command: `node bin/ledger.mjs import examples/dongbaekjeon-2022/results.jsonl.gz --config examples/dongbaekjeon-2022 && node bin/ledger.mjs import examples/dongbaekjeon-2022/readiness.jsonl.gz --config examples/dongbaekjeon-2022 && node node_modules/next/dist/bin/next start -p ${E2E.recordPort} -H 127.0.0.1`,
      url: `http://127.0.0.1:${E2E.recordPort}/api/v1/services`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
      env: { DATABASE_URL: E2E.recordDatabaseUrl, LEDGER_DATA_DIR: path.join(dataDir, "record-2022"), LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" },
    },
  ],
});
