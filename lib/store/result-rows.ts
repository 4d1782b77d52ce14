import { mergeHistograms, type Histogram } from "@/core/latency-histogram";
import type { RollupFigures } from "@/core/rollup-figures";
import type { SqliteDriver, SqliteStatement, Tx } from "@/lib/db";
import { upsertRows } from "./upsert-rows";

/** A result row as stored (chain link included). */
export type ResultRow = {
  probeId: number;
  at: Date;
  intervalSec: number;
  state: string;
  latencyMs: number | null;
  httpStatus: number | null;
  errorClass: string | null;
  message: string | null;
  detail: string | null;
  seq: number;
  prevHash: string;
  hash: string;
  agentBatchId: number | null;
};
export type HourFigures = RollupFigures & { probeId: number; hourStart: Date };
export type MinuteCounts = { probeId: number; minuteStart: Date; up: number; degraded: number; down: number; unknown: number };

/**
 * The high-volume rows of the write path (raw results, their duplicates check, the hour and
 * minute roll-ups, days to rebuild), written either through Prisma (any database, every
 * batch of the worker and of agents) or, for an import on SQLite, with prepared statements
 * on the client's own connection inside the same transaction (sqliteRowWriter). Both write
 * the same rows, in the same order, with the same values: tests/store/import-driver.test.ts
 * compares every table after importing one file both ways.
 */
export type RowWriter = {
  /** `probeId@ms` of the stored results of these probes within [from, to] */
  storedKeys(probeIds: number[], from: Date, to: Date): Promise<Set<string>>;
  insertResults(rows: ResultRow[]): Promise<void>;
  /** marks the day roll-ups of these probe-days stale (unless pruned or already stale) */
  reopenDays(pairs: { probeId: number; day: string }[]): Promise<void>;
  /** adds the figures to the stored hour roll-ups, in one pass */
  addHours(acc: Map<string, HourFigures>): Promise<void>;
  addMinutes(minutes: Map<string, MinuteCounts>): Promise<void>;
};

const hourKey = (probeId: number, at: Date) => `${probeId}:${at.getTime()}`;

type StoredHour = Omit<HourFigures, "histogram"> & { histogram: string };

function mergedHour(a: HourFigures, e: StoredHour | undefined): Record<string, string | number | Date> {
  return {
    probeId: a.probeId,
    hourStart: a.hourStart,
    up: (e?.up ?? 0) + a.up,
    degraded: (e?.degraded ?? 0) + a.degraded,
    down: (e?.down ?? 0) + a.down,
    unknown: (e?.unknown ?? 0) + a.unknown,
    measuredSec: (e?.measuredSec ?? 0) + a.measuredSec,
    latencyN: (e?.latencyN ?? 0) + a.latencyN,
    latencySum: (e?.latencySum ?? 0) + a.latencySum,
    latencyMax: Math.max(e?.latencyMax ?? 0, a.latencyMax),
    histogram: JSON.stringify(e ? mergeHistograms(JSON.parse(e.histogram) as Histogram, a.histogram) : a.histogram),
  };
}

export function prismaRowWriter(tx: Tx): RowWriter {
  return {
    async storedKeys(probeIds, from, to) {
      const rows = await tx.result.findMany({ where: { probeId: { in: probeIds }, at: { gte: from, lte: to } }, select: { probeId: true, at: true } });
      return new Set(rows.map((row) => `${row.probeId}@${row.at.getTime()}`));
    },
    async insertResults(rows) {
      await tx.result.createMany({ data: rows });
    },
    async reopenDays(pairs) {
      await tx.rollupDay.updateMany({ where: { OR: pairs, rawPruned: false, stale: false }, data: { stale: true } });
    },
    async addHours(acc) {
      const existing = await tx.rollupHour.findMany({ where: { OR: [...acc.values()].map((a) => ({ probeId: a.probeId, hourStart: a.hourStart })) } });
      const byKey = new Map(existing.map((e) => [hourKey(e.probeId, e.hourStart), e]));
      // One statement for every probe-hour of the batch, with the sums worked out here.
      await upsertRows(
        tx,
        "RollupHour",
        ["probeId", "hourStart"],
        [...acc].map(([key, a]) => mergedHour(a, byKey.get(key))),
      );
    },
    async addMinutes(minutes) {
      // One range query (a batch spans a few minutes; an import's chunk, many): an OR per minute would exceed SQLite's parameter limit.
      const starts = [...minutes.values()].map((m) => m.minuteStart.getTime());
      const existing = await tx.rollupMinute.findMany({
        where: {
          probeId: { in: [...new Set([...minutes.values()].map((m) => m.probeId))] },
          minuteStart: { gte: new Date(Math.min(...starts)), lte: new Date(Math.max(...starts)) },
        },
      });
      const byKey = new Map(existing.map((e) => [hourKey(e.probeId, e.minuteStart), e]));
      const fresh = [...minutes].filter(([key]) => !byKey.has(key)).map(([, m]) => m);
      if (fresh.length > 0) await tx.rollupMinute.createMany({ data: fresh });
      for (const [key, m] of minutes) {
        const e = byKey.get(key);
        if (e)
          await tx.rollupMinute.update({
            where: { id: e.id },
            data: { up: e.up + m.up, degraded: e.degraded + m.degraded, down: e.down + m.down, unknown: e.unknown + m.unknown },
          });
      }
    },
  };
}

