/**
 * A one-shot process that prints a council PDF: reads { report, lang } as JSON on
 * stdin, writes the PDF to stdout. The web server runs it as a child process
 * (lib/pdf/council-pdf-process.ts) because its route handlers run in the React
 * Server Components build, where react-dom/server is not available, and so that
 * Chromium's memory never sits in the web process.
 */
import type { ServiceReport } from "@/core/accounting/report-types";
import { isLang } from "@/lib/i18n";
import { councilPdf } from "./council-pdf";

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
try {
  const input = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { report: ServiceReport; lang: string };
  if (!isLang(input.lang)) throw new Error(`unsupported language "${input.lang}"`);
  const pdf = await councilPdf(input.report, input.lang);
  await new Promise<void>((resolve, reject) => process.stdout.write(pdf, (err) => (err ? reject(err) : resolve())));
} catch (err) {
  process.stderr.write(`${JSON.stringify({ module: "pdf-worker", error: err instanceof Error ? err.message : String(err) })}\n`);
  process.exitCode = 1;
}
