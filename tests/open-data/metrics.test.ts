import { beforeAll, describe, expect, it } from "vitest";
import { DISPLAY_STATES } from "@/core/function-state";
import { escapeLabelValue, renderMetrics } from "@/core/prometheus-text";
import { openDataFixture, RUNS, type Fixture } from "./fixture";

type Sample = { name: string; labels: Record<string, string>; value: number };

/** Parses the text format the way Prometheus does, strictly: every line a comment, blank, or `name{labels} value`. */
function parseExposition(text: string): { samples: Sample[]; help: Map<string, string>; type: Map<string, string> } {
  const samples: Sample[] = [];
  const help = new Map<string, string>();
  const type = new Map<string, string>();
  expect(text.endsWith("\n")).toBe(true);
  for (const line of text.slice(0, -1).split("\n")) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const map = meta[1] === "HELP" ? help : type;
      expect(map.has(meta[2]!), `second ${meta[1]} for ${meta[2]}`).toBe(false);
      map.set(meta[2]!, meta[3]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (NaN|[+-]Inf|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/.exec(
      line,
    );
    if (!m) throw new Error(`not a sample line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_x, c: string) => (c === "n" ? "\n" : c));
    const v = m[3]!;
    samples.push({ name: m[1]!, labels, value: v === "NaN" ? NaN : v === "+Inf" ? Infinity : v === "-Inf" ? -Infinity : Number(v) });
  }
  return { samples, help, type };
}

describe("core/prometheus-text", () => {
  it.each([
    ["plain", "dongbaekjeon", "dongbaekjeon"],
    ["backslash", "a\\b", "a\\\\b"],
    ["quote", 'say "hi"', 'say \\"hi\\"'],
    ["newline", "a\nb", "a\\nb"],
    ["Hangul untouched", "동백전", "동백전"],
  ])("label value: %s", (_n, input, expected) => expect(escapeLabelValue(input)).toBe(expected));

  it("writes HELP and TYPE once per family, then samples, and round-trips through a strict parser", () => {
    const text = renderMetrics([
      { name: "x_total", type: "counter", help: "with \\ and\nnewline", samples: [{ labels: { a: 'q"\\\n' }, value: 3 }] },
      {
        name: "y",
        type: "gauge",
        help: "h",
        samples: [
          { labels: {}, value: NaN },
          { labels: { b: "1" }, value: 1.5e-7 },
          { labels: { b: "2" }, value: Infinity },
        ],
      },
    ]);
    expect(text).toBe(
      [
        "# HELP x_total with \\\\ and\\nnewline",
        "# TYPE x_total counter",
        'x_total{a="q\\"\\\\\\n"} 3',
        "# HELP y h",
        "# TYPE y gauge",
        "y NaN",
        'y{b="1"} 1.5e-7',
        'y{b="2"} +Inf',
        "",
      ].join("\n"),
    );
    const parsed = parseExposition(text);
    expect(parsed.samples[0]!.labels.a).toBe('q"\\\n');
  });

  it("refuses invalid names rather than writing a broken exposition", () => {
    expect(() => renderMetrics([{ name: "bad-name", type: "gauge", help: "", samples: [] }])).toThrow(/metric name/);
    expect(() => renderMetrics([{ name: "ok", type: "gauge", help: "", samples: [{ labels: { "bad-label": "x" }, value: 1 }] }])).toThrow(/label name/);
  });
});

describe("GET /metrics", () => {
  let fx: Fixture;
  let parsed: ReturnType<typeof parseExposition>;
  let contentType: string | null;
  beforeAll(async () => {
    fx = await openDataFixture();
    const res = await (await import("@/app/metrics/route")).GET();
    contentType = res.headers.get("content-type");
    parsed = parseExposition(await res.text());
  });
  const value = (name: string, labels: Record<string, string>) =>
    parsed.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

  it("is the 0.0.4 text format, with HELP and TYPE for every family sampled", () => {
    expect(contentType).toBe("text/plain; version=0.0.4; charset=utf-8");
    for (const name of new Set(parsed.samples.map((s) => s.name))) {
      expect(parsed.help.get(name), name).toBeTruthy();
      expect(["gauge", "counter"]).toContain(parsed.type.get(name));
      if (parsed.type.get(name) === "counter") expect(name.endsWith("_total")).toBe(true);
    }
    for (const name of [
      "ledger_function_up",
      "ledger_function_state",
      "ledger_last_result_timestamp_seconds",
      "ledger_last_latency_seconds",
      "ledger_open_outages",
      "ledger_outages_total",
      "ledger_results_total",
    ])
      expect(parsed.type.has(name), name).toBe(true);
  });

  it("reports each function's state: up 0/1, no sample without data, one-hot state", () => {
    const svc = { service: fx.slug };
    expect(value("ledger_function_up", { ...svc, function: "topup" })).toBe(0);
    expect(value("ledger_function_up", { ...svc, function: "payment" })).toBe(1);
    expect(value("ledger_function_up", { ...svc, function: "balance" })).toBeUndefined();
    expect(value("ledger_service_up", svc)).toBe(0);
    for (const [fn, state] of [
      ["topup", "DOWN"],
      ["payment", "UP"],
      ["balance", "NO_DATA"],
    ]) {
      const oneHot = parsed.samples.filter((s) => s.name === "ledger_function_state" && s.labels.service === fx.slug && s.labels.function === fn);
      expect(oneHot).toHaveLength(DISPLAY_STATES.length);
      expect(oneHot.filter((s) => s.value === 1).map((s) => s.labels.state)).toEqual([state]);
    }
  });

  it("counts outages, results and the last run", () => {
    const svc = { service: fx.slug };
    expect(value("ledger_open_outages", svc)).toBe(1);
    expect(value("ledger_outages_total", { ...svc, function: "topup" })).toBe(2); // measured only: the reported one is not a probe event
    expect(value("ledger_outages_total", { ...svc, function: "payment" })).toBe(0);
    expect(value("ledger_results_total", { ...svc, function: "topup", state: "DOWN" })).toBe(10);
    expect(value("ledger_results_total", { ...svc, function: "topup", state: "UP" })).toBe(RUNS - 10);
    expect(value("ledger_results_total", { ...svc, function: "balance", state: "UP" })).toBe(0);
    expect(value("ledger_last_result_timestamp_seconds", { ...svc, function: "payment" })).toBe((fx.end.getTime() - 10_000) / 1000);
    expect(value("ledger_last_latency_seconds", { ...svc, function: "payment" })).toBeCloseTo((120 + ((RUNS - 1) % 13)) / 1000, 6);
    expect(value("ledger_last_latency_seconds", { ...svc, function: "topup" })).toBeUndefined(); // the last run failed: no latency
  });
});
