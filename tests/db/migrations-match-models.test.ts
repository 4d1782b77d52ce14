import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/prisma/generated/sqlite/client";
import { dbKind } from "@/lib/db-kind";
import { createTestDb } from "../helpers/test-db";

/**
 * The migrations of the database this run uses (SQLite, or PostgreSQL under
 * `npm run test:pg`) build exactly the columns the models declare: a model change
 * without its migration, or a migration for one database only, fails here.
 */
describe("migrations match the models", () => {
  it("every model has its table, with exactly the model's columns", async () => {
    const { db, url } = await createTestDb();
    const columnsOf = async (table: string): Promise<string[]> => {
      if (dbKind(url) === "sqlite") {
        const rows = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_table_info('${table}')`);
        return rows.map((r) => r.name);
      }
      const rows = await db.$queryRawUnsafe<{ column_name: string }[]>(
        "SELECT column_name::text AS column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1",
        table,
      );
      return rows.map((r) => r.column_name);
    };
    const models = Object.values(Prisma.ModelName);
    expect(models.length).toBeGreaterThan(5);
    for (const model of models) {
      const fields = Object.values((Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!);
      expect({ model, columns: (await columnsOf(model)).sort() }).toEqual({ model, columns: [...fields].sort() });
    }
    await db.$disconnect();
  });

  it("every migration since PostgreSQL support began has a twin of the same name for the other database", () => {
    // PostgreSQL's first migration builds everything SQLite's migrations had built up to this one.
    const BASELINE = "20261125060000_service_accounting";
    const names = (dir: string) => readdirSync(path.resolve("prisma", dir, "migrations")).filter((f) => /^\d{14}_/.test(f) && f > BASELINE);
    expect(names("sqlite")).toEqual(names("postgresql").filter((n) => n !== "20261125000000_init"));
  });
});