/** A date as Prisma stores it on SQLite: ISO text with +00:00 (so text order is time order). */
const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");
const statements = new WeakMap<SqliteDriver, Map<string, SqliteStatement>>();

/** Prepared once per connection and text; numbers come back as numbers (the adapter asks for BigInts). */
function stmt(driver: SqliteDriver, sql: string): SqliteStatement {
  let cache = statements.get(driver);
  if (!cache) statements.set(driver, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = driver.prepare(sql).safeIntegers(false)));
  return s;
}

/** For an import on SQLite: the same rows through prepared statements (the caller holds the transaction). */
export function sqliteRowWriter(driver: SqliteDriver): RowWriter {
  const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
  return {
    async storedKeys(probeIds, from, to) {
      const rows = stmt(driver, `SELECT "probeId", "at" FROM "Result" WHERE "probeId" IN (${marks(probeIds.length)}) AND "at" >= ? AND "at" <= ?`).all(
        ...probeIds,
        sqliteDate(from),
        sqliteDate(to),
      ) as { probeId: number; at: string }[];
      return new Set(rows.map((row) => `${row.probeId}@${Date.parse(row.at)}`));
    },
    async insertResults(rows) {
      const insert = stmt(
        driver,
        `INSERT INTO "Result" ("probeId", "at", "intervalSec", "state", "latencyMs", "httpStatus", "errorClass", "message", "detail",
           "seq", "prevHash", "hash", "agentBatchId") VALUES (${marks(13)})`,
      );
      for (const r of rows)
        insert.run(
          r.probeId,
          sqliteDate(r.at),
          r.intervalSec,
          r.state,
          r.latencyMs,
          r.httpStatus,
          r.errorClass,
          r.message,
          r.detail,
          r.seq,
          r.prevHash,
          r.hash,
          r.agentBatchId,
        );
    },
    async reopenDays(pairs) {
      const update = stmt(driver, `UPDATE "RollupDay" SET "stale" = 1 WHERE "probeId" = ? AND "day" = ? AND "rawPruned" = 0 AND "stale" = 0`);
      for (const p of pairs) update.run(p.probeId, p.day);
    },
    async addHours(acc) {
      const read = stmt(driver, `SELECT * FROM "RollupHour" WHERE "probeId" = ? AND "hourStart" = ?`);
      const cols = ["probeId", "hourStart", "up", "degraded", "down", "unknown", "measuredSec", "latencyN", "latencySum", "latencyMax", "histogram"];
      const upsert = stmt(
        driver,
        `INSERT INTO "RollupHour" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${marks(cols.length)})
         ON CONFLICT ("probeId", "hourStart") DO UPDATE SET ${cols
           .slice(2)
           .map((c) => `"${c}" = excluded."${c}"`)
           .join(", ")}`,
      );
      // Read all first, then write, as the Prisma writer does (the same rows either way).
      const merged = [...acc.values()].map((a) => mergedHour(a, read.all(a.probeId, sqliteDate(a.hourStart))[0] as StoredHour | undefined));
      for (const row of merged) upsert.run(...cols.map((c) => (row[c] instanceof Date ? sqliteDate(row[c]) : row[c])));
    },
    async addMinutes(minutes) {
      const read = stmt(driver, `SELECT "id", "up", "degraded", "down", "unknown" FROM "RollupMinute" WHERE "probeId" = ? AND "minuteStart" = ?`);
      const insert = stmt(driver, `INSERT INTO "RollupMinute" ("probeId", "minuteStart", "up", "degraded", "down", "unknown") VALUES (?, ?, ?, ?, ?, ?)`);
      const update = stmt(driver, `UPDATE "RollupMinute" SET "up" = ?, "degraded" = ?, "down" = ?, "unknown" = ? WHERE "id" = ?`);
      type Stored = { id: number; up: number; degraded: number; down: number; unknown: number };
      const existing = [...minutes.values()].map((m) => read.all(m.probeId, sqliteDate(m.minuteStart))[0] as Stored | undefined);
      // New minutes first, then the stored ones, as the Prisma writer does (same ids).
      [...minutes.values()].forEach((m, i) => {
        if (!existing[i]) insert.run(m.probeId, sqliteDate(m.minuteStart), m.up, m.degraded, m.down, m.unknown);
      });
      [...minutes.values()].forEach((m, i) => {
        const e = existing[i];
        if (e) update.run(e.up + m.up, e.degraded + m.degraded, e.down + m.down, e.unknown + m.unknown, e.id);
      });
    },
  };
}
