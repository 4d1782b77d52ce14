import type { Month } from "@/core/accounting/periods";
import { formatMonth } from "@/core/accounting/periods";
import type { Lang } from "@/lib/i18n";
import { reportToCsv } from "@/lib/reports/render-csv";
import { CSV_BOM, csvHeader, csvRows, toCsv, type CsvColumn } from "@/core/csv";
import type { ProbeState } from "@/core/probe-result";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/log";
import { serviceReport } from "@/lib/reports/service-report";
import { listOutages } from "./services";
import type { OutageView } from "./types";

/**
 * Downloads of the public record: raw results (streamed), outages and the
 * monthly SLA report as CSV. JSON and CSV of one query carry the same fields
 * with the same names, in the same order.
 */

/** A service or function the query names does not exist (the route answers 404). */
export class ExportNotFoundError extends Error {
  constructor(
    message: string,
    readonly parameter?: "function",
  ) {
    super(message);
    this.name = "ExportNotFoundError";
  }
}

/** One probe run. `at` is the run's start (ISO UTC); the result covers [at, at + intervalSec). */
export type ResultRow = {
  function: string;
  location: string;
  at: string;
  state: ProbeState;
  latencyMs: number | null;
  httpStatus: number | null;
  errorClass: string | null;
  intervalSec: number;
};

export const RESULT_FIELDS = ["function", "location", "at", "state", "latencyMs", "httpStatus", "errorClass", "intervalSec"] as const satisfies readonly (keyof ResultRow)[];
export const RESULT_COLUMNS: CsvColumn<ResultRow>[] = RESULT_FIELDS.map((k) => ({ header: k, value: (r: ResultRow) => r[k] }));

export const OUTAGE_FIELDS = [
  "id",
  "source",
  "functionKey",
  "functionName",
  "functionNameEn",
  "startedAt",
  "confirmedAt",
  "endedAt",
  "durationSec",
  "unmeasuredSec",
  "measuredUntil",
  "ongoing",
  "failures",
  "errorClass",
  "message",
] as const satisfies readonly (keyof OutageView)[];
export const OUTAGE_COLUMNS: CsvColumn<OutageView>[] = OUTAGE_FIELDS.map((k) => ({ header: k, value: (o: OutageView) => o[k] }));

/** Rows read per database query while streaming: memory stays flat however long the window. */
export const RESULTS_PAGE_SIZE = 5_000;
/** The longest window one results request may ask for. */
export const MAX_RESULTS_WINDOW_DAYS = 31;

export type ExportFormat = "json" | "csv";
export type ResultsQuery = { slug: string; functionKey?: string; from: Date; to: Date; format: ExportFormat; pageSize?: number };
export type ResultsExport = { body: ReadableStream<Uint8Array>; filename: string };

const log = logger("exports");

/** "2022-04-01T00:00:00.000Z" → "20220401T000000Z", for file names. */
function compactInstant(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/**
 * Results of a service in [from, to), ordered by (at, id), as a byte stream of
 * CSV or JSON. The database is read in pages as the client reads, so a month
 * of 10-second results never sits in memory as one string.
 */
export async function exportResults(db: Db, q: ResultsQuery, now: Date): Promise<ResultsExport> {
  const service = await db.service.findUnique({
    where: { slug: q.slug },
    select: { functions: { select: { key: true, probes: { select: { id: true, location: { select: { key: true } } } } } } },
  });
  if (!service) throw new ExportNotFoundError(`no service with slug "${q.slug}"`);
  const functions = q.functionKey === undefined ? service.functions : service.functions.filter((f) => f.key === q.functionKey);
  if (functions.length === 0) throw new ExportNotFoundError(`service "${q.slug}" has no function "${q.functionKey}"`, "function");

  const probeOf = new Map(functions.flatMap((f) => f.probes.map((p) => [p.id, { function: f.key, location: p.location.key }] as const)));
  const probeIds = [...probeOf.keys()];
  const pageSize = q.pageSize ?? RESULTS_PAGE_SIZE;
  const encoder = new TextEncoder();
  let cursor: { at: Date; id: number } | null = null;
  let rowsSent = 0;
  let done = false;

  const head =
    q.format === "csv"
      ? csvHeader(RESULT_COLUMNS)
      : `{"generatedAt":${JSON.stringify(now.toISOString())},"service":${JSON.stringify(q.slug)},"function":${JSON.stringify(q.functionKey ?? null)},"from":${JSON.stringify(q.from.toISOString())},"to":${JSON.stringify(q.to.toISOString())},"results":[`;

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(head));
    },
    async pull(controller) {
      if (done) return;
      try {
        const page = await db.result.findMany({
          where: {
            probeId: { in: probeIds },
            AND: [{ at: { gte: q.from, lt: q.to } }, cursor ? { OR: [{ at: { gt: cursor.at } }, { at: cursor.at, id: { gt: cursor.id } }] } : {}],
          },
          select: { id: true, probeId: true, at: true, state: true, latencyMs: true, httpStatus: true, errorClass: true, intervalSec: true },
          orderBy: [{ at: "asc" }, { id: "asc" }],
          take: pageSize,
        });
        const rows: ResultRow[] = page.map((r) => {
          const p = probeOf.get(r.probeId)!;
          return { function: p.function, location: p.location, at: r.at.toISOString(), state: r.state as ProbeState, latencyMs: r.latencyMs, httpStatus: r.httpStatus, errorClass: r.errorClass, intervalSec: r.intervalSec };
        });
        const last = page.at(-1);
        if (last) cursor = { at: last.at, id: last.id };
        let chunk = q.format === "csv" ? csvRows(RESULT_COLUMNS, rows) : rows.map((r, i) => (rowsSent + i > 0 ? "," : "") + JSON.stringify(r)).join("");
        rowsSent += rows.length;
        if (page.length < pageSize) {
          done = true;
          if (q.format === "json") chunk += "]}";
        }
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (done) controller.close();
      } catch (err) {
        // Headers are gone by now: the client sees a cut-off body, and the log says why.
        log.error({ err, slug: q.slug, rowsSent }, "results export failed");
        done = true;
        controller.error(err);
      }
    },
    cancel() {
      done = true;
    },
  });

  const fn = q.functionKey ? `-${q.functionKey}` : "";
  return { body, filename: `${q.slug}${fn}-results-${compactInstant(q.from)}-${compactInstant(q.to)}.${q.format}` };
}

/** Outages overlapping [from, to) as CSV: the same rows and fields as GET …/outages. Null for an unknown service. */
export async function exportOutagesCsv(db: Db, slug: string, range: { from: Date; to: Date }, now: Date): Promise<{ csv: string; filename: string } | null> {
  const outages = await listOutages(db, slug, range, now);
  if (!outages) return null;
  return { csv: toCsv(OUTAGE_COLUMNS, outages), filename: `${slug}-outages-${compactInstant(range.from)}-${compactInstant(range.to)}.csv` };
}

/** The monthly contract report as CSV in one language (lib/reports/render-csv.ts), with the BOM. Throws ReportError. */
export async function exportSlaCsv(db: Db, slug: string, month: Month, asOf: Date, lang: Lang = "ko"): Promise<{ csv: string; filename: string }> {
  const report = await serviceReport(db, slug, month, asOf);
  return { csv: CSV_BOM + reportToCsv(report, lang), filename: `${slug}-sla-${formatMonth(month)}.csv` };
}
