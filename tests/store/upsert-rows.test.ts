import { describe, expect, it } from "vitest";
import { upsertRows } from "@/lib/store/upsert-rows";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

const H0 = Date.parse("2026-03-01T00:00:00Z");
const HOUR = 3_600_000;

const hourRow = (probeId: number, h: number, up: number) => ({
  probeId,
  hourStart: new Date(H0 + h * HOUR),
  up,
  degraded: 0,
  down: 0,
  unknown: 0,
  measuredSec: up * 60,
  latencyN: up,
  latencySum: up * 100.5,
  latencyMax: 120,
  histogram: JSON.stringify({ "53": up }),
});

describe("multi-row upserts shared by SQLite and PostgreSQL", () => {
  it("inserts 1,200 rows in three statements, then replaces the given columns of those that exist", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const probeId = [...svc.refs.values()][0]!.id;
    await db.$transaction((tx) =>
      upsertRows(
        tx,
        "RollupHour",
        ["probeId", "hourStart"],
        Array.from({ length: 1200 }, (_, h) => hourRow(probeId, h, 60)),
      ),
    );
    expect(await db.rollupHour.count({ where: { probeId } })).toBe(1200);

    // Hours 1,100–1,299: 100 existing rows updated, 100 new ones inserted.
    await db.$transaction((tx) =>
      upsertRows(
        tx,
        "RollupHour",
        ["probeId", "hourStart"],
        Array.from({ length: 200 }, (_, i) => hourRow(probeId, 1100 + i, 59)),
      ),
    );
    expect(await db.rollupHour.count({ where: { probeId } })).toBe(1300);
    const row = await db.rollupHour.findUniqueOrThrow({ where: { probeId_hourStart: { probeId, hourStart: new Date(H0 + 1150 * HOUR) } } });
    // Read back through Prisma: instants, floats and text exactly as written.
    expect(row).toMatchObject({ hourStart: new Date(H0 + 1150 * HOUR), up: 59, measuredSec: 3540, latencySum: 5929.5, histogram: '{"53":59}' });
    expect(await db.rollupHour.findUniqueOrThrow({ where: { probeId_hourStart: { probeId, hourStart: new Date(H0 + 1099 * HOUR) } } })).toMatchObject({
      up: 60,
    });
    // A range query over the written instants sees them in order (the stored format sorts as time).
    expect(await db.rollupHour.count({ where: { probeId, hourStart: { gte: new Date(H0 + 1000 * HOUR), lt: new Date(H0 + 1200 * HOUR) } } })).toBe(200);
  });

  it("refuses rows whose columns differ, writing nothing", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const probeId = [...svc.refs.values()][0]!.id;
    const { histogram: _dropped, ...short } = hourRow(probeId, 1, 1);
    await expect(db.$transaction((tx) => upsertRows(tx, "RollupHour", ["probeId", "hourStart"], [hourRow(probeId, 0, 1), short]))).rejects.toThrow(
      /every row needs the columns/,
    );
    expect(await db.rollupHour.count({ where: { probeId } })).toBe(0);
  });
});
