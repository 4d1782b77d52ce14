/**
 * Report cost and storage on one year of synthetic history: 200 services × 4
 * functions, one probe each every 30 s, 2025 in full, read on 2026-04-15, when
 * (with the default 90-day retention) the whole year's raw results have been
 * pruned. The history is written the way the ledger keeps it after pruning
 * (lib/store/roll-up-days.ts, lib/store/prune-results.ts): per probe and UTC day a
 * RollupDay with the day's run segments (what the accounting reads), the chain's
 * PrunedSegments, and the raw results inside outages (kept as evidence); per probe
 * and minute a RollupMinute (what latency percentiles read), for the measured
 * services' probes only (see docs/benchmarks.md). The monthly report
 * (lib/reports/service-report.ts) and the year view (councilYear: twelve monthly
 * reports) then run on it exactly as the site runs them.
 */
import { createHash } from "node:crypto";
import { statSync } from "node:fs";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { encodeSegments, type RunSegment } from "@/core/accounting/run-segments";
import { resolveConfig } from "@/core/config/resolve";
import { configFileSchema } from "@/core/config/schema";
import { addToFigures, emptyFigures, type RollupFigures } from "@/core/rollup-figures";
import { mergeHistograms } from "@/core/latency-histogram";
import { councilYear } from "@/lib/data/council";
import { openDb, type Db } from "@/lib/db";
import { serviceReport } from "@/lib/reports/service-report";
import { syncConfig } from "@/lib/store/sync-config";
import { bulkWriter, type BulkWriter, type Value } from "./bulk-insert";
import { freshDatabase, type DbKind } from "./databases";
import { summarize } from "./stats";
import { FUNCTIONS, syntheticServices } from "./synthetic-services";

type Row = { name: string; value: number; unit: string; note: string };
const DAY_MS = 86_400_000;
const INTERVAL_MS = 30_000;
const RUNS_PER_DAY = DAY_MS / INTERVAL_MS; // 2,880
const YEAR_START = Date.parse("2025-01-01T00:00:00Z");
const DAYS = 365;
const AS_OF = new Date("2026-04-15T00:00:00Z");

/** The synthetic outage of probe p on day d, if any: about two a month per probe, 10–59 minutes, as run indexes [a, b). */
export function outageOf(p: number, d: number): { a: number; b: number } | null {
  if ((p * 7 + d) % 15 !== 0) return null;
  const a = ((p * 131 + d * 17) % 1380) * 2; // start minute × 2 runs a minute
  return { a, b: Math.min(RUNS_PER_DAY, a + (10 + ((p + d) % 50)) * 2) };
}

/** A probe-day's runs as segments: UP, then the outage (DOWN), then UP again: what toSegments gives for them. */
export function daySegments(dayStart: number, phaseMs: number, outage: { a: number; b: number } | null): RunSegment[] {
  const at = (k: number) => dayStart + phaseMs + k * INTERVAL_MS;
  const seg = (from: number, to: number, state: "UP" | "DOWN"): RunSegment => ({
    start: at(from),
    lastAt: at(to - 1),
    count: to - from,
    state,
    intervalMs: INTERVAL_MS,
  });
  if (!outage) return [seg(0, RUNS_PER_DAY, "UP")];
  return [
    ...(outage.a > 0 ? [seg(0, outage.a, "UP" as const)] : []),
    seg(outage.a, outage.b, "DOWN"),
    ...(outage.b < RUNS_PER_DAY ? [seg(outage.b, RUNS_PER_DAY, "UP" as const)] : []),
  ];
}

const latencyOf = (k: number) => 90 + ((k * 37) % 160);
const fakeHash = (s: string) => createHash("sha256").update(s).digest("hex");

function contractFor(slug: string): unknown {
  const demo = parseYaml(readFileSync(path.resolve(import.meta.dirname, "../examples/demo/dongbaekjeon.yaml"), "utf8")) as {
    services: { contract?: Record<string, unknown> & { rulesets: Record<string, unknown>[] } }[];
  };
  const c = demo.services.find((s) => s.contract)!.contract!;
  return {
    ...c,
    key: `contract-${slug}`,
    term: { start: "2025-01-01", end: "2025-12-31" },
    rulesets: c.rulesets.map((r) => ({ ...r, effectiveFrom: "2025-01-01" })),
  };
}

