import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, usesSandbox } from "@/lib/config/load-config";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-config-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const service = (slug: string, extra = "") => `
services:
  - slug: ${slug}
    name: 서비스
    nameEn: Service
    operator: 운영사
    operatorEn: Operator
    functions:
      - { key: topup, name: 충전, nameEn: Top-up }
    probes:
      - function: topup
        interval: 30s
        request: { url: "\${SANDBOX_URL}/api/v1/health" }
${extra}`;

function issuesOf(dir: string, vars: Record<string, string> = { SANDBOX_URL: "http://127.0.0.1:1" }) {
  try {
    loadConfig(dir, vars);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => ({ file: path.basename(i.file), line: i.line, path: i.path, message: i.message }));
    throw err;
  }
  return [];
}

describe("configuration", () => {
  it("the demo configuration is valid and uses the sandbox", () => {
    const c = loadConfig("examples/demo", { SANDBOX_URL: "http://127.0.0.1:4100" });
    expect(c.services.map((s) => s.slug)).toEqual(["dongbaekjeon"]);
    expect(c.services[0]!.probes.map((p) => [p.functionKey, p.kind, p.intervalMs, p.confirm])).toEqual([
      ["signup", "flow", 10_000, 3],
      ["topup", "flow", 10_000, 3],
      ["payment", "flow", 10_000, 3],
      ["balance", "http", 10_000, 3],
      ["app", "browser", 120_000, 3],
    ]);
    expect(usesSandbox("examples/demo")).toBe(true);
  });

  it("applies defaults: key, location, timeout, confirm", () => {
    const c = loadConfig(folder({ "a.yaml": service("busan") }), { SANDBOX_URL: "http://h" });
    expect(c.services[0]!.probes[0]).toMatchObject({ key: "busan-topup-local", location: "local", intervalMs: 30_000, timeoutMs: 10_000, confirm: 3 });
  });

  const bad: { name: string; text: string; issue: { path: string; message: RegExp; line?: number } }[] = [
    { name: "a bad slug", text: service("Not A Slug"), issue: { path: "services[0].slug", message: /lower-case/, line: 3 } },
    { name: "an unknown field", text: service("a", "    colour: red"), issue: { path: "services[0]", message: /colour/ } },
    {
      name: "a bad duration",
      text: service("a").replace("30s", "30 parsecs"),
      issue: { path: "services[0].probes[0].interval", message: /not a duration/, line: 12 },
    },
    { name: "an interval below one second", text: service("a").replace("30s", "500ms"), issue: { path: "services[0].probes[0].interval", message: /between/ } },
    {
      name: "a timeout longer than the interval",
      text: service("a").replace("interval: 30s", "interval: 30s\n        timeout: 60s"),
      issue: { path: "services[0].probes[0].timeout", message: /must not exceed/ },
    },
    {
      name: "a probe for a function the service does not have",
      text: service("a").replace("function: topup", "function: payment"),
      issue: { path: "services[0].probes[0].function", message: /not among/ },
    },
    {
      name: "a JSONPath with a wildcard",
      text: service("a", "        expect: { json: [{ path: '$.items[*]', exists: true }] }"),
      issue: { path: "services[0].probes[0].expect.json[0].path", message: /JSONPath/ },
    },
    {
      name: "an assertion with two tests",
      text: service("a", "        expect: { json: [{ path: '$.a', exists: true, equals: 1 }] }"),
      issue: { path: "services[0].probes[0].expect.json[0]", message: /exactly one/ },
    },
    { name: "broken YAML", text: "services: [\n  - slug: a\n", issue: { path: "", message: /./ } },
    {
      name: "a contract ending before it starts",
      text: service("a", `    contract: { key: c, title: t, operator: o, amountKrw: 1000, term: { start: "2025-01-01", end: "2024-01-01" } }`),
      issue: { path: "services[0].contract.term", message: /before/ },
    },
    {
      name: "a money amount with a fraction",
      text: service("a", `    contract: { key: c, title: t, operator: o, amountKrw: 1000.5, term: { start: "2024-01-01", end: "2025-01-01" } }`),
      issue: { path: "services[0].contract.amountKrw", message: /whole won/ },
    },
  ];
  for (const b of bad) {
    it(`rejects ${b.name}, naming file, path and reason`, () => {
      const issues = issuesOf(folder({ "svc.yaml": b.text }));
      const match = issues.find((i) => i.path === b.issue.path && b.issue.message.test(i.message));
      expect(match, JSON.stringify(issues)).toBeDefined();
      expect(match!.file).toBe("svc.yaml");
      if (b.issue.line) expect(match!.line).toBe(b.issue.line);
    });
  }

  const KEY = "MCowBQYDK2VwAyEA0D1TmTDBrL7LjnXbXTWXaIRx+GqNRD5jgmZHYq5AzBs=";
  const locations = (extra = "") => `
locations:
  - key: seoul
    name: 서울
    nameEn: Seoul
${extra}  - key: busan
    name: 부산
    nameEn: Busan
`;
  const twoLocations = (quorum: number) =>
    service("a", `    quorum: ${quorum}`).replace(
      "      - function: topup\n        interval: 30s",
      '      - function: topup\n        location: seoul\n        interval: 30s\n        request: { url: "http://a" }\n      - function: topup\n        location: busan\n        interval: 30s',
    );

  it("several locations probe a function, combined by the quorum; agents and control targets are read", () => {
    const c = loadConfig(
      folder({
        "a.yaml": `${locations('    control: { tcp: "1.1.1.1:53", timeout: 2s }\n')}agents:\n  - { key: busan-1, location: busan, publicKey: "${KEY}" }\n${twoLocations(2)}`,
      }),
      { SANDBOX_URL: "http://h" },
    );
    expect(c.services[0]!.probes.map((p) => p.key)).toEqual(["a-topup-seoul", "a-topup-busan"]);
    expect(c.services[0]!.quorum).toBe(2);
    expect(c.locations[0]!.control).toEqual({ tcp: "1.1.1.1:53", timeoutMs: 2000 });
    expect(c.agents).toEqual([{ key: "busan-1", location: "busan", publicKey: KEY, maxClockSkewMs: 30_000 }]);
  });

  const badAgents: { name: string; text: string; issue: { path: string; message: RegExp } }[] = [
    {
      name: "a quorum above the locations probing a function",
      text: `${locations()}${twoLocations(3)}`,
      issue: { path: "services[0].quorum", message: /quorum 3 is more than the 2 location\(s\) probing function "topup"/ },
    },
    {
      name: "the same location probing a function twice",
      text: `${locations()}${twoLocations(1).replace("location: busan", "location: seoul")}`,
      issue: { path: "services[0].probes[1]", message: /already has a probe at location "seoul"/ },
    },
    {
      name: "a control target with both url and tcp",
      text: `${locations('    control: { url: "http://a", tcp: "a:1" }\n')}${service("a")}`,
      issue: { path: "locations[0].control", message: /exactly one of url, tcp/ },
    },
    {
      name: "a control address without a port",
      text: `${locations('    control: { tcp: "1.1.1.1" }\n')}${service("a")}`,
      issue: { path: "locations[0].control.tcp", message: /TCP address/ },
    },
    {
      name: "an agent key that is not an Ed25519 public key",
      text: `${locations()}agents:\n  - { key: x, location: busan, publicKey: "c3NoLXJzYSBBQUFB" }\n${service("a")}`,
      issue: { path: "agents[0].publicKey", message: /agent-keygen/ },
    },
    {
      name: "an agent at a location not defined",
      text: `${locations()}agents:\n  - { key: x, location: jeju, publicKey: "${KEY}" }\n${service("a")}`,
      issue: { path: "agents[0].location", message: /location "jeju" is not defined/ },
    },
    {
      name: "two agents with one key",
      text: `${locations()}agents:\n  - { key: x, location: busan, publicKey: "${KEY}" }\n  - { key: y, location: seoul, publicKey: "${KEY}" }\n${service("a")}`,
      issue: { path: "agents[1].publicKey", message: /agent "x" already uses this key/ },
    },
    {
      name: "two agents at one location",
      text: `${locations()}agents:\n  - { key: x, location: busan, publicKey: "${KEY}" }\n  - { key: y, location: busan, publicKey: "${KEY.replace("0D1T", "0D1U")}" }\n${service("a")}`,
      issue: { path: "agents[1].location", message: /already runs location "busan"; one agent per location/ },
    },
  ];
  for (const b of badAgents) {
    it(`rejects ${b.name}`, () => {
      const issues = issuesOf(folder({ "svc.yaml": b.text }));
      expect(
        issues.find((i) => i.path === b.issue.path && b.issue.message.test(i.message)),
        JSON.stringify(issues),
      ).toBeDefined();
    });
  }

  it("an unknown variable is an error, not an empty string", () => {
    expect(issuesOf(folder({ "a.yaml": service("a") }), {})).toEqual([
      expect.objectContaining({ path: "services[0].probes[0].request.url", message: expect.stringMatching(/unknown variable \$\{SANDBOX_URL\}/) }),
    ]);
  });

  it("a service defined in two files names both", () => {
    const issues = issuesOf(folder({ "a.yaml": service("same"), "b.yaml": service("same") }));
    expect(issues).toEqual([expect.objectContaining({ file: "b.yaml", path: "services[0].slug", message: expect.stringContaining("a.yaml") })]);
  });

  it("one bad file stops everything: nothing is returned", () => {
    expect(() => loadConfig(folder({ "a.yaml": service("good"), "b.yaml": service("BAD") }), { SANDBOX_URL: "http://h" })).toThrow(ConfigError);
  });

  it("a missing path is a clear error", () => {
    expect(() => loadConfig("/nonexistent/ledger")).toThrow(/no such file or folder/);
  });
});
