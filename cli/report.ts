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

export const REPORT_USAGE = `ledger report --service <slug> --month <YYYY-MM> [options]
  --from-file <file>     results file (JSON Lines, .jsonl or .jsonl.gz) instead of the database
  --config <path>        configuration (default: LEDGER_CONFIG or examples/demo)
  --format <f>           json (default), csv, markdown or pdf (the council report; needs --out)
  --lang <ko|en>         language of the PDF, markdown and CSV (default ko)
  --as-of <instant>      compute as at this instant (ISO 8601; default now)
  --out <file>           write to a file instead of standard output`;

export async function reportCommand(
  args: string[],
  defaults: { configPath: string; databaseUrl: string; vars: Record<string, string> },
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
  const month = values.month ? parseMonth(values.month) : null;
  if (!values.service || !month) throw new UsageError(`--service and --month (YYYY-MM) are required\n\n${REPORT_USAGE}`);
  if (!["json", "csv", "markdown", "pdf"].includes(values.format!)) throw new UsageError(`--format must be json, csv, markdown or pdf`);
  if (values.format === "pdf" && !values.out) throw new UsageError("--format pdf writes a file: give --out <file.pdf>");
  if (values.lang !== "ko" && values.lang !== "en") throw new UsageError("--lang must be ko or en");
  const asOf = values["as-of"] ? new Date(values["as-of"]) : new Date();
  if (Number.isNaN(asOf.getTime())) throw new UsageError(`--as-of is not an instant: "${values["as-of"]}"`);

  let report: ServiceReport;
  if (values["from-file"]) {
    const config = loadConfig(values.config ?? defaults.configPath, defaults.vars);
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

export class UsageError extends Error {
  override name = "UsageError";
}
