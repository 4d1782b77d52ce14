import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config/load-config";

/**
 * A configuration an admin got wrong, or one written to hurt: every problem comes back as a
 * ConfigError naming the file and, where there is one, the line; nothing ends in a stack trace.
 */
function file(name: string, text: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-config-"));
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

function issues(p: string) {
  try {
    loadConfig(p);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error("the configuration was accepted");
}

const service = (extra = "") => `services:
  - slug: s
    name: 서비스
    nameEn: Service
    operator: 운영사
    operatorEn: Operator
${extra}    functions: [{ key: topup, name: 충전, nameEn: Top-up }]
    probes:
      - function: topup
        request: { url: "https://example.org/health" }
`;

describe("a hostile or broken configuration", () => {
  it("a YAML syntax error names its line", () => {
    expect(issues(file("syntax.yaml", "services:\n  - slug: a\n    name: [unclosed\n"))).toEqual([
      expect.objectContaining({ line: 4, message: expect.stringMatching(/Flow sequence/) }),
    ]);
  });

  it("a duplicate key names its line", () => {
    expect(issues(file("dup.yaml", `locations: []\n${service()}locations: []\n`))).toEqual([
      expect.objectContaining({ line: 12, message: "Map keys must be unique" }),
    ]);
  });

  it("an alias bomb is refused, not expanded", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(", ")}]`);
    }
    expect(issues(file("bomb.yaml", levels.join("\n") + "\n"))).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^the YAML cannot be read: Excessive alias count/) }),
    ]);
  });

  it("an alias inside the node it names is a clear error with its line, not a stack overflow", () => {
    expect(issues(file("cycle.yaml", "services: []\nx: &a\n  - *a\n"))).toEqual([
      expect.objectContaining({ path: "x[0]", line: 3, message: expect.stringMatching(/alias refers to a node that contains it/) }),
    ]);
  });

  it("problems of different stages in different files are reported together", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-config-"));
    // a.yaml cannot be read at all; b.yaml is valid alone but its probe names a location nobody defines
    writeFileSync(path.join(dir, "a.yaml"), "alerts:\n  channels: [unclosed\n");
    writeFileSync(path.join(dir, "b.yaml"), service().replace("      - function: topup\n", "      - function: topup\n        location: nowhere\n"));
    const found = issues(dir);
    expect(found).toEqual([
      expect.objectContaining({ file: expect.stringMatching(/a\.yaml$/), message: expect.stringMatching(/Flow sequence/) }),
      expect.objectContaining({
        file: expect.stringMatching(/b\.yaml$/),
        line: 10,
        message: expect.stringMatching(/nowhere.*checked without .*a\.yaml, which has errors above/s),
      }),
    ]);
  });

  it("an empty configuration is a clear error, not a monitor of nothing", () => {
    expect(issues(file("empty.yaml", ""))).toEqual([expect.objectContaining({ path: "services", message: expect.stringMatching(/defines no service/) })]);
  });

  it("a javascript: homepage is refused", () => {
    expect(issues(file("homepage.yaml", service('    homepage: "javascript:alert(1)"\n')))).toEqual([
      expect.objectContaining({ path: "services[0].homepage", message: "an http:// or https:// URL" }),
    ]);
  });

  it("the same service with an https homepage loads", () => {
    expect(loadConfig(file("ok.yaml", service('    homepage: "https://www.example.org/"\n'))).services).toHaveLength(1);
  });
});
