import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config/load-config";

// A service with a contract; line numbers below count from the first line ("services:").
const config = (contract: string, probe = "interval: 30s") => `services:
  - slug: busan
    name: 서비스
    nameEn: Service
    operator: 운영사
    operatorEn: Operator
    functions:
      - { key: topup, name: 충전, nameEn: Top-up }
    probes:
      - function: topup
        ${probe}
        request: { url: "http://127.0.0.1:9/health" }
    contract:
      key: c
      title: 계약
      operator: 운영사
      term: { start: "2022-04-01", end: "2025-03-31" }
${contract}`;

function firstIssue(text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-hints-"));
  writeFileSync(path.join(dir, "ledger.yaml"), text);
  try {
    loadConfig(dir);
  } catch (err) {
    if (err instanceof ConfigError)
      return err.message
        .split("\n")[1]!
        .trim()
        .replace(/^.*ledger\.yaml:/, "ledger.yaml:");
    throw err;
  }
  throw new Error("the configuration was accepted");
}

describe("what to write instead, with the line", () => {
  it.each([
    [
      "a number where a duration goes (maintenanceNotice: 72)",
      config("      amountKrw: 3640000000\n      maintenanceNotice: 72"),
      "ledger.yaml:19  services[0].contract.maintenanceNotice: a bare number has no unit: write a duration such as 72h, 72m or 72s",
    ],
    [
      "a number where a probe's interval goes",
      config("      amountKrw: 3640000000", "interval: 30"),
      "ledger.yaml:11  services[0].probes[0].interval: a bare number has no unit: write a duration such as 30h, 30m or 30s",
    ],
    [
      "an amount written with separators",
      config('      amountKrw: "3,640,000,000"'),
      'ledger.yaml:18  services[0].contract.amountKrw: an amount in whole won, a positive number without separators or units, e.g. 3640000000; found "3,640,000,000"',
    ],
    [
      "an amount with a fraction of a won",
      config("      amountKrw: 1000.5"),
      "ledger.yaml:18  services[0].contract.amountKrw: an amount in whole won, a positive number without separators or units, e.g. 3640000000; found the number 1000.5",
    ],
    [
      "a date without leading zeros",
      config("      amountKrw: 3640000000").replace('start: "2022-04-01"', 'start: "2022-4-1"'),
      'ledger.yaml:17  services[0].contract.term.start: a date as YYYY-MM-DD (four-digit year, two-digit month and day), e.g. 2022-04-01; found "2022-4-1"',
    ],
    [
      "a deadline without its offset",
      config('      amountKrw: 3640000000\n      goLive: { deadline: "2022-04-01T14:00" }'),
      'ledger.yaml:19  services[0].contract.goLive.deadline: an instant needs its offset: e.g. 2022-04-01T14:00:00+09:00 for KST (Z for UTC); found "2022-04-01T14:00"',
    ],
    [
      "a deadline given as a date alone",
      config('      amountKrw: 3640000000\n      goLive: { deadline: "2022-04-01" }'),
      'ledger.yaml:19  services[0].contract.goLive.deadline: a deadline is an instant, not a date: for "by the end of 2022-04-01" write 2022-04-01T23:59:59+09:00, for "by the start of 2022-04-01" write 2022-04-01T00:00:00+09:00 (KST; docs/configuration.md, "Dates and deadlines")',
    ],
    [
      "a maintenance window's start given as a date alone",
      config("      amountKrw: 3640000000").replace(
        "    contract:",
        '    maintenance:\n      - { id: m, start: "2022-05-01", end: "2022-05-01T06:00:00+09:00", announcedAt: "2022-04-20T09:00:00+09:00" }\n    contract:',
      ),
      'ledger.yaml:14  services[0].maintenance[0].start: a date alone is not an instant here: write the time and the offset too, e.g. 2022-05-01T00:00:00+09:00 (midnight KST); found "2022-05-01"',
    ],
    [
      "an amount with separators inside one of two shapes ({ amountKrw } or { percentOfFee })",
      config(
        '      amountKrw: 3640000000\n      rulesets:\n        - effectiveFrom: "2022-04-01"\n          rules:\n            - { id: r, kind: recovery_time, clause: c, maxRecovery: 4h, perStartedHour: { amountKrw: "50,000" } }',
      ),
      'ledger.yaml:22  services[0].contract.rulesets[0].rules[0].perStartedHour.amountKrw: an amount in whole won, a positive number without separators or units, e.g. 50000; found "50,000"',
    ],
    [
      "an hour of the day written as a time",
      config("      amountKrw: 3640000000").replace("    contract:", '    peakWarnings:\n      - { id: p, day: 1, hour: "09:00" }\n    contract:'),
      'ledger.yaml:14  services[0].peakWarnings[0].hour: an hour of the day as a whole number 0–23, e.g. 9 for 09:00; found "09:00"',
    ],
    [
      "a time of day as a number",
      config("      amountKrw: 3640000000").replace(
        "    contract:",
        '    watch:\n      interval: 10s\n      peaks: [{ days: [1], from: 830, to: "11:00" }]\n    contract:',
      ),
      'ledger.yaml:15  services[0].watch.peaks[0].from: a local time "HH:MM" in quotes, e.g. "08:30" (to "24:00" for the end of the day); found the number 830',
    ],
  ])("%s", (_name, text, message) => {
    const issue = firstIssue(text);
    // durations go on with the general hint: (a duration such as "500ms", … largest first)
    expect(issue.startsWith(message), issue).toBe(true);
  });
});
