import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServiceReport } from "@/core/accounting/report-types";
import type { Value } from "@/core/accounting/report-values";
import { CouncilReport } from "@/components/council-report";
import { loadConfig } from "@/lib/config/load-config";
import { councilPdf } from "@/lib/pdf/council-pdf";
import { fileReport } from "@/lib/reports/file-report";
import { reportToCsv } from "@/lib/reports/render-csv";
import { reportToMarkdown } from "@/lib/reports/render-markdown";
import { syntheticReport } from "../accounting/synthetic-report";

/**
 * The council documents speak one language each. A Korean document has no English sentence (three or
 * more Latin words in a row, outside code, URLs and the product's name), no Latin duration units
 * ("4h", "3d 9h"), no "KRW" and no ISO instant; an English document has no Hangul outside the names and
 * contract text it quotes, and no ISO instant. Checked on the markdown, the CSV, the page's HTML and the
 * PDF's text, for the April 2022 example and a synthetic month with every kind of decision.
 */
const EXAMPLE = "examples/dongbaekjeon-2022";
const AS_OF = new Date("2026-01-01T00:00:00Z");

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ENGLISH_SENTENCE = /\b[A-Za-z][A-Za-z'’]*(?:[\s,;:()/-]+[A-Za-z][A-Za-z'’]*){2,}\b/;
const LATIN_UNIT = /\b\d+\s?(?:d|h|m|s|min|ms|days?|hours?)\b/;
const ALLOWED_LATIN = [/Uptime Ledger/g, /https?:\/\/\S+/g];

/** The parts of a report that are quoted, not written by the ledger: names, contract text, press titles, reasons. */
function quoted(r: ServiceReport): string[] {
  const q = [r.service.name, r.contract.title, r.contract.operator, r.ruleset?.label ?? ""];
  q.push(...r.functions.map((f) => f.name), ...r.money.map((m) => m.clause), ...r.flags.map((f) => f.clause));
  q.push(...r.provenanceSources.map((s) => s.title), ...r.excused.flatMap((e) => [e.why, e.whyKo]));
  for (const o of r.outages) q.push(o.summary ?? "", ...(o.sources ?? []).map((s) => s.title));
  // free text an admin or the configuration wrote (a dispute's resolution, an excused day's reason)
  const texts = (v: Value): string[] =>
    v.type === "text" ? [v.text] : v.type === "list" ? v.items.flatMap(texts) : v.type === "note" ? Object.values(v.note.params).flatMap(texts) : [];
  for (const e of r.excused) q.push(...Object.values(e.reason.params).flatMap(texts));
  for (const m of [...r.money, ...r.flags]) q.push(...Object.values(m.inputs).flatMap(texts));
  // compared without whitespace: a PDF wraps quoted text anywhere
  return q
    .map((s) => s.replace(/\s+/g, ""))
    .filter((s) => s.length > 0)
    .sort((a, b) => b.length - a.length);
}

function problems(text: string, lang: "ko" | "en", r: ServiceReport): string[] {
  const found: string[] = [];
  const iso = ISO_INSTANT.exec(text);
  if (iso) found.push(`ISO instant: …${text.slice(Math.max(0, iso.index - 40), iso.index + 40)}…`);
  let rest = text;
  if (lang === "ko") {
    for (const re of ALLOWED_LATIN) rest = rest.replace(re, " ");
    const sentence = ENGLISH_SENTENCE.exec(rest);
    if (sentence) found.push(`English: …${rest.slice(Math.max(0, sentence.index - 30), sentence.index + sentence[0].length + 30)}…`);
    const unit = LATIN_UNIT.exec(rest);
    if (unit) found.push(`Latin unit: …${rest.slice(Math.max(0, unit.index - 30), unit.index + 30)}…`);
    if (/\bKRW\b/.test(rest)) found.push("KRW in a Korean document");
  } else {
    // Each Hangul word must belong to something quoted (a PDF wraps and interleaves table cells, so words, not phrases).
    const allowed = quoted(r).join("\n");
    for (const w of rest.match(/[\uac00-\ud7a3\u3131-\u318e]+/g) ?? []) {
      if (!allowed.includes(w)) {
        const i = rest.indexOf(w);
        found.push(`Hangul: …${rest.slice(Math.max(0, i - 40), i + 40)}…`);
        break;
      }
    }
  }
  return found;
}

/** Markdown and HTML with their code spans left out (identifiers shown as code are allowed). */
const withoutMarkdownCode = (md: string) => md.replace(/`[^`\n]*`/g, " ");
const htmlText = (html: string) =>
  html
    .replace(/<code[^>]*>[\s\S]*?<\/code>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
/** The CSV's human cells: the key column (machine keys) and code-like rule ids are left out. */
const csvText = (csv: string) =>
  csv
    .split("\n")
    .map((line) =>
      line
        .split(",")
        .filter((_, i) => i !== 1)
        .join(","),
    )
    .join("\n");

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-pdf-"));
  const file = path.join(dir, "r.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });
}

const reports: Record<string, ServiceReport> = {};

beforeAll(async () => {
  const config = loadConfig(EXAMPLE, { SANDBOX_URL: "http://127.0.0.1:9" });
  reports["2022-04 example"] = await fileReport({
    config,
    file: path.join(EXAMPLE, "results.jsonl.gz"),
    slug: "dongbaekjeon",
    month: { year: 2022, month: 4 },
    asOf: AS_OF,
  });
  reports["synthetic 2025-04"] = syntheticReport();
});

describe.each(["2022-04 example", "synthetic 2025-04"])("%s: each document in one language", (name) => {
  const r = () => reports[name]!;
  it.each(["ko", "en"] as const)("markdown (%s)", (lang) => {
    expect(problems(withoutMarkdownCode(reportToMarkdown(r(), lang)), lang, r())).toEqual([]);
  });
  it.each(["ko", "en"] as const)("CSV (%s)", (lang) => {
    expect(problems(csvText(reportToCsv(r(), lang)), lang, r())).toEqual([]);
  });
  it.each(["ko", "en"] as const)("council page HTML (%s)", (lang) => {
    const html = renderToStaticMarkup(createElement(CouncilReport, { report: r(), lang, generatedAt: r().period.asOf }));
    expect(problems(htmlText(html), lang, r())).toEqual([]);
  });
  it.each(["ko", "en"] as const)(
    "PDF text (%s)",
    async (lang) => {
      const text = pdfText(await councilPdf(r(), lang));
      expect(problems(text, lang, r())).toEqual([]);
    },
    60_000,
  );
  it("the JSON keeps machine values: ISO instants, integer amounts", () => {
    const values = (v: Value): Value[] =>
      v.type === "list" ? v.items.flatMap(values) : v.type === "note" ? Object.values(v.note.params).flatMap(values) : [v];
    const all = [...r().money, ...r().flags].flatMap((m) => Object.values(m.inputs).flatMap(values));
    const instants = all.filter((v) => v.type === "instant");
    expect(instants.length).toBeGreaterThan(0);
    for (const v of instants) expect(v.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    for (const v of all) if (v.type === "amount") expect(Number.isInteger(v.krw)).toBe(true);
    expect(r().period.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
