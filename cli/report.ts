import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseMonth } from "@/core/accounting/periods";
import type { ServiceReport } from "@/core/accounting/report-types";
import { loadConfig } from "@/lib/config/load-config";
import { openDb } from "@/lib/db";
import { councilPdf } from "@/lib/pdf/council-pdf";
import { reportToCsv } from "@/lib/reports/render-csv";
import { reportToMarkdown } from "@/lib/reports/render-markdown";
import { fileReport } from "@/lib/reports/file-report";
import { serviceReport } from "@/lib/reports/service-report";
import { requireConfigPath } from "./config-path";
import { UsageError } from "./usage-error";

export const REPORT_USAGE = `ledger report --service <slug> --month <YYYY-MM> [options]
  --from-file <file>     results file (JSON Lines, .jsonl or .jsonl.gz) instead of the database
  --config <path>        configuration, needed with --from-file (default: LEDGER_CONFIG; never the demo)
  --format <f>           json (default), csv, markdown or pdf (the council report; needs --out)
  --lang <ko|en>         language of the PDF, markdown and CSV (default ko)
  --as-of <instant>      compute as at this instant (ISO 8601 with offset; default now, and a closed
                         month states the instant its figures settled: docs/methodology.md, "As of")
  --out <file>           write to a file instead of standard output`;

export async function reportCommand(
  args: string[],
  defaults: { configPath: string | null; databaseUrl: string; vars: Record<string, string> },
  out: (s: string) => void,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      service: { type: "string" },
      month: { type: "string" },
      "from-file": { type: "string" },
      config: { type: "string" },
      format: { type: "string", default: "json" },
      "as-of": { type: "string" },
      out: { type: "string" },
      lang: { type: "string", default: "ko" },
    },
    strict: true,
  });
  if (!values.service && !values.month) throw new UsageError(`--service and --month are required\n\n${REPORT_USAGE}`);
  if (!values.service) throw new UsageError(`--service <slug> is required (the service's slug in the configuration)\n\n${REPORT_USAGE}`);
  if (!values.month) throw new UsageError(`--month <YYYY-MM> is required, e.g. --month 2022-04\n\n${REPORT_USAGE}`);
  const month = parseMonth(values.month);
  if (!month) throw new UsageError(monthHint(values.month));
  if (!["json", "csv", "markdown", "pdf"].includes(values.format!)) throw new UsageError(`--format must be json, csv, markdown or pdf`);
  if (values.format === "pdf" && !values.out) throw new UsageError("--format pdf writes a file: give --out <file.pdf>");
  if (values.lang !== "ko" && values.lang !== "en") throw new UsageError("--lang must be ko or en");
  const asOf = values["as-of"] ? new Date(values["as-of"]) : new Date();
  if (Number.isNaN(asOf.getTime()))
    throw new UsageError(`--as-of "${values["as-of"]}" is not an instant: write an ISO 8601 date and time with its offset, e.g. 2022-05-01T00:00:00+09:00`);

  let report: ServiceReport;
  if (values["from-file"]) {
    const config = loadConfig(requireConfigPath(values.config, defaults.configPath), defaults.vars);
    report = await fileReport({ config, file: values["from-file"], slug: values.service, month, asOf });
  } else {
    const db = await openDb(defaults.databaseUrl);
    try {
      report = await serviceReport(db, values.service, month, asOf);
    } finally {
      await db.$disconnect();
    }
  }
  if (values.format === "pdf") {
    writeFileSync(values.out!, await councilPdf(report, values.lang));
    out(`wrote ${values.out}`);
    return 0;
  }
  const text =
    values.format === "csv"
      ? reportToCsv(report, values.lang)
      : values.format === "markdown"
        ? reportToMarkdown(report, values.lang)
        : `${JSON.stringify(report, null, 2)}\n`;
  if (values.out) writeFileSync(values.out, text);
  else out(text.trimEnd());
  return 0;
}

export { UsageError };

/** What is wrong with a --month value and how to write it: "2024-6" → "write 2024-06". */
export function monthHint(text: string): string {
  const loose = /^(\d{4})-(\d{1,2})$/.exec(text.trim());
  const n = loose ? Number(loose[2]) : NaN;
  const example = loose && n >= 1 && n <= 12 ? `${loose[1]}-${String(n).padStart(2, "0")}` : "2024-06";
  return `--month must be YYYY-MM (a four-digit year and a two-digit month, 01–12), e.g. ${example}; got "${text}"`;
}
