import { toCsv, type CsvColumn } from "@/core/csv";
import type { Db } from "@/lib/db";
import { citizenReportCounts, type ReportCountRow } from "./report-counts";

const COLUMNS: CsvColumn<ReportCountRow & { service: string }>[] = [
  { header: "service", value: (r) => r.service },
  { header: "kind", value: () => "CITIZEN_REPORTS" },
  { header: "bucket_start", value: (r) => r.bucketStart },
  { header: "bucket_sec", value: () => 300 },
  { header: "function_key", value: (r) => r.functionKey },
  { header: "district", value: (r) => r.district },
  { header: "count", value: (r) => r.count },
];

/** The 5-minute counts of citizens' reports as CSV (open data): the rows of GET …/reports. */
export async function exportReportCountsCsv(db: Db, slug: string, range: { from: Date; to: Date }): Promise<{ csv: string; filename: string } | null> {
  const c = await citizenReportCounts(db, slug, range);
  if (!c) return null;
  const stamp = (d: Date) =>
    d
      .toISOString()
      .replace(/\.\d{3}Z$/, "Z")
      .replace(/[-:]/g, "");
  return {
    csv: toCsv(
      COLUMNS,
      c.counts.map((r) => ({ ...r, service: slug })),
    ),
    filename: `${slug}-citizen-reports-${stamp(range.from)}-${stamp(range.to)}.csv`,
  };
}
