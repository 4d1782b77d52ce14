import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import { threadedDatabaseSink } from "@/probes/threaded-database-sink";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const T0 = Date.parse("2026-02-01T00:00:00Z");

function runs(probeKey: string, states: string, from = T0): ProbeResult[] {
  return [...states].map((c, i) => {
    const state: ProbeState = c === "D" ? "DOWN" : "UP";
    return {
      probeKey,
      at: new Date(from + i * 10_000),
      intervalSec: 10,
      state,
      latencyMs: state === "UP" ? 120 : null,
      httpStatus: state === "UP" ? 200 : 503,
      errorClass: state === "UP" ? null : "ASSERTION_STATUS",
      message: state === "UP" ? null : "status 503",
    };
  });
}

describe("the database sink on its own thread", () => {
  it("commits each batch before write resolves, opens and closes outages, and logs them on the worker's side", async () => {
    const { db, url } = await createTestDb();
    const svc = await createService(db, { intervalSec: 10, confirm: 3 });
    const key = svc.probeKey("topup");
    const lines: string[] = [];
    const log = pino({ level: "info" }, { write: (l: string) => void lines.push(l) });
    let stored = 0;
    const sink = await threadedDatabaseSink({
      databaseUrl: url,
      config: svc.config,
      location: "local",
      evidenceDir: mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-")),
      publicUrl: null,
      log,
      onStored: () => stored++,
    });
    try {
      // UUDDDD at 10 s: the outage starts at the first D (00:00:20) and is confirmed by the third (00:00:40).
      await sink.write(runs(key, "UUDDDD"));
      expect(await db.result.count({ where: { probe: { key } } })).toBe(6);
      const open = await db.outage.findFirstOrThrow({ where: { function: { service: { slug: svc.slug } } } });
      expect(open).toMatchObject({ startedAt: new Date(T0 + 20_000), confirmedAt: new Date(T0 + 40_000), endedAt: null });
      // Then UU from 00:01:00: closed at the first U.
      await sink.write(runs(key, "UU", T0 + 60_000));
      expect(await db.outage.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ endedAt: new Date(T0 + 60_000) });
      expect(stored).toBe(2);
      expect(lines.map((l) => JSON.parse(l).msg)).toEqual(["outage opened", "outage closed"]);
    } finally {
      await sink.close();
    }
  });

  it("rejects a batch it cannot write and keeps nothing of it; the next batch is written", async () => {
    const { db, url } = await createTestDb();
    const svc = await createService(db, { intervalSec: 10 });
    const key = svc.probeKey("topup");
    const sink = await threadedDatabaseSink({
      databaseUrl: url,
      config: svc.config,
      location: "local",
      evidenceDir: mkdtempSync(path.join(os.tmpdir(), "ledger-evidence-")),
      publicUrl: null,
      log: pino({ level: "silent" }),
    });
    try {
      const bad = [...runs(key, "UU"), ...runs("no-such-probe", "U")];
      await expect(sink.write(bad)).rejects.toThrow(/unknown probe "no-such-probe"/);
      expect(await db.result.count({ where: { probe: { key } } })).toBe(0);
      await sink.write(runs(key, "UUU"));
      expect(await db.result.count({ where: { probe: { key } } })).toBe(3);
    } finally {
      await sink.close();
    }
    await expect(sink.write(runs(key, "U", T0 + 600_000))).rejects.toThrow(/closed/);
  });

  it("refuses to start for probes the database does not hold", async () => {
    const { db, url } = await createTestDb();
    const svc = await createService(db, { intervalSec: 10 });
    const { db: other, url: otherUrl } = await createTestDb();
    await other.$disconnect();
    await expect(
      threadedDatabaseSink({
        databaseUrl: otherUrl,
        config: svc.config,
        location: "local",
        evidenceDir: os.tmpdir(),
        publicUrl: null,
        log: pino({ level: "silent" }),
      }),
    ).rejects.toThrow(/probes not in the database/);
    expect(url).not.toBe(otherUrl);
    await db.$disconnect();
  });
});
