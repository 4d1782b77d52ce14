import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config/load-config";

function load(yaml: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-changeover-"));
  writeFileSync(path.join(dir, "a.yaml"), yaml);
  return loadConfig(dir, {});
}
function issues(yaml: string): string[] {
  try {
    load(yaml);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

const service = (changeover: string, contractGoLive = `goLive: { deadline: "2022-04-01T14:00:00+09:00", actualStart: "2022-04-04T09:00:00+09:00" }`) => `
services:
  - slug: dongbaekjeon
    name: 동백전
    nameEn: Dongbaekjeon
    operator: 부산은행
    operatorEn: Busan Bank
    functions:
      - { key: topup, name: 충전, nameEn: Top-up }
      - { key: payment, name: 결제, nameEn: Payment }
    probes:
      - { function: topup, interval: 60s, request: { url: "http://127.0.0.1:9/topup" } }
    contract:
      key: c2022
      title: 계약
      operator: 부산은행
      amountKrw: 3640000000
      term: { start: "2022-04-01", end: "2025-03-31" }
      ${contractGoLive}
    changeover:
${changeover}
`;

const ok = `      oldOperator: 코나아이
      oldOperatorEn: KONA I
      newOperator: 부산은행 컨소시엄
      cutover: { start: "2022-04-01T00:00:00+09:00", end: "2022-04-01T14:00:00+09:00" }
      readinessDeadline: "2022-03-01T00:00:00+09:00"
      readiness:
        probes:
          - { function: topup, interval: 5m, request: { url: "http://127.0.0.1:9/new/topup" } }
          - { function: payment, interval: 5m, request: { url: "http://127.0.0.1:9/new/payment" } }`;

describe("changeover configuration", () => {
  it("resolves with the contract's deadline and actual start, readiness probes apart from the SLA's", () => {
    const config = load(service(ok));
    const svc = config.services[0]!;
    expect(svc.probes.map((p) => p.key)).toEqual(["dongbaekjeon-topup-local"]);
    const c = svc.changeover!;
    expect(c.goLiveDeadline).toBe("2022-04-01T14:00:00+09:00");
    expect(c.actualStart).toBe("2022-04-04T09:00:00+09:00");
    expect(c.newOperatorEn).toBe("부산은행 컨소시엄"); // English name defaults to the Korean one
    expect(c.readinessProbes.map((p) => [p.key, p.functionKey, p.intervalMs])).toEqual([
      ["dongbaekjeon-readiness-topup-local", "topup", 300_000],
      ["dongbaekjeon-readiness-payment-local", "payment", 300_000],
    ]);
  });

  it.each([
    [
      "a deadline that differs from the contract's",
      ok + `\n      goLiveDeadline: "2022-04-01T15:00:00+09:00"`,
      undefined,
      "services[0].changeover.goLiveDeadline: differs from contract.goLive.deadline",
    ],
    ["no deadline anywhere", ok, "clause: none", "services[0].changeover.goLiveDeadline: give the go-live deadline"],
    [
      "readiness after go-live",
      ok.replace("2022-03-01T00:00:00+09:00", "2022-04-02T00:00:00+09:00"),
      undefined,
      "services[0].changeover.readinessDeadline: must not be after the go-live deadline",
    ],
    [
      "a readiness probe of an unknown function",
      ok.replace("function: payment", "function: refund"),
      undefined,
      'services[0].changeover.readiness.probes[1].function: function "refund" is not among',
    ],
    [
      "a cutover ending before it starts",
      ok.replace('end: "2022-04-01T14:00:00+09:00"', 'end: "2022-03-31T14:00:00+09:00"'),
      undefined,
      "services[0].changeover.cutover.end: start must be before end",
    ],
  ])("rejects %s", (_name, changeover, goLive, expected) => {
    const found = issues(service(changeover, goLive));
    expect(
      found.some((i) => i.startsWith(expected)),
      found.join("\n"),
    ).toBe(true);
  });
});

describe("intensified watch configuration", () => {
  const watch = (w: string) => service(ok).replace("    changeover:\n", `    watch:\n${w}\n    changeover:\n`);
  it("resolves the changeover's window (cutover → 7 days after the actual go-live) and peak hours in KST", () => {
    const config = load(watch(`      interval: 10s\n      afterGoLive: 7d\n      peaks: [{ days: [1], from: "08:30", to: "11:00" }]`));
    expect(config.services[0]!.watch).toEqual({
      intervalMs: 10_000,
      timeZone: "Asia/Seoul",
      // 2022-04-01T00:00+09:00 → 2022-03-31T15:00Z; go-live 04-04 09:00 KST + 7 d = 04-11 09:00 KST = 04-11T00:00Z
      windows: [{ start: Date.parse("2022-03-31T15:00:00Z"), end: Date.parse("2022-04-11T00:00:00Z") }],
      peaks: [{ days: [1], fromMin: 510, toMin: 660 }],
    });
  });
  it.each([
    [
      "an interval shorter than a probe's timeout",
      `      interval: 5s`,
      'services[0].watch.interval: shorter than the timeout of probe "dongbaekjeon-topup-local"',
    ],
    [
      "a peak ending before it starts",
      `      interval: 10s\n      peaks: [{ days: [1], from: "11:00", to: "08:30" }]`,
      "services[0].watch.peaks[0].to: from must be before to",
    ],
    [
      "a bad local time",
      `      interval: 10s\n      peaks: [{ days: [1], from: "8:30", to: "11:00" }]`,
      'services[0].watch.peaks[0].from: a local time "HH:MM"',
    ],
  ])("rejects %s", (_name, w, expected) => {
    const found = issues(watch(w));
    expect(
      found.some((i) => i.startsWith(expected)),
      found.join("\n"),
    ).toBe(true);
  });
});
