import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ServiceReport } from "@/core/accounting/report-types";
import { monthHint } from "@/cli/report";

const EXAMPLE = "examples/dongbaekjeon-2022";
const ledger = (...args: string[]) =>
  execFileSync(process.execPath, ["bin/ledger.mjs", ...args], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } });
const report = (format: string, lang = "ko") =>
  ledger(
    "report",
    "--config",
    EXAMPLE,
    "--from-file",
    `${EXAMPLE}/results.jsonl.gz`,
    "--service",
    "dongbaekjeon",
    "--month",
    "2022-04",
    "--format",
    format,
    "--lang",
    lang,
  );

describe("npx ledger report on the 2022 example", () => {
  const json = JSON.parse(report("json")) as ServiceReport;

  it("go-live 67 h late → 3 days → 14,196,000 KRW delay damages", () => {
    // deadline 2022-04-01 14:00 KST, started 2022-04-04 09:00 KST: 67 h late;
    // late days 04-02, 04-03, 04-04 = 3; 3,640,000,000 × 1.3/1000 × 3 = 14,196,000
    const delay = json.money.find((m) => m.ruleId === "delay-damages")!;
    expect(delay).toMatchObject({
      amountKrw: 14_196_000,
      illustrative: false,
      inputs: expect.objectContaining({ daysLateInPeriod: { type: "count", n: 3, unit: "day" }, dailyRate: { type: "rate", text: "1.3/1000" } }),
    });
    expect(json.totalKrw).toBe(14_196_000);
  });

  it("April availability 88.75%: 81 h down of 720 h, nothing excused", () => {
    // 81 h = 291,600 s; 720 h = 2,592,000 s; 1 − 291,600 / 2,592,000 = 0.8875
    expect(json.serviceFigures).toMatchObject({
      downtimeSec: 291_600,
      periodSec: 2_592_000,
      excusedSec: 0,
      noDataSec: 0,
      eligibleSec: 2_592_000,
      availability: 0.8875,
      coverage: 1,
    });
  });

  it("April is as of the instant its figures settled (its end), so reading it again later gives the same document", () => {
    // the last runs (2022-04-30 23:55 KST, every 5 minutes) answered and cover to 05-01 00:00 KST = 2022-04-30T15:00Z
    expect(json.period.asOf).toBe("2022-04-30T15:00:00.000Z");
    const at = (asOf: string) =>
      ledger(
        "report",
        "--config",
        EXAMPLE,
        "--from-file",
        `${EXAMPLE}/results.jsonl.gz`,
        "--service",
        "dongbaekjeon",
        "--month",
        "2022-04",
        "--format",
        "markdown",
        "--as-of",
        asOf,
      );
    const md = report("markdown");
    expect(md).toContain("- 기준 시각: 2022년 5월 1일 00:00:00");
    expect(at("2023-01-01T00:00:00+09:00")).toBe(md);
    expect(at(json.period.asOf)).toBe(md);
    expect(report("csv")).toMatch(/^보고서,as_of,2022년 5월 1일 00:00:00,,,,$/m);
  }, 60_000);

  it("the derived monthly fee: 3,640,000,000 ÷ 36 = 101,111,111 KRW", () => {
    expect(json.fee.amountKrw).toBe(101_111_111);
  });

  it("tiers the contract does not state are labelled illustrative and kept out of the total", () => {
    const credit = json.money.find((m) => m.ruleId === "monthly-availability")!;
    // 88.75% is below 95% → 100% of 101,111,111
    expect(credit).toMatchObject({ illustrative: true, amountKrw: 101_111_111 });
    expect(json.flags[0]).toMatchObject({ ruleId: "critical-failure", illustrative: true, triggered: true });
  });

  it("the reported incident is listed apart from the measured outages", () => {
    expect(json.outages.filter((o) => o.source === "REPORTED")).toHaveLength(1);
    expect(json.outages.filter((o) => o.source === "MEASURED")).toHaveLength(4);
  });

  it("the results are labelled as reconstructed from press reports, with the article (never as measured)", () => {
    expect(json.provenance).toBe("RECONSTRUCTED");
    expect(json.provenanceSources[0]).toMatchObject({ title: expect.stringContaining("동백전 서버 트래픽"), date: "2022-04-04" });
    expect(json.outages.filter((o) => o.source === "MEASURED").map((o) => o.provenance)).toEqual(Array(4).fill("RECONSTRUCTED"));
    expect(json.outages.find((o) => o.source === "REPORTED")!.provenance).toBe("REPORTED");
  });

  it("markdown and CSV say the figures are reconstructed, and from which article", () => {
    const md = report("markdown");
    expect(md).toContain("재구성(보도 기반) · 측정값이 아닙니다");
    expect(md).toContain("동백전 서버 트래픽 관리 못하는 운영사");
    expect(md).toContain("| 재구성(보도 기반) |");
    expect(md).not.toContain("| 측정 |");
    const csv = report("csv");
    expect(csv).toMatch(/^출처,results,재구성\(보도 기반\),/m);
    expect(csv).toContain("동백전 서버 트래픽 관리 못하는 운영사");
  }, 60_000);

  it("markdown and CSV carry the same figures", () => {
    const md = report("markdown");
    expect(md).toContain("14,196,000원");
    expect(md).toContain("1,419만 6,000원");
    expect(md).toContain("| 서비스 전체 | 88.75% |");
    expect(md).toContain("2022년 4월 1일 00:00");
    const csv = report("csv");
    expect(csv).toContain("금액,delay-damages,지체상금: 위반,14196000,");
    expect(csv).toContain("수치,service.availability,88.75%,");
    expect(csv).toContain("합계,total_krw,예시 규정을 뺀 합계 · 1원 미만 절사,14196000,");
    const en = report("markdown", "en");
    expect(en).toContain("| Whole service | 88.75% |");
    expect(en).toContain("KRW 14,196,000");
    expect(en).toContain("2022-04-01 00:00 KST");
    // two CLI processes, each compiling TypeScript as it starts: beside the browser and network tests running in parallel this can pass 20 s
  }, 60_000);
});

