import { existsSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ServiceReport } from "@/core/accounting/report-types";
import { loadConfig } from "@/lib/config/load-config";
import { createPdfCache } from "@/lib/pdf/pdf-cache";
import { fileReport } from "@/lib/reports/file-report";

/**
 * Council PDFs are kept and reused while everything they show is the same: a closed month is printed
 * once, not once per download, and a change of any figure (or a new release) prints it again.
 */
const EXAMPLE = "examples/dongbaekjeon-2022";
let report: ServiceReport;

beforeAll(async () => {
  const config = loadConfig(EXAMPLE, { SANDBOX_URL: "http://127.0.0.1:9" });
  report = await fileReport({
    config,
    file: path.join(EXAMPLE, "results.jsonl.gz"),
    slug: "dongbaekjeon",
    month: { year: 2022, month: 4 },
    asOf: new Date("2026-01-01T00:00:00Z"),
  });
});

function printer() {
  const calls: string[] = [];
  const print = (label: string) => async () => {
    calls.push(label);
    await new Promise((r) => setTimeout(r, 20));
    return Buffer.from(`%PDF-1.7 ${label}`);
  };
  return { calls, print };
}

describe("kept council PDFs", () => {
  it("the same report asked for later is answered from disk; another language or figure is printed", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-pdf-cache-"));
    const cache = createPdfCache({ dir, buildId: "build-1" });
    const { calls, print } = printer();
    const first = await cache.get(report, "ko", print("ko-1"));
    expect(first).toMatchObject({ kept: false });
    // the same figures asked for a day later: only the instant of asking differs
    const later = { ...report, period: { ...report.period, asOf: "2026-01-02T00:00:00.000+09:00" } };
    const again = await cache.get(later, "ko", print("ko-2"));
    expect(again.kept).toBe(true);
    expect(again.pdf.toString()).toBe("%PDF-1.7 ko-1");
    expect(cache.has(later, "ko")).toBe(true);
    await cache.get(report, "en", print("en-1"));
    // an accepted dispute changes a figure: a new print
    const changed = { ...report, totalKrw: report.totalKrw - 1 };
    expect(cache.has(changed, "ko")).toBe(false);
    expect((await cache.get(changed, "ko", print("ko-3"))).kept).toBe(false);
    // a new release of the site prints again, whatever the figures
    const released = createPdfCache({ dir, buildId: "build-2" });
    expect(released.has(report, "ko")).toBe(false);
    expect(calls).toEqual(["ko-1", "en-1", "ko-3"]);
  });

  it("readers asking at once share one print; a damaged file is printed again; the folder stays bounded", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-pdf-cache-"));
    const cache = createPdfCache({ dir, buildId: "b", maxFiles: 3 });
    const { calls, print } = printer();
    const all = await Promise.all(Array.from({ length: 5 }, () => cache.get(report, "ko", print("once"))));
    expect(calls).toEqual(["once"]);
    expect(new Set(all.map((a) => a.pdf.toString()))).toEqual(new Set(["%PDF-1.7 once"]));

    writeFileSync(path.join(dir, `${cache.keyOf(report, "ko")}.pdf`), "half a fi");
    expect((await cache.get(report, "ko", print("again"))).kept).toBe(false);
    expect(calls).toEqual(["once", "again"]);

    for (let i = 0; i < 6; i++) await cache.get({ ...report, totalKrw: i }, "ko", print(`n${i}`));
    expect(readdirSync(dir).filter((f) => f.endsWith(".pdf"))).toHaveLength(3);
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(false);
    // the newest are the ones kept
    expect(existsSync(path.join(dir, `${cache.keyOf({ ...report, totalKrw: 5 }, "ko")}.pdf`))).toBe(true);
  });

  it("a failed print keeps nothing and the next reader tries again", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-pdf-cache-"));
    const cache = createPdfCache({ dir, buildId: "b" });
    await expect(cache.get(report, "ko", () => Promise.reject(new Error("browser crashed")))).rejects.toThrow("browser crashed");
    expect(cache.has(report, "ko")).toBe(false);
    expect((await cache.get(report, "ko", async () => Buffer.from("%PDF-ok"))).kept).toBe(false);
  });
});
