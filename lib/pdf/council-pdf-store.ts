import { readFileSync } from "node:fs";
import path from "node:path";
import type { ServiceReport } from "@/core/accounting/report-types";
import { env } from "@/lib/env";
import type { Lang } from "@/lib/i18n";
import { logger } from "@/lib/log";
import { councilPdfInChild } from "./council-pdf-process";
import { createPdfCache, type PdfCache } from "./pdf-cache";

/** The web process's council PDFs: printed in a child process, kept under the data folder (pdf-cache.ts). */
let cache: PdfCache | null = null;
const log = logger("council-pdf");

function councilPdfCache(): PdfCache {
  cache ??= createPdfCache({ dir: path.join(env.dataDir, "pdf-cache"), buildId: buildId() });
  return cache;
}

/** The site's build (Next's BUILD_ID): a new release prints every document again. */
function buildId(): string {
  try {
    return readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  } catch {
    return "development";
  }
}

export function councilPdfFor(report: ServiceReport, lang: Lang): Promise<{ pdf: Buffer; kept: boolean }> {
  return councilPdfCache().get(report, lang, () => councilPdfInChild(report, lang));
}

/**
 * A closed month's council page prints its PDF in the background when none is kept, so the download
 * that follows is answered from disk. An open month changes with every result: it is printed on demand.
 */
export function warmCouncilPdf(report: ServiceReport, lang: Lang): void {
  if (report.period.partial) return;
  const c = councilPdfCache();
  if (c.has(report, lang)) return;
  c.get(report, lang, () => councilPdfInChild(report, lang)).catch((err: unknown) =>
    log.warn({ slug: report.service.slug, month: report.period.month, err: err instanceof Error ? err.message : String(err) }, "council pdf not printed ahead"),
  );
}
