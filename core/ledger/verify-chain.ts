import type { ChainedResult } from "./canonical-result";
import { chainHash, GENESIS_HASH } from "./chain-hash";
import { rootOfRoots, type DayLeaf } from "./day-root";

/**
 * Recomputes probe chains and checks the published daily roots against them
 * (docs/verify.md). Items arrive one at a time, each probe's in the order they
 * were stored (ascending seq); probes may interleave. Raw results that were
 * pruned are represented by their segment: first/last seq, count, the prevHash
 * of the first and the hash of the last, so the walk continues across the gap
 * and a root that points at a segment's end is still checked.
 */
export type ChainItem =
  | { kind: "result"; result: ChainedResult; prevHash: string; hash: string }
  | {
      kind: "pruned";
      probe: string;
      firstSeq: number;
      lastSeq: number;
      count: number;
      firstAt: string;
      lastAt: string;
      firstPrevHash: string;
      lastHash: string;
    };

export type RootRecord = { day: string; root: string; leaves: DayLeaf[] };

/** The first broken link: where, and what was expected against what was found. */
export type ChainBreak = { probe: string; seq: number; at: string | null; reason: string; expected: string; found: string; day?: string };

export type ProbeSummary = { probe: string; results: number; pruned: number; prunedSegments: number; lastSeq: number; lastHash: string };

export type VerifyReport = { ok: boolean; breaks: ChainBreak[]; probes: ProbeSummary[]; roots: number; rootsChecked: number };

type ProbeWalk = ProbeSummary & { broken: boolean };

export class ChainVerifier {
  private readonly walks = new Map<string, ProbeWalk>();
  private readonly breaks: ChainBreak[] = [];
  /** per probe: leaf seq → the roots that name it */
  private readonly wanted = new Map<string, Map<number, { day: string; hash: string }[]>>();
  private readonly roots: RootRecord[];
  private rootsChecked = 0;
  private readonly leafSeen = new Set<string>();

  /** `probe`: walk one probe's chain only; roots of roots are still recomputed from all their leaves. */
  constructor(roots: RootRecord[], opts: { probe?: string } = {}) {
    this.roots = [...roots].sort((a, b) => a.day.localeCompare(b.day));
    for (const r of this.roots) {
      let expected: string;
      try {
        expected = rootOfRoots(r.day, r.leaves);
      } catch (err) {
        this.breaks.push({
          probe: "*",
          seq: 0,
          at: null,
          day: r.day,
          reason: `root of ${r.day} cannot be recomputed: ${(err as Error).message}`,
          expected: "valid leaves",
          found: JSON.stringify(r.leaves).slice(0, 200),
        });
        continue;
      }
      if (expected !== r.root)
        this.breaks.push({ probe: "*", seq: 0, at: null, day: r.day, reason: `root of roots of ${r.day} does not match its leaves`, expected, found: r.root });
      for (const l of r.leaves) {
        if (opts.probe !== undefined && l.probe !== opts.probe) continue;
        const bySeq = this.wanted.get(l.probe) ?? this.wanted.set(l.probe, new Map()).get(l.probe)!;
        (bySeq.get(l.seq) ?? bySeq.set(l.seq, []).get(l.seq)!).push({ day: r.day, hash: l.hash });
      }
    }
  }

