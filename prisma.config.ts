// Placeholders: with engine "js" no engine binary is loaded, and these stop the
// CLI from trying to download one (this machine has no internet).
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= __filename;
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= __filename;

import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { cliPgAdapter } from "./prisma/cli-pg-adapter";

// DATABASE_URL picks the database: file: → SQLite (default, in the data folder), postgres:// → PostgreSQL.
// Each has its own generated schema and migrations, written from prisma/models.prisma.
const dataDir = path.resolve(process.env.LEDGER_DATA_DIR ?? "./data");
const url = process.env.DATABASE_URL ?? `file:${path.join(dataDir, "ledger.db")}`;
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  async adapter() {
    if (provider === "postgresql") return cliPgAdapter(url);
    return new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") });
  },
});
