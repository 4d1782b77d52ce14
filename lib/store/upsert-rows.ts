import type { Tx } from "@/lib/db";
import { Prisma } from "@/prisma/generated/sqlite/client";

type Value = string | number | boolean | Date | null;

/** Rows per statement: far below SQLite's and PostgreSQL's limits on bound parameters (32,766 and 65,535). */
const CHUNK = 500;

/**
 * Inserts rows, or replaces the given columns of those that already exist, in
 * one statement per 500 rows: `INSERT … ON CONFLICT (key) DO UPDATE SET c =
 * excluded.c`, which SQLite and PostgreSQL share. The write path calls it
 * once per table and batch instead of one upsert per row. Every row must have
 * the same columns; they are written as given (no defaults, no @updatedAt).
 */
export async function upsertRows(tx: Tx, table: string, key: string[], rows: Record<string, Value>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (const row of rows) {
    const cols = Object.keys(row);
    if (cols.length !== columns.length || cols.some((c, i) => c !== columns[i]))
      throw new Error(`upsertRows(${table}): every row needs the columns ${columns.join(", ")}`);
  }
  const ident = (name: string) => Prisma.raw(`"${name.replace(/"/g, '""')}"`);
  const updates = columns.filter((c) => !key.includes(c));
  const set =
    updates.length > 0 ? Prisma.sql`DO UPDATE SET ${Prisma.join(updates.map((c) => Prisma.sql`${ident(c)} = excluded.${ident(c)}`))}` : Prisma.sql`DO NOTHING`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const values = rows.slice(i, i + CHUNK).map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c]))})`);
    await tx.$executeRaw`INSERT INTO ${ident(table)} (${Prisma.join(columns.map(ident))}) VALUES ${Prisma.join(values)} ON CONFLICT (${Prisma.join(key.map(ident))}) ${set}`;
  }
}
