import { canonicalInstant, wellFormed } from "@/core/ledger/canonical-result";
import { chainHash, GENESIS_HASH } from "@/core/ledger/chain-hash";
import type { ProbeState } from "@/core/probe-result";
import type { Db } from "@/lib/db";

const PAGE = 5_000;

/**
 * Results stored before the hash chain existed carry a placeholder seq (−id,
 * from the migration that added the chain). This links them, per probe in
 * (at, id) order, ahead of anything written since; it runs after every
 * migration and does nothing once no placeholder is left.
 */
export async function chainLegacyResults(db: Db): Promise<number> {
  const pending = await db.result.groupBy({ by: ["probeId"], where: { seq: { lt: 1 } }, _count: true });
  let chained = 0;
  for (const { probeId } of pending) {
    const probe = await db.probe.findUniqueOrThrow({ where: { id: probeId }, select: { key: true } });
    await db.$transaction(
      async (tx) => {
        if ((await tx.result.count({ where: { probeId, seq: { gt: 0 } } })) > 0)
          throw new Error(`probe ${probe.key} has both chained and unchained results; restore a backup taken before the chain migration`);
        let prevHash = GENESIS_HASH;
        let seq = 0;
        let any = false;
        for (;;) {
          const rows = await tx.result.findMany({ where: { probeId, seq: { lt: 1 } }, orderBy: [{ at: "asc" }, { id: "asc" }], take: PAGE });
          if (rows.length === 0) break;
          for (const r of rows) {
            seq++;
            const message = r.message === null ? null : wellFormed(r.message);
            const errorClass = r.errorClass === null ? null : wellFormed(r.errorClass);
            const hash = chainHash(prevHash, {
              probe: probe.key,
              seq,
              at: canonicalInstant(r.at),
              intervalSec: r.intervalSec,
              state: r.state as ProbeState,
              latencyMs: r.latencyMs,
              httpStatus: r.httpStatus,
              errorClass,
              message,
            });
            await tx.result.update({ where: { id: r.id }, data: { seq, prevHash, hash, message, errorClass } });
            prevHash = hash;
            any = true;
          }
          chained += rows.length;
        }
        if (any) await tx.chainHead.create({ data: { probeId, seq, hash: prevHash } });
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  }
  return chained;
}
