import type { ChainItem, RootRecord } from "@/core/ledger/verify-chain";
import type { ProbeState } from "@/core/probe-result";
import type { Db } from "@/lib/db";
import { listRoots } from "@/lib/store/daily-roots";

const PAGE = 5_000;

/**
 * Every probe's chain as stored, probe by probe (by key), each in seq order:
 * raw results and the segments left where results were pruned, merged by seq.
 * Read in pages, so a large database never sits in memory.
 */
export async function* readChain(db: Db, opts: { probe?: string } = {}): AsyncGenerator<ChainItem> {
  const probes = await db.probe.findMany({ where: opts.probe ? { key: opts.probe } : {}, select: { id: true, key: true }, orderBy: { key: "asc" } });
  for (const p of probes) {
    const segments = await db.prunedSegment.findMany({ where: { probeId: p.id }, orderBy: { firstSeq: "asc" } });
    let si = 0;
    let after = -Infinity;
    for (;;) {
      const rows = await db.result.findMany({
        where: { probeId: p.id, seq: { gt: after === -Infinity ? -2_147_483_648 : after } },
        // Ties (a repeated seq: tampering) in the order written, the same on every database.
        orderBy: [{ seq: "asc" }, { id: "asc" }],
        take: PAGE,
      });
      for (const r of rows) {
        while (si < segments.length && segments[si]!.firstSeq <= r.seq) yield segmentItem(p.key, segments[si++]!);
        yield {
          kind: "result",
          prevHash: r.prevHash,
          hash: r.hash,
          // In canonical key order, so an export line reads like the hashed bytes.
          result: {
            at: r.at.toISOString(),
            errorClass: r.errorClass,
            httpStatus: r.httpStatus,
            intervalSec: r.intervalSec,
            latencyMs: r.latencyMs,
            message: r.message,
            probe: p.key,
            seq: r.seq,
            state: r.state as ProbeState,
          },
        };
      }
      if (rows.length < PAGE) break;
      after = rows.at(-1)!.seq;
    }
    while (si < segments.length) yield segmentItem(p.key, segments[si++]!);
  }
}

function segmentItem(
  probe: string,
  s: { firstSeq: number; lastSeq: number; count: number; firstAt: Date; lastAt: Date; firstPrevHash: string; lastHash: string },
): ChainItem {
  return {
    kind: "pruned",
    probe,
    firstSeq: s.firstSeq,
    lastSeq: s.lastSeq,
    count: s.count,
    firstAt: s.firstAt.toISOString(),
    lastAt: s.lastAt.toISOString(),
    firstPrevHash: s.firstPrevHash,
    lastHash: s.lastHash,
  };
}

/** Each probe's chain head as stored (written with every batch). */
export async function readHeads(db: Db, opts: { probe?: string } = {}): Promise<Map<string, { seq: number; hash: string }>> {
  const heads = await db.chainHead.findMany({ where: opts.probe ? { probe: { key: opts.probe } } : {}, include: { probe: { select: { key: true } } } });
  return new Map(heads.map((h) => [h.probe.key, { seq: h.seq, hash: h.hash }]));
}

export async function readRoots(db: Db): Promise<RootRecord[]> {
  return (await listRoots(db)).map((r) => ({ day: r.day, root: r.root, leaves: r.leaves }));
}
