import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Sandbox } from "@/sandbox/server";
import { call, startSandbox } from "./sandbox-fixture";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

describe("the sandbox operator's alert inbox", () => {
  it("keeps the alerts it receives, newest first, and answers even while every function fails", async () => {
    sandbox.setFault("topup", { mode: "error", status: 503 });
    await sandbox.setOffline(false);
    for (const n of [1, 2]) {
      const r = await call(sandbox.url, "POST", "/ops/alerts", {
        headers: { "x-ledger-event": "outage_opened", "x-ledger-delivery": String(n) },
        body: { type: "outage_opened", n },
      });
      expect(r.status).toBe(202);
    }
    const list = await call(sandbox.url, "GET", "/ops/alerts");
    expect((list.json as { alerts: { event: string; delivery: string; body: { n: number } }[] }).alerts.map((a) => [a.event, a.delivery, a.body.n])).toEqual([
      ["outage_opened", "2", 2],
      ["outage_opened", "1", 1],
    ]);
    expect(sandbox.inbox()).toHaveLength(2);
  });
});
