import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import type { Db } from "@/lib/db";
import { syncConfig } from "@/lib/store/sync-config";
import { databaseSink } from "@/probes/database-sink";
import pino from "pino";
import { createTestDb } from "../helpers/test-db";

const FUNCTIONS = ["signup", "topup", "payment", "balance"] as const;

/** `services` services of 4 functions, one probe each. */
function config(services: number) {
  const data = configFileSchema.parse({
    services: Array.from({ length: services }, (_, i) => ({
      slug: `svc-${i}`,
      name: `s${i}`,
      nameEn: `s${i}`,
      operator: "o",
      operatorEn: "o",
      functions: FUNCTIONS.map((key) => ({ key, name: key, nameEn: key })),
      probes: FUNCTIONS.map((fn) => ({ function: fn, interval: "60s", request: { url: "http://127.0.0.1:9/" } })),
    })),
  });
  return resolveConfig([{ file: "sync.yaml", data }]).config;
}

let db: Db;
beforeAll(async () => {
  db = (await createTestDb()).db;
});
afterAll(async () => {
  await db.$disconnect();
});

describe("syncConfig with many probes", () => {
  it("keeps 1,200 configured probes active and deactivates those left out, however many", async () => {
    // 300 services × 4 functions = 1,200 probes: more keys than one query may bind
    const big = config(300);
    expect(await syncConfig(db, big)).toEqual({ services: 300, probes: 1200 });
    expect(await db.probe.count({ where: { active: true } })).toBe(1200);
    // the worker's sink finds every one of them
    const sink = await databaseSink({ db, config: big, location: "local", log: pino({ level: "silent" }), evidenceDir: "/nonexistent" });
    expect(sink).toBeDefined();

    // down to 10 services: 40 probes stay active, 1,160 are deactivated (never deleted)
    await syncConfig(db, config(10));
    expect(await db.probe.count({ where: { active: true } })).toBe(40);
    expect(await db.probe.count({ where: { active: false } })).toBe(1160);
    expect(await db.probe.count()).toBe(1200);
    const active = await db.probe.findMany({ where: { active: true }, select: { key: true } });
    expect(active.every((p) => /^svc-\d-/.test(p.key))).toBe(true);
  });
});
