import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ServiceReport } from "@/core/accounting/report-types";
import type { Lang } from "@/lib/i18n";

/**
 * Printed council PDFs, kept on disk and reused while their inputs are the same. The key is a digest of
 * everything the document shows except the instant it was asked for: the report (figures, outages, rules,
 * notes), the language and the build of the site that prints it. A closed month whose figures do not
 * change is printed once; a dispute accepted later, new results or a new release print it again. A kept
 * PDF still states when its figures were computed, which stays true while they are unchanged.
 */
export type PdfCache = {
  /** the kept PDF for this report, or a new print of it (one print per key at a time) */
  get(report: ServiceReport, lang: Lang, print: () => Promise<Buffer>): Promise<{ pdf: Buffer; kept: boolean }>;
  /** whether a PDF for this report is kept */
  has(report: ServiceReport, lang: Lang): boolean;
  keyOf(report: ServiceReport, lang: Lang): string;
};

/** Bumped when the PDF's layout changes in a way the build id would not show (it always does in a release). */
const FORMAT = 1;

export function createPdfCache(opts: { dir: string; buildId: string; maxFiles?: number }): PdfCache {
  const maxFiles = opts.maxFiles ?? 200;
  const inflight = new Map<string, Promise<{ pdf: Buffer; kept: boolean }>>();
  const keyOf = (report: ServiceReport, lang: Lang) => {
    const { asOf: _asked, ...period } = report.period;
    return createHash("sha256")
      .update(JSON.stringify({ format: FORMAT, build: opts.buildId, lang, report: { ...report, period } }))
      .digest("hex");
  };
  const fileOf = (key: string) => path.join(opts.dir, `${key}.pdf`);
  const readKept = (key: string): Buffer | null => {
    try {
      const pdf = readFileSync(fileOf(key));
      return pdf.subarray(0, 5).toString("latin1") === "%PDF-" ? pdf : null;
    } catch {
      return null;
    }
  };
  const keep = (key: string, pdf: Buffer) => {
    mkdirSync(opts.dir, { recursive: true });
    // Written whole under another name, then renamed: a reader never sees half a file.
    const tmp = `${fileOf(key)}.${process.pid}.tmp`;
    writeFileSync(tmp, pdf);
    renameSync(tmp, fileOf(key));
    prune(`${key}.pdf`);
  };
  const prune = (newest: string) => {
    const files = readdirSync(opts.dir)
      .filter((f) => f.endsWith(".pdf") && f !== newest)
      .map((f) => ({ f, at: mtimeOf(path.join(opts.dir, f)) }));
    if (files.length < maxFiles) return;
    files.sort((a, b) => a.at - b.at);
    for (const { f } of files.slice(0, files.length - (maxFiles - 1))) {
      try {
        unlinkSync(path.join(opts.dir, f));
      } catch {
        // another web process pruned it first
      }
    }
  };
  return {
    keyOf,
    has: (report, lang) => existsSync(fileOf(keyOf(report, lang))),
    get(report, lang, print) {
      const key = keyOf(report, lang);
      const pdf = readKept(key);
      if (pdf) return Promise.resolve({ pdf, kept: true });
      const running = inflight.get(key);
      if (running) return running;
      const p = print()
        .then((printed) => {
          keep(key, printed);
          return { pdf: printed, kept: false };
        })
        .finally(() => inflight.delete(key));
      inflight.set(key, p);
      return p;
    },
  };
}

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
