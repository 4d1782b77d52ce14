import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDeploy } from "@/lib/migrate";
import { TEST_PG_URL, dropDatabasesWithPrefix, pgUrlFor, uniqueDbName, withPgAdmin } from "./test-database";

/**
 * Migrates one template database; each test copies it (tests/helpers/test-db.ts).
 * On PostgreSQL every database of this run shares a prefix and is dropped at the end.
 */
export default async function setup({ provide }: { provide: (key: "templateDb" | "runPrefix", value: string) => void }) {
  if (TEST_PG_URL) {
    const runPrefix = uniqueDbName("ledger_test");
    const template = `${runPrefix}_template`;
    await withPgAdmin((c) => c.query(`CREATE DATABASE "${template}"`));
    await migrateDeploy(pgUrlFor(template), process.env);
    provide("templateDb", template);
    provide("runPrefix", runPrefix);
    return () => dropDatabasesWithPrefix(runPrefix);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-test-"));
  const file = path.join(dir, "template.db");
  await migrateDeploy(`file:${file}`, process.env);
  provide("templateDb", file);
  provide("runPrefix", "");
  return () => rmSync(dir, { recursive: true, force: true });
}

// Module augmentation needs an interface: vitest declares ProvidedContext as one.
declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    templateDb: string;
    runPrefix: string;
  }
}
