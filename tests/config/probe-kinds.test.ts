import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config/load-config";

/** Each probe kind as YAML: what is accepted, with its defaults, and what is refused with file, path and reason. */
function load(probes: string, extra = "") {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-kinds-"));
  writeFileSync(
    path.join(dir, "svc.yaml"),
    `${extra}
services:
  - slug: s
    name: 서비스
    nameEn: Service
    operator: 운영사
    operatorEn: Operator
    functions:
      - { key: topup, name: 충전, nameEn: Top-up }
    probes:
${probes}`,
  );
  return loadConfig(dir, { U: "http://127.0.0.1:1" });
}

function issues(probes: string, extra = "") {
  try {
    load(probes, extra);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => ({ path: i.path, message: i.message }));
    throw err;
  }
  return [];
}

const flow = (steps: string, rest = "") => `      - function: topup
        kind: flow
        interval: 30s
${rest}        steps:
${steps}`;

const step = (name: string, url = "${U}/a", extract = "") => `          - name: ${name}
            request: { url: "${url}" }
${extract}`;

describe("probe kinds in the configuration", () => {
  it("a flow with defaults: cleanup deadline 5 s, limits from the defaults", () => {
    const p = load(
      flow(
        step("one", "${U}/a", "            extract: { id: { json: $.id } }\n") + step("two", "${U}/b/{{id}}"),
        "        cleanup:\n" + step("undo", "${U}/c/{{id}}").replace(/^ {10}/gm, "          "),
      ),
    ).services[0]!.probes[0]!;
    expect(p).toMatchObject({ kind: "flow", cleanupTimeoutMs: 5000, maxBodyBytes: 65_536, maxRedirects: 5, ca: null, maxLatencyMs: null });
  });

  it("tls, dns and tcp with their defaults", () => {
    const c = load(`      - { function: topup, kind: tls, host: example.go.kr }`);
    expect(c.services[0]!.probes[0]).toMatchObject({ kind: "tls", host: "example.go.kr", port: 443, warnDays: 14, servername: null });
    expect(load(`      - { function: topup, kind: dns, name: example.go.kr }`).services[0]!.probes[0]).toMatchObject({
      kind: "dns",
      recordType: "A",
      servers: null,
      expect: { contains: [] },
    });
    expect(load(`      - { function: topup, kind: tcp, host: 127.0.0.1, port: 443 }`).services[0]!.probes[0]).toMatchObject({
      kind: "tcp",
      host: "127.0.0.1",
      port: 443,
    });
  });

  it("a browser journey gets step names and a phone-sized viewport", () => {
    const p = load(`      - function: topup
        kind: browser
        interval: 2m
        timeout: 30s
        steps:
          - goto: \${U}/app
          - { click: "#go" }
          - { fill: "#name", value: 모니터 }
          - { name: done, expectText: "#result", text: 완료 }
          - { waitFor: "#x", state: hidden }
`).services[0]!.probes[0]!;
    expect(p).toMatchObject({
      kind: "browser",
      viewport: { width: 390, height: 844 },
      steps: [
        { name: "goto http://127.0.0.1:1/app", action: "goto", url: "http://127.0.0.1:1/app" },
        { name: "click #go", action: "click", selector: "#go" },
        { name: "fill #name", action: "fill", selector: "#name", value: "모니터" },
        { name: "done", action: "expectText", selector: "#result", text: "완료" },
        { name: "waitFor #x", action: "waitFor", selector: "#x", state: "hidden" },
      ],
    });
  });

  it("evidence settings: patterns and header names added to the built-in ones", () => {
    const c = load(
      `      - { function: topup, request: { url: "\${U}/a" } }`,
      `evidence:\n  bodyBytes: 4096\n  redact: [{ name: member, pattern: "M\\\\d{11}" }]\n  redactHeaders: [x-session]\n`,
    );
    expect(c.evidence).toEqual({ bodyBytes: 4096, redact: [{ name: "member", pattern: "M\\d{11}" }], redactHeaders: ["x-session"] });
  });

  const bad: { name: string; probes: string; path: string; message: RegExp }[] = [
    {
      name: "an unknown kind",
      probes: `      - { function: topup, kind: smtp, request: { url: "\${U}" } }`,
      path: "services[0].probes[0].kind",
      message: /kind must be one of http, flow, browser, tls, dns, tcp/,
    },
    {
      name: "a placeholder no earlier step sets",
      probes: flow(step("one", "${U}/a/{{id}}")),
      path: "services[0].probes[0].steps[0].request",
      message: /\{\{id\}\} is not set before this step/,
    },
    {
      name: "a placeholder set only by a later step",
      probes: flow(step("one", "${U}/a/{{id}}") + step("two", "${U}/b", "            extract: { id: { json: $.id } }\n")),
      path: "services[0].probes[0].steps[0].request",
      message: /\{\{id\}\}/,
    },
    { name: "two steps with one name", probes: flow(step("same") + step("same")), path: "services[0].probes[0].steps[1].name", message: /used twice/ },
    {
      name: "an extract with both json and header",
      probes: flow(step("one", "${U}/a", "            extract: { id: { json: $.id, header: x-id } }\n")),
      path: "services[0].probes[0].steps[0].extract.id",
      message: /exactly one of json, header/,
    },
    {
      name: "an extract regex without a group",
      probes: flow(step("one", "${U}/a", "            extract: { id: { header: location, regex: 'TP\\d+' } }\n")),
      path: "services[0].probes[0].steps[0].extract.id",
      message: /capture group/,
    },
    {
      name: "a variable named like a built-in",
      probes: flow(step("one"), "        vars: { uuid: x }\n"),
      path: "services[0].probes[0].vars.uuid",
      message: /built-in/,
    },
    {
      name: "timeout plus cleanup longer than the interval",
      probes: flow(step("one"), "        timeout: 28s\n        cleanup:\n" + step("undo").replace(/^ {10}/gm, "          ")),
      path: "services[0].probes[0].cleanupTimeout",
      message: /must not exceed the interval/,
    },
    {
      name: "a flow placeholder in a single HTTP probe",
      probes: `      - { function: topup, request: { url: "\${U}/a/{{id}}" } }`,
      path: "services[0].probes[0].request",
      message: /only \{\{uuid\}\} and \{\{now\}\}/,
    },
    {
      name: "a browser step with two actions",
      probes: `      - { function: topup, kind: browser, steps: [{ goto: "\${U}/a", click: "#b" }] }`,
      path: "services[0].probes[0].steps[0]",
      message: /exactly one action/,
    },
    {
      name: "fill without a value",
      probes: `      - { function: topup, kind: browser, steps: [{ goto: "\${U}/a" }, { fill: "#b" }] }`,
      path: "services[0].probes[0].steps[1].value",
      message: /fill needs a value/,
    },
    {
      name: "a journey that does not start with goto",
      probes: `      - { function: topup, kind: browser, steps: [{ click: "#b" }] }`,
      path: "services[0].probes[0].steps[0]",
      message: /starts with goto/,
    },
    { name: "a tls probe without a host", probes: `      - { function: topup, kind: tls }`, path: "services[0].probes[0].host", message: /./ },
    {
      name: "a dns record type it cannot ask",
      probes: `      - { function: topup, kind: dns, name: a.kr, recordType: SRV }`,
      path: "services[0].probes[0].recordType",
      message: /./,
    },
    {
      name: "a min bound that is neither number nor placeholder",
      probes: `      - { function: topup, request: { url: "\${U}" }, expect: { json: [{ path: $.a, min: lots }] } }`,
      path: "services[0].probes[0].expect.json[0].min",
      message: /./,
    },
  ];
  for (const b of bad) {
    it(`rejects ${b.name}`, () => {
      const found = issues(b.probes);
      expect(
        found.find((i) => i.path === b.path && b.message.test(i.message)),
        JSON.stringify(found),
      ).toBeDefined();
    });
  }
});
