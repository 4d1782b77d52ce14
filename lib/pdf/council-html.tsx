import { readFileSync } from "node:fs";
import { renderToStaticMarkup } from "react-dom/server";
import type { ServiceReport } from "@/core/accounting/report-types";
import { CouncilReport } from "@/components/council-report";
import { monthLabel } from "@/components/council-format";
import { t, type Lang } from "@/lib/i18n";

/**
 * The council report as one self-contained HTML document: the same component
 * and the same stylesheets as the web page (read from disk here, imported by the
 * page), plus the PDF's font. Rendered outside Next, so it works from the CLI and
 * in tests without a server.
 */
const STYLESHEETS = ["../../app/globals.css", "../../components/report-tables.css", "../../components/council-report.css"];

// Korean text in the PDF uses the installed Noto CJK font (Debian fonts-noto-cjk).
const PDF_CSS = `
:root { --font: "Noto Sans CJK KR", sans-serif; --mono: "Noto Sans Mono CJK KR", "Noto Sans CJK KR", monospace; }
html, body { background: #fff; font-family: "Noto Sans CJK KR", sans-serif; }
main.pdf-main { padding: 0; margin: 0; }
`;

let cachedCss: string | null = null;

export function councilStylesheet(): string {
  cachedCss ??= STYLESHEETS.map((rel) => readFileSync(new URL(rel, import.meta.url), "utf8")).join("\n") + PDF_CSS;
  return cachedCss;
}

export function councilDocumentTitle(report: ServiceReport, lang: Lang): string {
  const name = lang === "ko" ? report.service.name : report.service.nameEn;
  return t(lang).council.pageTitle(name, monthLabel(report.period.month, lang));
}

export function councilHtml(report: ServiceReport, lang: Lang): string {
  const body = renderToStaticMarkup(
    <html lang={lang}>
      {/* eslint-disable-next-line @next/next/no-head-element -- a standalone document for the PDF, not a Next page */}
      <head>
        <meta charSet="utf-8" />
        <title>{councilDocumentTitle(report, lang)}</title>
        <style dangerouslySetInnerHTML={{ __html: councilStylesheet() }} />
      </head>
      <body>
        <main className="pdf-main">
          <CouncilReport report={report} lang={lang} generatedAt={report.period.asOf} />
        </main>
      </body>
    </html>,
  );
  return `<!doctype html>${body}`;
}
