import { describe, expect, it } from "vitest";
import { inTransaction } from "@/lib/store/in-transaction";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

describe("a transaction retried when the database is busy", () => {
  it("rolls back the failed attempt whole and keeps the one that succeeds", async () => {
    const { db } = await createTestDb();
    const svc = await createService(db);
    const service = await db.service.findUniqueOrThrow({ where: { slug: svc.slug } });
    let attempts = 0;
    const result = await inTransaction(db, async (tx) => {
      attempts++;
      await tx.service.update({ where: { id: service.id }, data: { description: `attempt ${attempts}` } });
      // What better-sqlite3 reports when another connection committed between this transaction's read and its write.
      if (attempts < 3) {
        await tx.service.update({ where: { id: service.id }, data: { nameEn: "written by a failed attempt" } });
        throw new Error("SqliteError: database is locked");
      }
      return attempts;
    });
    expect(result).toBe(3);
    expect(await db.service.findUniqueOrThrow({ where: { id: service.id } })).toMatchObject({ description: "attempt 3", nameEn: service.nameEn });
  });

  it("gives up after the attempts allowed, and never retries another error", async () => {
    const { db } = await createTestDb();
    let busy = 0;
    await expect(
      inTransaction(
        db,
        async () => {
          busy++;
          throw new Error("database is locked");
        },
        { attempts: 2 },
      ),
    ).rejects.toThrow(/locked/);
    expect(busy).toBe(2);
    let other = 0;
    await expect(
      inTransaction(db, async () => {
        other++;
        throw new Error("no such probe");
      }),
    ).rejects.toThrow(/no such probe/);
    expect(other).toBe(1);
  });
});