/** Writes the year; returns what it wrote. */
async function generate(
  db: Db,
  bulk: BulkWriter,
  services: number,
  measured: number,
): Promise<{ probes: number; minuteRows: number; dayRows: number; evidenceRows: number; measuredProbeIds: number[]; ms: number }> {
  const started = performance.now();
  const data = configFileSchema.parse({
    services: syntheticServices(
      services * FUNCTIONS.length,
      () => ({ interval: "30s", request: { url: "http://127.0.0.1:9/" } }),
      (slug) => ({ contract: contractFor(slug) }),
    ),
  });
  const { config } = resolveConfig([{ file: "year.yaml", data }]);
  await syncConfig(db, config);
  const probes = await db.probe.findMany({ select: { id: true, key: true, service: { select: { slug: true } } }, orderBy: { id: "asc" } });
  const measuredSlugs = new Set(Array.from({ length: measured }, (_, i) => `svc-${i}`));
  const measuredProbeIds = probes.filter((p) => measuredSlugs.has(p.service.slug)).map((p) => p.id);
  // a full UP day's latency histogram, for the day roll-ups of probes whose minutes are not kept here
  let fullDay = emptyFigures();
  for (let k = 0; k < RUNS_PER_DAY; k++) addToFigures(fullDay, { state: "UP", intervalSec: 30, latencyMs: latencyOf(k) });
  const fullHistogram = JSON.stringify(fullDay.histogram);
  fullDay = emptyFigures();
  let minuteRows = 0;
  let dayRows = 0;
  let evidenceRows = 0;
  const computedAt = new Date(YEAR_START + DAYS * DAY_MS + DAY_MS);
  const prunedAt = AS_OF;
  for (const [pi, probe] of probes.entries()) {
    const phaseMs = ((pi * 997) % 30) * 1000;
    const full = measuredProbeIds.includes(probe.id);
    const days: Record<string, Value>[] = [];
    const segments: Record<string, Value>[] = [];
    const minutes: Record<string, Value>[] = [];
    const evidence: Record<string, Value>[] = [];
    for (let d = 0; d < DAYS; d++) {
      const dayStart = YEAR_START + d * DAY_MS;
      const outage = outageOf(pi, d);
      const down = outage ? outage.b - outage.a : 0;
      const seqBase = d * RUNS_PER_DAY; // seq of run k of day d: seqBase + k + 1
      let dayFig: RollupFigures;
      let histogram = fullHistogram;
      if (full) {
        dayFig = emptyFigures();
        for (let m = 0; m < 1440; m++) {
          const f = emptyFigures();
          for (const k of [2 * m, 2 * m + 1]) {
            const isDown = outage !== null && k >= outage.a && k < outage.b;
            addToFigures(f, { state: isDown ? "DOWN" : "UP", intervalSec: 30, latencyMs: isDown ? null : latencyOf(k) });
          }
          minutes.push({ probeId: probe.id, minuteStart: new Date(dayStart + m * 60_000), ...f, histogram: JSON.stringify(f.histogram) });
          dayFig.up += f.up;
          dayFig.down += f.down;
          dayFig.measuredSec += f.measuredSec;
          dayFig.latencyN += f.latencyN;
          dayFig.latencySum += f.latencySum;
          dayFig.latencyMax = Math.max(dayFig.latencyMax, f.latencyMax);
          dayFig.histogram = mergeHistograms(dayFig.histogram, f.histogram);
        }
        histogram = JSON.stringify(dayFig.histogram);
      } else {
        dayFig = {
          ...emptyFigures(),
          up: RUNS_PER_DAY - down,
          down,
          measuredSec: RUNS_PER_DAY * 30,
          latencyN: RUNS_PER_DAY - down,
          latencySum: 170 * (RUNS_PER_DAY - down),
          latencyMax: 249,
        };
      }
      days.push({
        probeId: probe.id,
        day: new Date(dayStart).toISOString().slice(0, 10),
        ...dayFig,
        histogram,
        segments: encodeSegments(daySegments(dayStart, phaseMs, outage)),
        rawPruned: true,
        stale: false,
        computedAt,
      });
      // the chain across the pruned day: the runs before and after the outage are pruned segments, the outage's runs stay as evidence
      const runsAt = (k: number) => new Date(dayStart + phaseMs + k * INTERVAL_MS);
      const pruned = outage
        ? [
            [0, outage.a],
            [outage.b + 1, RUNS_PER_DAY],
          ].filter(([a, b]) => b! > a!)
        : [[0, RUNS_PER_DAY]];
      for (const [a, b] of pruned as [number, number][]) {
        segments.push({
          probeId: probe.id,
          firstSeq: seqBase + a + 1,
          lastSeq: seqBase + b,
          count: b - a,
          firstAt: runsAt(a),
          lastAt: runsAt(b - 1),
          firstPrevHash: fakeHash(`${probe.key}/${seqBase + a}`),
          lastHash: fakeHash(`${probe.key}/${seqBase + b}`),
          prunedAt,
        });
      }
      if (outage && full) {
        // evidence: the outage's runs and the resolving run
        for (let k = outage.a; k <= Math.min(outage.b, RUNS_PER_DAY - 1); k++) {
          const isDown = k < outage.b;
          evidence.push({
            probeId: probe.id,
            at: runsAt(k),
            intervalSec: 30,
            state: isDown ? "DOWN" : "UP",
            latencyMs: isDown ? null : latencyOf(k),
            httpStatus: isDown ? 503 : 200,
            errorClass: isDown ? "ASSERTION_STATUS" : null,
            message: isDown ? "status 503, expected 2xx" : null,
            seq: seqBase + k + 1,
            prevHash: fakeHash(`${probe.key}/${seqBase + k}`),
            hash: fakeHash(`${probe.key}/${seqBase + k + 1}`),
          });
        }
      }
    }
    await bulk.insert("RollupDay", days);
    await bulk.insert("PrunedSegment", segments);
    await bulk.insert("RollupMinute", minutes);
    await bulk.insert("Result", evidence);
    dayRows += days.length;
    minuteRows += minutes.length;
    evidenceRows += evidence.length;
  }
  return { probes: probes.length, minuteRows, dayRows, evidenceRows, measuredProbeIds, ms: performance.now() - started };
}

