import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, request as requestContext, test } from "@playwright/test";
import { E2E } from "../../playwright.config";
import { startNginx, type RunningNginx } from "../helpers/nginx";
import { firstReadAfterQuietSpell } from "./freshness-scenario";

/**
 * A group that outgrew one machine: Debian's nginx with the shipped configuration in front of two
 * instances on one database — the end-to-end stack (LEDGER_ROLE=all: web, worker, alerter) and a second
 * one serving the site alone (LEDGER_ROLE=web) — and the freshness scenario read through nginx. On
 * PostgreSQL (npm run test:pg) this is the deployment docs/deploy.md describes.
 */
let second: ChildProcess | null = null;
let nginx: RunningNginx | null = null;
let secondLog = "";

async function waitForSite(base: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (second?.exitCode != null) throw new Error(`the second instance exited (${second.exitCode}):\n${secondLog}`);
    try {
      const res = await fetch(`${base}/api/v1/services`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`the second instance did not answer within ${ms} ms:\n${secondLog}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  second = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/start.ts")], {
    env: {
      ...process.env,
      PORT: String(E2E.groupPort),
      LEDGER_ROLE: "web",
      LEDGER_DATA_DIR: E2E.dataDir,
      // the same configuration as the first instance (each instance reads the file itself)
      LEDGER_CONFIG: E2E.configDir,
      LEDGER_INTERNAL_TOKEN: E2E.internalToken,
      LEDGER_PEER_EDGES: `http://127.0.0.1:${E2E.port}`,
      LEDGER_TRUSTED_PROXIES: "127.0.0.1",
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(E2E.databaseUrl ? { DATABASE_URL: E2E.databaseUrl } : {}),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (c: Buffer) => (secondLog = (secondLog + c.toString()).slice(-8_000));
  second.stdout!.on("data", keep);
  second.stderr!.on("data", keep);
  await waitForSite(`http://127.0.0.1:${E2E.groupPort}`, 120_000);
  nginx = await startNginx([`127.0.0.1:${E2E.port}`, `127.0.0.1:${E2E.groupPort}`]);
});

test.afterAll(async () => {
  await nginx?.stop();
  if (second && second.exitCode === null) {
    const exited = new Promise((r) => second!.once("exit", r));
    second.kill("SIGTERM");
    await exited;
  }
});

test("the second instance serves the site only: no worker, no alerter, no sandbox of its own", async () => {
  expect(secondLog).toContain("LEDGER_ROLE=web");
  // its readiness sees the first instance's worker and alerter beating in the shared database
  const ready = await fetch(`http://127.0.0.1:${E2E.groupPort}/readyz`);
  expect(ready.status, await ready.text()).toBe(200);
  // and its own pages show the service the first instance measures
  const page = await fetch(`http://127.0.0.1:${E2E.groupPort}/ko/services/dongbaekjeon`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('data-testid="function-dongbaekjeon-topup"');
});

test("through nginx in front of both instances, the first read after 40 s without readers shows the outage, built at most 15 s ago", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const throughNginx = await requestContext.newContext({ baseURL: nginx!.base });
  try {
    await firstReadAfterQuietSpell(page, throughNginx, request, nginx!.base);
  } finally {
    await throughNginx.dispose();
  }
});
