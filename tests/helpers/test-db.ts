import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { openDb, type Db } from "@/lib/db";
import { TEST_PG_URL, createDatabaseFrom, pgUrlFor, uniqueDbName } from "./test-database";

/** A fresh, migrated database of the test's own: no shared rows, no wipes. */
export async function createTestDb(): Promise<{ db: Db; url: string }> {
  const url = await createTestDbUrl();
  return { db: await openDb(url), url };
}

/** The URL of a fresh, migrated database (SQLite file or PostgreSQL database, as the run is set up). */
export async function createTestDbUrl(): Promise<string> {
  if (TEST_PG_URL) {
    const name = uniqueDbName(inject("runPrefix"));
    await createDatabaseFrom(inject("templateDb"), name);
    return pgUrlFor(name);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-db-"));
  const file = path.join(dir, "test.db");
  copyFileSync(inject("templateDb"), file);
  return `file:${file}`;
}