type TableBytes = Map<string, number>;

async function tableBytes(db: Db, kind: DbKind): Promise<TableBytes> {
  const out: TableBytes = new Map();
  if (kind === "sqlite") {
    const rows = await db.$queryRawUnsafe<{ tbl: string; bytes: number | bigint }[]>(
      "SELECT m.tbl_name AS tbl, SUM(s.pgsize) AS bytes FROM dbstat s JOIN sqlite_master m ON m.name = s.name GROUP BY m.tbl_name",
    );
    for (const r of rows) out.set(r.tbl, Number(r.bytes));
  } else {
    for (const t of ["RollupDay", "RollupMinute", "PrunedSegment", "Result"]) {
      const [r] = await db.$queryRawUnsafe<{ bytes: bigint }[]>(`SELECT pg_total_relation_size('"${t}"') AS bytes`);
      out.set(t, Number(r!.bytes));
    }
  }
  return out;
}

export async function runReportCost(kind: DbKind, opts: { services?: number; measured?: number } = {}): Promise<Row[]> {
  const services = opts.services ?? 200;
  const measured = opts.measured ?? 1;
  const label = kind === "sqlite" ? "SQLite" : "PostgreSQL";
  const database = await freshDatabase(kind, "reports");
  const db = await openDb(database.url);
  try {
    const bulk = await bulkWriter(database);
    const g = await generate(db, bulk, services, measured).finally(() => bulk.close());
    if (kind === "postgresql") await db.$executeRawUnsafe("VACUUM ANALYZE");
    else await db.$executeRawUnsafe("ANALYZE");
    process.stderr.write(
      `report cost ${label}: generated ${g.dayRows} day roll-ups, ${g.minuteRows} minute roll-ups, ${g.evidenceRows} evidence results in ${(g.ms / 1000).toFixed(0)} s\n`,
    );
    const slugs = Array.from({ length: measured }, (_, i) => `svc-${i}`);
    await serviceReport(db, slugs[0]!, { year: 2025, month: 1 }, AS_OF); // warm-up: the client's first queries
    const monthly: number[] = [];
    let check = "";
    // A digest of the three reports, so that a change meant only to make them faster can show they did not change.
    const digest = createHash("sha256");
    // three months of the year (a report reads its month plus the rules' look-back), then the year view once
    for (const slug of slugs) {
      for (const mo of [1, 7, 12]) {
        const s = performance.now();
        const r = await serviceReport(db, slug, { year: 2025, month: mo }, AS_OF);
        monthly.push(performance.now() - s);
        digest.update(JSON.stringify(r));
        if (mo === 7) check = `July: ${JSON.stringify(r).length} bytes of report, ${r.warnings.length} warning(s)`;
      }
    }
    const yearly: number[] = [];
    for (let i = 0; i < 1; i++) {
      const s = performance.now();
      const y = await councilYear(db, slugs[i % slugs.length]!, 2025, AS_OF);
      yearly.push(performance.now() - s);
      if (!y || y.rows.filter((r) => r.status === "report").length !== 12) throw new Error("the year view did not report twelve months");
    }
    check += `; reports' sha256 ${digest.digest("hex").slice(0, 16)}`;
    const m = summarize(monthly);
    const y = summarize(yearly);

    // Storage: the bytes the measured probes' rows take (each table's bytes × their share of its rows).
    const bytes = await tableBytes(db, kind);
    const ids = g.measuredProbeIds;
    const share = async (table: "rollupDay" | "rollupMinute" | "prunedSegment" | "result") => {
      const delegate = db[table] as unknown as { count: (a?: { where: { probeId: { in: number[] } } }) => Promise<number> };
      const [mine, all] = await Promise.all([delegate.count({ where: { probeId: { in: ids } } }), delegate.count()]);
      return all === 0 ? 0 : mine / all;
    };
    const parts: [string, "rollupDay" | "rollupMinute" | "prunedSegment" | "result"][] = [
      ["RollupDay", "rollupDay"],
      ["RollupMinute", "rollupMinute"],
      ["PrunedSegment", "prunedSegment"],
      ["Result", "result"],
    ];
    let probeYearBytes = 0;
    const breakdown: string[] = [];
    for (const [t, d] of parts) {
      const b = ((bytes.get(t) ?? 0) * (await share(d))) / ids.length;
      probeYearBytes += b;
      breakdown.push(`${t} ${(b / 1e6).toFixed(1)} MB`);
    }
    const resultsPerYear = RUNS_PER_DAY * DAYS;
    const fileNote = database.file ? `; file ${(statSync(database.file).size / 1e9).toFixed(2)} GB with the other services' day roll-ups` : "";
    const how = `${services} services × 4 functions, 30 s, 2025 read on 2026-04-15 (all pruned: day roll-ups with run segments, minute roll-ups, pruned chain segments, evidence inside outages)`;
    return [
      {
        name: `monthly report, one year of history (${label})`,
        value: Math.round(m.p50),
        unit: "ms (p50)",
        note: `max ${Math.round(m.max)} ms over ${m.n} reports (January, July, December); goal ≤ 200 ms; ${check}; ${how}`,
      },
      {
        name: `year view, twelve monthly reports (${label})`,
        value: Math.round(y.p50),
        unit: "ms",
        note: `${y.n} view of 2025 (12 reports, one after another); goal ≤ 1,000 ms`,
      },
      {
        name: `storage per result after roll-up (${label})`,
        value: Number((probeYearBytes / resultsPerYear).toFixed(1)),
        unit: "bytes",
        note: `${resultsPerYear.toLocaleString("en")} results a probe-year at 30 s, with indexes: ${breakdown.join(", ")}`,
      },
      {
        name: `storage per monitor-year after roll-up (${label})`,
        value: Number((probeYearBytes / 1e6).toFixed(1)),
        unit: "MB",
        note: `× 800 monitors = ${((probeYearBytes * 800) / 1e9).toFixed(1)} GB a year for 200 services × 4 functions${fileNote}`,
      },
    ];
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}