describe("CLI errors", () => {
  it("a bad results file names its lines and exits 1", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-cli-"));
    const file = path.join(dir, "bad.jsonl");
    writeFileSync(
      file,
      [
        '{"service":"dongbaekjeon","function":"topup","at":"2022-04-01T00:00:00+09:00","state":"UP"}',
        "not json",
        '{"service":"dongbaekjeon","function":"topup","at":"2022-04-01 00:05","state":"UP"}',
        '{"service":"nope","function":"topup","at":"2022-04-01T00:10:00+09:00","state":"UP"}',
      ].join("\n"),
    );
    let stderr = "";
    let status = 0;
    try {
      ledger("report", "--config", EXAMPLE, "--from-file", file, "--service", "dongbaekjeon", "--month", "2022-04");
    } catch (err) {
      stderr = String((err as { stderr: string }).stderr);
      status = (err as { status: number }).status;
    }
    expect(status).toBe(1);
    expect(stderr).toContain("3 bad lines");
    expect(stderr).toMatch(/bad\.jsonl:2 +not JSON/);
    expect(stderr).toMatch(/bad\.jsonl:3 +at: an instant needs its offset: e\.g\. 2022-04-01T00:05:00\+09:00 for KST/);
    expect(stderr).toMatch(/bad\.jsonl:4 +no probe for service "nope"/);
  });

  it("a missing option is a usage error (exit 2)", () => {
    expect(() => ledger("report", "--service", "x")).toThrow(expect.objectContaining({ status: 2 }));
  });

  // Without LEDGER_CONFIG, as a person runs it on a fresh checkout.
  const { LEDGER_CONFIG: _unset, ...bare } = process.env;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ["bin/ledger.mjs", ...args], { encoding: "utf8", env: { ...bare, LOG_LEVEL: "silent" } });
    return { status: r.status, stderr: r.stderr };
  };

  it("--month 2024-6 says the month is YYYY-MM and how to write this one", () => {
    const r = run("report", "--service", "dongbaekjeon", "--month", "2024-6");
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--month must be YYYY-MM (a four-digit year and a two-digit month, 01–12), e.g. 2024-06; got "2024-6"');
    expect(r.stderr).not.toContain("are required");
  });

  it("no configuration given is an error naming --config and the demo it does not assume", () => {
    const report = run("report", "--from-file", `${EXAMPLE}/results.jsonl.gz`, "--service", "dongbaekjeon", "--month", "2022-04");
    expect(report.status).toBe(2);
    expect(report.stderr).toContain("No configuration given: write --config <file or folder> (or set LEDGER_CONFIG)");
    expect(report.stderr).toContain("to use it, write --config examples/demo");
    const imported = run("import", `${EXAMPLE}/results.jsonl.gz`);
    expect(imported).toMatchObject({ status: 2, stderr: expect.stringContaining("No configuration given: write --config") });
    const checked = run("check-config");
    expect(checked).toMatchObject({ status: 2, stderr: expect.stringContaining("write ledger check-config <file or folder>") });
  }, 60_000);
});

describe("--month hints", () => {
  it.each([
    ["2024-6", "e.g. 2024-06"],
    ["2024-12 ", "e.g. 2024-12"],
    ["2024-13", "e.g. 2024-06"],
    ["24-06", "e.g. 2024-06"],
    ["June", "e.g. 2024-06"],
  ])("%j → %s", (text, hint) => expect(monthHint(text)).toContain(hint));
});
