import { INITIAL_FOLD, stepLocation } from "@/core/accounting/location-fold";
import { canonicalInstant, wellFormed } from "@/core/ledger/canonical-result";
import { chainHash, GENESIS_HASH } from "@/core/ledger/chain-hash";
import { utcDay } from "@/core/ledger/day-root";
import type { EvidenceRef } from "@/core/evidence/evidence-blob";
import type { ProbeResult } from "@/core/probe-result";
import { addToFigures, emptyFigures } from "@/core/rollup-figures";
import type { AlertPlan } from "@/lib/alerts/alert-plan";
import { enqueueOutageAlerts } from "@/lib/alerts/enqueue-outage-alerts";
import type { Db, Tx } from "@/lib/db";
import { Prisma } from "@/prisma/generated/sqlite/client";

import { writeEvidence } from "./evidence-store";
import { rebuildOutages, type RecordedEvent } from "./function-outages";
import { inTransaction } from "./in-transaction";
import { foldColumns, foldOf, spanRow } from "./location-state";
import { prismaRowWriter, type HourFigures, type MinuteCounts, type RowWriter } from "./result-rows";
import { upsertRows } from "./upsert-rows";

export type ProbeRef = { id: number; functionId: number; serviceId: number; confirm: number };
export type { RecordedEvent };

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * Stores a batch of results in one transaction: the raw rows linked into each
 * probe's hash chain, the chain heads, the hourly roll-ups, each location's state
 * and each function's outages (opened, extended, closed, blips). Either all of it
 * is written or none, so a crash never leaves a result without its chain link or
 * its outage bookkeeping. Every result enters the ledger here, whoever measured
 * it (the local worker, an import, a probe agent's batch). Evidence files of
 * failing runs are written to `evidenceDir` first, before the transaction
 * commits: a crash leaves at worst a file nobody links to, never a link to no file.
 */
export async function recordResults(
  db: Db,
  probes: Map<string, ProbeRef>,
  batch: ProbeResult[],
  opts: RecordOptions & { evidenceDir?: string | null } = {},
): Promise<RecordedEvent[]> {
  if (batch.length === 0) return [];
  for (const r of batch) if (!probes.has(r.probeKey)) throw new Error(`result for unknown probe "${r.probeKey}"`);
  const evidence = await storeEvidence(batch, opts.evidenceDir ?? null);
  // Retried when SQLite reports another connection's commit in its way (the alerter, the web
  // process and the worker's own jobs write too): the attempt rolled back whole.
  return inTransaction(db, (tx) => recordResultsIn(tx, probes, batch, { ...opts, evidence }), { timeout: 60_000, maxWait: 30_000 });
}

/**
 * `agentBatchId`: the signed agent batch the results came in (lib/agents), kept with each result.
 * `evidence`: the stored files of each result, by `evidenceKey`.
 * `alerts`: fill the alert outbox for outages opened or closed, in the same
 * transaction. Left out by an import of past results, which alerts nobody.
 */
export type RecordOptions = {
  agentBatchId?: number;
  onStored?: (count: number) => void;
  evidence?: Map<string, EvidenceRef[]>;
  alerts?: AlertPlan | null;
  /** where the high-volume rows go (lib/store/result-rows.ts); Prisma unless an import on SQLite says otherwise */
  rows?: RowWriter;
  /** the size of a part (PART_LIMITS unless the rows bypass Prisma's limits) */
  limits?: PartLimits;
};

const evidenceKey = (r: Pick<ProbeResult, "probeKey" | "at">) => `${r.probeKey}@${r.at.getTime()}`;

/** Writes every file of the batch to disk; returns the refs per result. */
export async function storeEvidence(batch: ProbeResult[], dir: string | null): Promise<Map<string, EvidenceRef[]>> {
  const stored = new Map<string, EvidenceRef[]>();
  for (const r of batch) {
    if (!r.evidence || r.evidence.length === 0) continue;
    if (!dir) throw new Error("results carry evidence but no evidence folder was given");
    const refs: EvidenceRef[] = [];
    for (const blob of r.evidence) refs.push(await writeEvidence(dir, blob));
    stored.set(evidenceKey(r), refs);
  }
  return stored;
}

/**
 * The same, inside a transaction the caller holds (an import writes many batches
 * atomically). A result already stored (same probe and instant) is skipped, so a
 * batch sent twice is stored once.
 */
export async function recordResultsIn(tx: Tx, probes: Map<string, ProbeRef>, batch: ProbeResult[], opts: RecordOptions = {}): Promise<RecordedEvent[]> {
  for (const r of batch) if (!probes.has(r.probeKey)) throw new Error(`result for unknown probe "${r.probeKey}"`);
  const parts = batchParts(batch, probes, opts.limits);
  if (parts.length === 1) return recordPart(tx, probes, batch, opts);
  let stored = 0;
  const events: RecordedEvent[] = [];
  for (const part of parts) events.push(...(await recordPart(tx, probes, part, { ...opts, onStored: (n) => (stored += n) })));
  opts.onStored?.(stored);
  return events;
}

/** Limits of one part of a batch: every list a query binds stays below the 999 parameters Prisma allows on SQLite. */
export const PART_LIMITS: PartLimits = { probes: 200, probeHours: 300, results: 300 };
export type PartLimits = { probes: number; probeHours: number; results: number };

/** The probes and probe-hours of a growing list of results, to tell whether more still fit. */
class PartSize {
  readonly probes = new Set<string>();
  readonly hours = new Set<string>();
  count = 0;
  constructor(private readonly limits: PartLimits) {}
  add(r: ProbeResult): void {
    this.probes.add(r.probeKey);
    this.hours.add(`${r.probeKey}@${Math.floor(r.at.getTime() / HOUR_MS)}`);
    this.count++;
  }
  fitsWith(other: PartSize): boolean {
    let probes = this.probes.size;
    for (const p of other.probes) if (!this.probes.has(p)) probes++;
    let hours = this.hours.size;
    for (const h of other.hours) if (!this.hours.has(h)) hours++;
    return probes <= this.limits.probes && hours <= this.limits.probeHours && this.count + other.count <= this.limits.results;
  }
}

/**
 * A batch of any size (the queue after the database was unavailable for a while, the first
 * beat of a large configuration, an agent's spool, an import's chunk) cut into parts written
 * one after another in the same transaction. A function's results stay together and in time
 * order, so its locations' outages are decided on the same part; a function with more results
 * than a part holds is cut by time, which is how batches follow each other anyway. The sizes
 * grow with the parts (a check that copied the part for every result cost O(n²) on a large chunk).
 */
export function batchParts(batch: ProbeResult[], probes: Map<string, ProbeRef>, limits: PartLimits = PART_LIMITS): ProbeResult[][] {
  const sizeOf = (rs: ProbeResult[]) => {
    const s = new PartSize(limits);
    for (const r of rs) s.add(r);
    return s;
  };
  if (sizeOf(batch).fitsWith(new PartSize(limits))) return [batch];
  const byFunction = new Map<number, ProbeResult[]>();
  for (const r of [...batch].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const fn = probes.get(r.probeKey)!.functionId;
    (byFunction.get(fn) ?? byFunction.set(fn, []).get(fn)!).push(r);
  }
  // Each function's results in time slices that fit, then the slices packed into parts in order.
  const slices: { results: ProbeResult[]; size: PartSize }[] = [];
  for (const rs of byFunction.values()) {
    let slice = { results: [] as ProbeResult[], size: new PartSize(limits) };
    for (const r of rs) {
      if (slice.results.length > 0 && !slice.size.fitsWith(sizeOf([r]))) {
        slices.push(slice);
        slice = { results: [], size: new PartSize(limits) };
      }
      slice.results.push(r);
      slice.size.add(r);
    }
    if (slice.results.length > 0) slices.push(slice);
  }
  const parts: { results: ProbeResult[]; size: PartSize }[] = [];
  for (const slice of slices) {
    const last = parts.at(-1);
    if (last && last.size.fitsWith(slice.size)) {
      last.results.push(...slice.results);
      for (const r of slice.results) last.size.add(r);
    } else parts.push({ results: [...slice.results], size: sizeOf(slice.results) });
  }
  return parts.map((p) => p.results);
}

async function recordPart(tx: Tx, probes: Map<string, ProbeRef>, batch: ProbeResult[], opts: RecordOptions): Promise<RecordedEvent[]> {
  const writer = opts.rows ?? prismaRowWriter(tx);
  // Text as it will be stored and hashed: at most 500 characters, never half a surrogate pair.
  const results = (await newResults(writer, probes, batch)).map((r) => ({
    ...r,
    message: r.message === null ? null : wellFormed(r.message.slice(0, 500)),
  }));
  opts.onStored?.(results.length);
  if (results.length === 0) return [];
  {
    // Chain links in the order written: by probe, then by time within the batch.
    const probeIds = [...new Set(results.map((r) => probes.get(r.probeKey)!.id))];
    const heads = new Map((await tx.chainHead.findMany({ where: { probeId: { in: probeIds } } })).map((h) => [h.probeId, h]));
    const rows = results.map((r) => {
      const probeId = probes.get(r.probeKey)!.id;
      const head = heads.get(probeId);
      const seq = (head?.seq ?? 0) + 1;
      const prevHash = head?.hash ?? GENESIS_HASH;
      const { message, errorClass } = r;
      const hash = chainHash(prevHash, {
        probe: r.probeKey,
        seq,
        at: canonicalInstant(r.at),
        intervalSec: r.intervalSec,
        state: r.state,
        latencyMs: r.latencyMs,
        httpStatus: r.httpStatus,
        errorClass,
        message,
      });
      heads.set(probeId, { probeId, seq, hash });
      const detail = r.detail ? JSON.stringify(r.detail) : null;
      return {
        probeId,
        at: r.at,
        intervalSec: r.intervalSec,
        state: r.state,
        latencyMs: r.latencyMs,
        httpStatus: r.httpStatus,
        errorClass,
        message,
        detail,
        seq,
        prevHash,
        hash,
        agentBatchId: opts.agentBatchId ?? null,
      };
    });
    await writer.insertResults(rows);
    const withEvidence = opts.evidence?.size ? results.filter((r) => opts.evidence!.has(evidenceKey(r))) : [];
    if (withEvidence.length > 0)
      await linkEvidence(
        tx,
        probes,
        withEvidence.map((r) => [r, opts.evidence!.get(evidenceKey(r))!]),
      );
    // One statement for every head (SQLite and PostgreSQL share this upsert).
    const values = probeIds.map((id) => {
      const h = heads.get(id)!;
      return Prisma.sql`(${id}, ${h.seq}, ${h.hash})`;
    });
    await tx.$executeRaw`INSERT INTO "ChainHead" ("probeId", "seq", "hash") VALUES ${Prisma.join(values)} ON CONFLICT ("probeId") DO UPDATE SET "seq" = excluded."seq", "hash" = excluded."hash"`;
    await reopenClosedDays(writer, rows);

    // Hourly roll-ups, merged in memory first: one read and one write for the batch.
    const acc = new Map<string, HourFigures>();
    for (const r of results) {
      const probeId = probes.get(r.probeKey)!.id;
      const hourStart = new Date(Math.floor(r.at.getTime() / HOUR_MS) * HOUR_MS);
      const key = `${probeId}:${hourStart.getTime()}`;
      let a = acc.get(key);
      if (!a) acc.set(key, (a = { probeId, hourStart, ...emptyFigures() }));
      addToFigures(a, r);
    }
    await writer.addHours(acc);

    // Minute roll-ups, counts as results arrive, for the error-budget windows of an hour or less;
    // rebuilt with latencies once the UTC day is complete (lib/store/roll-up-days.ts).
    const minutes = new Map<string, MinuteCounts>();
    for (const r of results) {
      const probeId = probes.get(r.probeKey)!.id;
      const minuteStart = new Date(Math.floor(r.at.getTime() / MINUTE_MS) * MINUTE_MS);
      const key = `${probeId}:${minuteStart.getTime()}`;
      let m = minutes.get(key);
      if (!m) minutes.set(key, (m = { probeId, minuteStart, up: 0, degraded: 0, down: 0, unknown: 0 }));
      if (r.state === "UP") m.up++;
      else if (r.state === "DEGRADED") m.degraded++;
      else if (r.state === "DOWN") m.down++;
      else m.unknown++;
    }
    await writer.addMinutes(minutes);

    // Each location's fold (streaks, its outages, unknown runs, gaps), continuing from what was stored.
    const touched = await foldLocations(tx, probes, results);
    // Then each function's outages across its locations, by the quorum rule.
    const services = await tx.service.findMany({
      where: { id: { in: [...new Set([...touched.values()].map((t) => t.serviceId))] } },
      select: { id: true, accounting: true },
    });
    const quorumOf = new Map(services.map((sv) => [sv.id, (JSON.parse(sv.accounting) as { quorum?: number }).quorum ?? 1]));
    const events = await rebuildOutages(tx, touched, (id) => quorumOf.get(id) ?? 1);
    if (opts.alerts) await enqueueOutageAlerts(tx, opts.alerts, events);
    return events;
  }
}

/** The batch less results already stored or repeated within it, in time order. */
async function newResults(writer: RowWriter, probes: Map<string, ProbeRef>, batch: ProbeResult[]): Promise<ProbeResult[]> {
  const seen = new Set<string>();
  const unique = [...batch]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .filter((r) => {
      const k = `${r.probeKey}@${r.at.getTime()}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const byProbe = new Map<number, number[]>();
  for (const r of unique) {
    const id = probes.get(r.probeKey)!.id;
    (byProbe.get(id) ?? byProbe.set(id, []).get(id)!).push(r.at.getTime());
  }
  // One read for the whole batch: the stored results of its probes within its time span.
  const stored = await writer.storedKeys([...byProbe.keys()], unique[0]!.at, unique.at(-1)!.at);
  return unique.filter((r) => !stored.has(`${probes.get(r.probeKey)!.id}@${r.at.getTime()}`));
}

/**
 * Folds the new results into each probe's stored state (core/accounting/location-fold.ts):
 * closed spans become LocationSpan rows, blips Blip rows. Returns, per function touched,
 * from when its timeline may have changed.
 */
async function foldLocations(tx: Tx, probes: Map<string, ProbeRef>, results: ProbeResult[]): Promise<Map<number, { serviceId: number; from: number }>> {
  const byProbe = new Map<string, ProbeResult[]>();
  for (const r of results) (byProbe.get(r.probeKey) ?? byProbe.set(r.probeKey, []).get(r.probeKey)!).push(r);
  const ids = [...byProbe.keys()].map((k) => probes.get(k)!.id);
  const stored = new Map((await tx.probeStatus.findMany({ where: { probeId: { in: ids } } })).map((s) => [s.probeId, s]));
  const touched = new Map<number, { serviceId: number; from: number }>();
  const statuses: Parameters<typeof upsertRows>[3] = [];

  for (const [key, runs] of byProbe) {
    const ref = probes.get(key)!;
    const row = stored.get(ref.id);
    let fold = row ? foldOf(row) : INITIAL_FOLD;
    let state = row?.state ?? null;
    let since = row?.since ?? null;
    let last: ProbeResult | null = null;
    const from = fold.last?.at ?? runs[0]!.at.getTime();
    const spans = [];
    for (const r of runs) {
      const step = stepLocation(
        fold,
        { at: r.at.getTime(), state: r.state, intervalMs: r.intervalSec * 1000, errorClass: r.errorClass, message: r.message },
        ref.confirm,
      );
      if (step.fold === fold) continue; // out of order or a duplicate: ignored by the rules
      fold = step.fold;
      last = r;
      spans.push(...step.closed.map((s) => spanRow(ref.id, s)));
      for (const b of step.blips)
        await tx.blip.create({
          data: { functionId: ref.functionId, startedAt: new Date(b.start), endedAt: new Date(b.end), failures: b.failures, errorClass: null },
        });
      // What this location shows: DOWN in an open outage, FAILING in an unconfirmed streak, else the result.
      const next = fold.outage ? "DOWN" : fold.detector.streakCount > 0 ? "FAILING" : r.state;
      if (next !== state) {
        state = next;
        since = next === "DOWN" || next === "FAILING" ? (fold.detector.streakStart ?? r.at) : r.at;
      }
    }
    if (!last) continue;
    if (spans.length > 0) await tx.locationSpan.createMany({ data: spans });
    const data = {
      ...foldColumns(fold),
      state: state!,
      since: since!,
      lastLatencyMs: last.latencyMs ?? null,
      lastError: last.errorClass ? wellFormed(`${last.errorClass}: ${last.message ?? ""}`.slice(0, 500)) : null,
    };
    statuses.push({ probeId: ref.id, ...data, updatedAt: new Date() });
    const t = touched.get(ref.functionId);
    touched.set(ref.functionId, { serviceId: ref.serviceId, from: Math.min(t?.from ?? from, from) });
  }
  // Every location's new state in one statement (an upsert per probe cost more than the rest of the batch).
  await upsertRows(tx, "ProbeStatus", ["probeId"], statuses);
  return touched;
}

/**
 * A result that arrives for a UTC day already rolled up (a probe agent that was
 * offline, an import) makes that day's minute and day roll-ups stale: the
 * roll-up job rebuilds them from the raw results. A day whose raw results were
 * already pruned keeps its roll-ups; the late result is still stored and
 * chained (docs/verify.md, "Retention").
 */
async function reopenClosedDays(writer: RowWriter, rows: { probeId: number; at: Date }[]): Promise<void> {
  const pairs = new Map<string, { probeId: number; day: string }>();
  for (const r of rows) {
    const day = utcDay(r.at.getTime());
    pairs.set(`${r.probeId}:${day}`, { probeId: r.probeId, day });
  }
  await writer.reopenDays([...pairs.values()]);
}

/** Registers the batch's files (each once) and links them to their results. */
async function linkEvidence(tx: Tx, probes: Map<string, ProbeRef>, stored: [ProbeResult, EvidenceRef[]][]): Promise<void> {
  const refs = stored.flatMap(([, list]) => list);
  const hashes = [...new Set(refs.map((r) => r.hash))];
  const known = new Set((await tx.evidence.findMany({ where: { hash: { in: hashes } }, select: { hash: true } })).map((e) => e.hash));
  const fresh = new Map<string, EvidenceRef>();
  for (const ref of refs) if (!known.has(ref.hash)) fresh.set(ref.hash, ref);
  if (fresh.size > 0) await tx.evidence.createMany({ data: [...fresh.values()].map((r) => ({ hash: r.hash, mediaType: r.mediaType, size: r.size })) });
  const keys = stored.map(([r]) => ({ probeId: probes.get(r.probeKey)!.id, at: r.at }));
  const rows = await tx.result.findMany({ where: { OR: keys }, select: { id: true, probeId: true, at: true } });
  const idOf = new Map(rows.map((row) => [`${row.probeId}:${row.at.getTime()}`, row.id]));
  const links = stored.flatMap(([r, list]) => {
    const resultId = idOf.get(`${probes.get(r.probeKey)!.id}:${r.at.getTime()}`)!;
    const seen = new Set<string>();
    return list
      .filter((ref) => {
        const k = `${ref.role}:${ref.hash}`;
        return seen.has(k) ? false : (seen.add(k), true);
      })
      .map((ref) => ({ resultId, hash: ref.hash, kind: ref.role, step: ref.step }));
  });
  await tx.resultEvidence.createMany({ data: links });
}
