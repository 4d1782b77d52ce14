import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import { verifyDatabase } from "@/lib/ledger/verify-ledger";
import { computeDailyRoots } from "@/lib/store/daily-roots";
import { importResults } from "@/lib/store/import-results";
import { PART_LIMITS } from "@/lib/store/record-results";
import { rollUpCompleteDays } from "@/lib/store/roll-up-days";
import { createTestDb } from "../helpers/test-db";

/**
 * On SQLite an import writes the raw rows with prepared statements on the driver's
 * connection (lib/store/result-rows.ts) instead of through Prisma. The two paths must
 * store the same ledger to the byte: the same file is imported both ways into two
 * databases, in two steps (the second overlapping the first, and bringing a location's
 * late results for days already rolled up and rooted), and every table is compared row by
 * row, ids included, and the hash chains verified. SQLite only (the driver path is SQLite's): the
 * PostgreSQL run leaves this file out (scripts/test-on-postgres.ts).
 */
const Database = createRequire(import.meta.url)("better-sqlite3") as new (
  file: string,
  opts: { readonly: boolean },
) => { prepare(sql: string): { all(): unknown[] }; close(): void };

const config = resolveConfig([
  {
    file: "import-driver",
    data: configFileSchema.parse({
      locations: [
        { key: "seoul", name: "서울", nameEn: "Seoul" },
        { key: "busan", name: "부산", nameEn: "Busan" },
      ],
      services: [0, 1, 2].map((i) => ({
        slug: `svc-${i}`,
        name: `서비스 ${i}`,
        nameEn: `Service ${i}`,
        operator: "운영사",
        operatorEn: "Operator",
        functions: ["topup", "payment"].map((key) => ({ key, name: key, nameEn: key })),
        probes: ["topup", "payment"].flatMap((fn) =>
          ["seoul", "busan"].map((location) => ({ function: fn, location, interval: "60s", request: { url: "http://127.0.0.1:9/" } })),
        ),
      })),
    }),
  },
]).config;

const T0 = Date.parse("2025-03-01T00:00:00Z");
/** One line per probe and minute: outages, blips, unknown runs, slow runs and errors, varied by probe. */
function line(p: number, m: number): string {
  const svc = `svc-${Math.floor(p / 4)}`;
  const fn = p % 4 < 2 ? "topup" : "payment";
  const location = p % 2 === 0 ? "seoul" : "busan";
  const at = new Date(T0 + m * 60_000 + p * 250).toISOString();
  const phase = (m + p * 37) % 480;
  const base = { service: svc, function: fn, location, at };
  if (phase < 9 && p % 3 !== 2) return JSON.stringify({ ...base, state: "DOWN", httpStatus: 503, error: "ASSERTION_STATUS: status 503, expected 2xx" });
  if (phase === 200) return JSON.stringify({ ...base, state: "DOWN", latencyMs: 10_000, error: "TIMEOUT: no answer in 10 s" });
  if (phase > 300 && phase < 303) return JSON.stringify({ ...base, state: "UNKNOWN", error: "MONITOR_ERROR: dns lookup failed" });
  const slow = (m * 13 + p) % 97 === 0;
  return JSON.stringify({ ...base, state: slow ? "DEGRADED" : "UP", latencyMs: slow ? 3500 : 60 + ((m * 7 + p * 11) % 150), httpStatus: 200 });
}

function writeFile(dir: string, name: string, minutes: number, keep: (p: number, m: number) => boolean): string {
  const lines: string[] = [];
  for (let m = 0; m < minutes; m++) for (let p = 0; p < 12; p++) if (keep(p, m)) lines.push(line(p, m));
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

function dump(url: string): Record<string, unknown[]> {
  const raw = new Database(url.slice("file:".length), { readonly: true });
  const tables = (
    raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'`).all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = raw.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all();
  raw.close();
  return out;
}

describe("an import through the SQLite driver", () => {
  it("stores the same rows, chains and roll-ups as through Prisma, to the byte", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-import-driver-"));
    // A day and 17 minutes (1,457 minutes) of 11 probes, and every other minute of probe 11 (whose other
    // results come late): 11 × 1,457 + 729 = 16,756 results. Then all of it again with the rest of
    // the second day, and probe 11's late results for the first, a day already rolled up.
    const first = writeFile(dir, "first.jsonl", 1440 + 17, (p, m) => p !== 11 || m % 2 === 0);
    const second = writeFile(dir, "second.jsonl", 2 * 1440, () => true);
    const now = new Date(T0 + 3 * 86_400_000);
    const dumps = [];
    for (const driver of [false, true, true]) {
      // the driver with the chunks and parts of the Prisma path first, then with its own (20,000 results)
      const chunking = dumps.length === 1 ? { chunk: 2000, parts: PART_LIMITS } : {};
      const { db, url } = await createTestDb();
      const a = await importResults(db, config, first, { now, driver, ...chunking });
      expect(a.imported).toBe(16_756);
      // The first day is complete ten minutes into the second: rolled up, its root published.
      await rollUpCompleteDays(db, { now: T0 + 86_400_000 + 10 * 60_000, graceMs: 5 * 60_000 });
      await computeDailyRoots(db, { now: T0 + 86_400_000 + 10 * 60_000, graceMs: 5 * 60_000 });
      const b = await importResults(db, config, second, { now, driver, ...chunking });
      // 12 probes × 2,880 minutes = 34,560, less the 16,756 the first file brought
      expect(b).toMatchObject({ read: 34_560, imported: 34_560 - 16_756 });
      expect(await verifyDatabase(db)).toMatchObject({ ok: true });
      await db.$disconnect();
      dumps.push(dump(url));
    }
    const [viaPrisma, viaDriver, viaDriverChunks] = dumps as [Record<string, unknown[]>, Record<string, unknown[]>, Record<string, unknown[]>];
    // Days rolled up before the late results came are marked stale, outages opened and closed, blips kept.
    expect(viaPrisma.RollupDay!.some((d) => (d as { stale: number }).stale === 1)).toBe(true);
    expect(viaPrisma.Outage!.length).toBeGreaterThan(5);
    expect(viaPrisma.Result!.length).toBe(34_560);
    // Written at the moment of writing, so they differ between runs by design.
    const clocked = new Set(["createdAt", "updatedAt"]);
    const strip = (rows: unknown[], drop: Set<string>) => rows.map((r) => Object.fromEntries(Object.entries(r as object).filter(([c]) => !drop.has(c))));
    // Cut into the same parts, the driver writes every row of every table as Prisma does, ids included.
    for (const table of Object.keys(viaPrisma))
      expect({ table, rows: strip(viaDriver[table]!, clocked) }).toEqual({ table, rows: strip(viaPrisma[table]!, clocked) });
    // In its own larger parts, the rows are the same but may be created in another order (ids): compared as sets.
    const asSet = (rows: unknown[]) =>
      strip(rows, new Set([...clocked, "id"]))
        .map((r) => JSON.stringify(r))
        .sort();
    for (const table of Object.keys(viaPrisma)) expect({ table, rows: asSet(viaDriverChunks[table]!) }).toEqual({ table, rows: asSet(viaPrisma[table]!) });
  }, 300_000);
});
