import path from "node:path";
import os from "node:os";
import { mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { monthOf } from "@/lib/data/council";
import { getService } from "@/lib/data/services";
import { logger } from "@/lib/log";
import { serviceReport } from "@/lib/reports/service-report";
import { checkControl } from "@/probes/control-check";
import { databaseSink } from "@/probes/database-sink";
import { startWorker } from "@/probes/worker";
import { createService } from "../helpers/factories";
import { waitFor } from "../helpers/route-server";
import { createTestDb } from "../helpers/test-db";

/** A local HTTP server that can be cut off (port closed: connection refused) and brought back on the same port. */
async function switchableServer(status: () => number) {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(status(), { "content-type": "application/json" }).end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    hits: () => hits,
    cut: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
    restore: () => new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r())),
  };
}

describe("fairness: the monitor's own network failing is UNKNOWN, never downtime", () => {
  it("a worker cut off from both the control target and the service records UNKNOWN; with the control back, the same failure is DOWN", async () => {
    const svcServer = await switchableServer(() => 200);
    const control = await switchableServer(() => 204);
    const { db } = await createTestDb();
    const year = new Date().getUTCFullYear();
    const svc = await createService(db, {
      locations: [{ key: "local", control: { url: control.url, timeout: "500ms" } }],
      intervalSec: 1,
      confirm: 2,
      url: `${svcServer.url}health`,
      contract: { term: { start: `${year - 1}-01-01`, end: `${year + 1}-12-31` } },
    });
    const log = logger("fairness-test");
    const worker = await startWorker({
      sink: await databaseSink({ db, config: svc.config, location: "local", evidenceDir: mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-")), log }),
      config: svc.config,
      location: "local",
      log,
    });
    const key = svc.probeKey("topup");
    const count = (state: string) => db.result.count({ where: { probe: { key }, state } });
    let stopped = false;
    try {
      await waitFor("two UP results", async () => (await count("UP")) >= 2);
      expect(control.hits()).toBe(0); // a run that succeeds needs no control check

      // The machine loses its network: neither the service nor the control target answers.
      await svcServer.cut();
      await control.cut();
      await waitFor("four UNKNOWN results", async () => (await count("UNKNOWN")) >= 4);
      expect(await count("DOWN")).toBe(0);
      // the latest: the first one may have caught the service closing its connections (a reset)
      const unknown = await db.result.findFirstOrThrow({ where: { probe: { key }, state: "UNKNOWN" }, orderBy: { at: "desc" } });
      expect(unknown.errorClass).toBe("CONTROL_FAILED");
      expect(unknown.message).toMatch(/^control check failed \(http:\/\/127\.0\.0\.1:\d+\/: ECONNREFUSED\).*The check said: CONNECTION_REFUSED/);
      expect(await db.outage.count()).toBe(0);
      let detail = await getService(db, svc.slug, new Date());
      expect(detail!.functions[0]!.state).toBe("UNKNOWN");

      // The report agrees: no downtime, the unmeasured time is counted as unknown.
      const report = await serviceReport(db, svc.slug, monthOf(new Date(), "Asia/Seoul"), new Date());
      expect(report.functions[0]!.figures.downtimeSec).toBe(0);
      expect(report.functions[0]!.figures.unknownSec).toBeGreaterThanOrEqual(3);

      // The network is back but the service is not: now the failures are the service's.
      await control.restore();
      await waitFor("an outage opened", async () => (await db.outage.count()) === 1);
      expect(await count("DOWN")).toBeGreaterThanOrEqual(2);
      detail = await getService(db, svc.slug, new Date());
      expect(detail!.functions[0]!.state).toBe("DOWN");
      // Failures that come together share one control check started after they began. The
      // worker is stopped first, so every run whose control check was counted has been written.
      await worker.stop();
      stopped = true;
      expect(control.hits()).toBeLessThanOrEqual(await count("DOWN"));
    } finally {
      if (!stopped) await worker.stop();
      await control.cut();
    }
  }, 60_000);

  it("a control check answers for HTTP URLs and TCP addresses, and says why it failed", async () => {
    const up = await switchableServer(() => 204);
    expect(await checkControl({ url: up.url, timeoutMs: 1000 })).toMatchObject({ ok: true, detail: `${up.url} answered 204` });
    expect(await checkControl({ tcp: `127.0.0.1:${up.port}`, timeoutMs: 1000 })).toMatchObject({ ok: true });
    const error = await switchableServer(() => 503);
    expect(await checkControl({ url: error.url, timeoutMs: 1000 })).toMatchObject({ ok: false, detail: `${error.url} answered 503` });
    await up.cut();
    await error.cut();
    expect(await checkControl({ url: up.url, timeoutMs: 1000 })).toMatchObject({ ok: false, detail: expect.stringContaining("ECONNREFUSED") });
    expect(await checkControl({ tcp: `127.0.0.1:${up.port}`, timeoutMs: 1000 })).toMatchObject({ ok: false, detail: expect.stringContaining("ECONNREFUSED") });
  });
});