  add(item: ChainItem): void {
    const probe = item.kind === "result" ? item.result.probe : item.probe;
    let w = this.walks.get(probe);
    if (!w) this.walks.set(probe, (w = { probe, results: 0, pruned: 0, prunedSegments: 0, lastSeq: 0, lastHash: GENESIS_HASH, broken: false }));
    if (w.broken) return;
    const expectedSeq = w.lastSeq + 1;
    if (item.kind === "result") {
      const r = item.result;
      w.results++;
      if (r.seq !== expectedSeq)
        return this.fail(w, {
          probe,
          seq: expectedSeq,
          at: r.at,
          reason: r.seq < expectedSeq ? `seq ${r.seq} comes again after seq ${w.lastSeq}` : `result seq ${expectedSeq} is missing`,
          expected: `seq ${expectedSeq}`,
          found: `seq ${r.seq}`,
        });
      if (item.prevHash !== w.lastHash)
        return this.fail(w, {
          probe,
          seq: r.seq,
          at: r.at,
          reason: "prevHash is not the hash of the result before",
          expected: w.lastHash,
          found: item.prevHash,
        });
      let computed: string;
      try {
        computed = chainHash(item.prevHash, r);
      } catch (err) {
        return this.fail(w, {
          probe,
          seq: r.seq,
          at: r.at,
          reason: (err as Error).message,
          expected: "a result in canonical form",
          found: JSON.stringify(r).slice(0, 200),
        });
      }
      if (computed !== item.hash)
        return this.fail(w, {
          probe,
          seq: r.seq,
          at: r.at,
          reason: "the stored hash is not sha256(prevHash ‖ canonical result): the result was changed",
          expected: computed,
          found: item.hash,
        });
      w.lastSeq = r.seq;
      w.lastHash = item.hash;
      this.checkLeaf(w, r.seq, r.at);
    } else {
      w.prunedSegments++;
      w.pruned += item.count;
      if (item.firstSeq !== expectedSeq)
        return this.fail(w, {
          probe,
          seq: expectedSeq,
          at: item.firstAt,
          reason: item.firstSeq < expectedSeq ? `pruned segment from seq ${item.firstSeq} overlaps what came before` : `result seq ${expectedSeq} is missing`,
          expected: `seq ${expectedSeq}`,
          found: `pruned segment from seq ${item.firstSeq}`,
        });
      if (item.count !== item.lastSeq - item.firstSeq + 1)
        return this.fail(w, {
          probe,
          seq: item.firstSeq,
          at: item.firstAt,
          reason: "pruned segment's count does not match its seq range",
          expected: String(item.lastSeq - item.firstSeq + 1),
          found: String(item.count),
        });
      if (item.firstPrevHash !== w.lastHash)
        return this.fail(w, {
          probe,
          seq: item.firstSeq,
          at: item.firstAt,
          reason: "pruned segment does not continue from the hash before it",
          expected: w.lastHash,
          found: item.firstPrevHash,
        });
      // Roots inside a pruned segment cannot be checked; pruning cuts segments at every root's seq, so none should be.
      const inside = [...(this.wanted.get(probe)?.keys() ?? [])].filter((s) => s >= item.firstSeq && s < item.lastSeq);
      if (inside.length > 0)
        return this.fail(w, {
          probe,
          seq: inside[0]!,
          at: null,
          reason: "a daily root points inside a pruned segment, where it cannot be checked",
          expected: `a segment ending at seq ${inside[0]}`,
          found: `segment ${item.firstSeq}–${item.lastSeq}`,
        });
      w.lastSeq = item.lastSeq;
      w.lastHash = item.lastHash;
      this.checkLeaf(w, item.lastSeq, item.lastAt);
    }
  }

  /** Ends the walk. `heads`: each probe's head as stored (database only), checked against where its chain ended. */
  finish(heads?: Map<string, { seq: number; hash: string }>): VerifyReport {
    if (heads) {
      for (const [probe, head] of heads) {
        const w = this.walks.get(probe);
        if (w?.broken) continue;
        const lastSeq = w?.lastSeq ?? 0;
        const lastHash = w?.lastHash ?? GENESIS_HASH;
        if (head.seq !== lastSeq || head.hash !== lastHash)
          this.breaks.push({
            probe,
            seq: Math.min(head.seq, lastSeq) + 1,
            at: null,
            reason:
              head.seq > lastSeq
                ? `results after seq ${lastSeq} are missing (the chain head is at seq ${head.seq})`
                : "the chain head does not match the last result",
            expected: `seq ${head.seq} ${head.hash}`,
            found: `seq ${lastSeq} ${lastHash}`,
          });
      }
    }
    for (const [probe, bySeq] of this.wanted) {
      const w = this.walks.get(probe);
      if (w?.broken) continue;
      for (const [seq, roots] of bySeq) {
        if (this.leafSeen.has(`${probe}\n${seq}`)) continue;
        for (const r of roots)
          this.breaks.push({
            probe,
            seq,
            at: null,
            day: r.day,
            reason: `the root of ${r.day} names seq ${seq}, which is not in the chain (it ends at seq ${w?.lastSeq ?? 0})`,
            expected: r.hash,
            found: "nothing",
          });
      }
    }
    const probes = [...this.walks.values()].map(({ broken: _broken, ...s }) => s).sort((a, b) => (a.probe < b.probe ? -1 : 1));
    return { ok: this.breaks.length === 0, breaks: this.breaks, probes, roots: this.roots.length, rootsChecked: this.rootsChecked };
  }

  private checkLeaf(w: ProbeWalk, seq: number, at: string): void {
    const roots = this.wanted.get(w.probe)?.get(seq);
    if (!roots) return;
    this.leafSeen.add(`${w.probe}\n${seq}`);
    for (const r of roots) {
      this.rootsChecked++;
      if (r.hash !== w.lastHash) {
        this.fail(w, {
          probe: w.probe,
          seq,
          at,
          day: r.day,
          reason: `the chain at seq ${seq} differs from the root published for ${r.day}: something before it was changed`,
          expected: r.hash,
          found: w.lastHash,
        });
        return;
      }
    }
  }

  private fail(w: ProbeWalk, b: ChainBreak): void {
    w.broken = true;
    this.breaks.push(b);
  }
}
