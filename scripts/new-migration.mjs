#!/usr/bin/env node
/**
 * `node scripts/new-migration.mjs <name> [--from <git rev>]`: after a change to
 * prisma/models.prisma, writes one migration per database (SQLite and PostgreSQL)
 * with the same folder name, from the models at <git rev> (default HEAD) to the
 * models in the working tree. SQLite needs no server; for PostgreSQL the CLI
 * connects to TEST_DATABASE_URL (default the local server) but changes nothing there.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { schemaFor } from "./prisma-schemas.mjs";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));
const fromIdx = args.indexOf("--from");
const rev = fromIdx >= 0 ? args[fromIdx + 1] : "HEAD";
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write("usage: node scripts/new-migration.mjs <name_in_snake_case> [--from <git rev>]\n");
  process.exit(2);
}

execFileSync(process.execPath, [path.join(root, "scripts/prisma-generate.mjs"), "--write-only"], { stdio: "inherit" });
const oldModels = execFileSync("git", ["show", `${rev}:prisma/models.prisma`], { cwd: root, encoding: "utf8" });
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const folder = `${stamp}_${name}`;
const tmp = mkdtempSync(path.join(os.tmpdir(), "ledger-migration-"));
const prisma = path.join(root, "node_modules/prisma/build/index.js");

for (const [dir, url] of [
  ["sqlite", `file:${path.join(tmp, "unused.db")}`],
  // the PostgreSQL adapter connects even to diff two files: any reachable server will do
  ["postgresql", process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres"],
]) {
  const oldSchema = path.join(tmp, `${dir}.prisma`);
  writeFileSync(oldSchema, schemaFor(dir, oldModels));
  const sql = execFileSync(
    process.execPath,
    [prisma, "migrate", "diff", "--from-schema-datamodel", oldSchema, "--to-schema-datamodel", `prisma/${dir}/schema.prisma`, "--script"],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const migrations = path.join(root, "prisma", dir, "migrations");
  const latest = existsSync(migrations)
    ? readdirSync(migrations)
        .filter((f) => /^\d{14}_/.test(f))
        .sort()
        .at(-1)
    : undefined;
  if (latest && latest.slice(0, 14) >= stamp) throw new Error(`prisma/${dir}/migrations/${latest} is not older than ${folder}`);
  mkdirSync(path.join(migrations, folder), { recursive: true });
  writeFileSync(path.join(migrations, folder, "migration.sql"), sql);
  process.stdout.write(`prisma/${dir}/migrations/${folder}/migration.sql\n${sql}\n`);
}
