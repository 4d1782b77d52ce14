/**
 * Multi-row inserts straight through the database driver, for generating synthetic
 * history quickly (millions of roll-up rows): better-sqlite3 prepared statements in
 * one transaction, or multi-row INSERTs over pg. Values are stored exactly as
 * Prisma stores them (SQLite: DateTime as ISO text with +00:00, Boolean as 0/1;
 * PostgreSQL: TIMESTAMP(3) in UTC).
 */
import { createRequire } from "node:module";
import pg from "pg";
import type { BenchDatabase } from "./databases";

type RawDb = { pragma(s: string): unknown; prepare(sql: string): { run(...args: unknown[]): unknown }; transaction(fn: () => void): () => void; close(): void };
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => RawDb;

export type Value = string | number | boolean | Date | null;

export type BulkWriter = { insert: (table: string, rows: Record<string, Value>[]) => Promise<void>; close: () => Promise<void> };

export async function bulkWriter(database: BenchDatabase): Promise<BulkWriter> {
  if (database.kind === "sqlite") {
    const raw = new Database(database.file!);
    raw.pragma("journal_mode = WAL");
    raw.pragma("busy_timeout = 10000");
    const conv = (v: Value) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : typeof v === "boolean" ? (v ? 1 : 0) : v);
    return {
      async insert(table, rows) {
        if (rows.length === 0) return;
        const cols = Object.keys(rows[0]!);
        const stmt = raw.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES (${cols.map(() => "?").join(", ")})`);
        raw.transaction(() => {
          for (const r of rows) stmt.run(...cols.map((c) => conv(r[c]!)));
        })();
      },
      close: async () => void raw.close(),
    };
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const conv = (v: Value) => (v instanceof Date ? v.toISOString().slice(0, 23) : v);
  return {
    async insert(table, rows) {
      if (rows.length === 0) return;
      const cols = Object.keys(rows[0]!);
      const per = Math.floor(30_000 / cols.length);
      for (let i = 0; i < rows.length; i += per) {
        const part = rows.slice(i, i + per);
        const params: unknown[] = [];
        const tuples = part.map((r) => `(${cols.map((c) => `$${params.push(conv(r[c]!))}`).join(", ")})`);
        await client.query(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, params);
      }
    },
    close: () => client.end(),
  };
}
