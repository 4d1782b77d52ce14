import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEFAULT_SCENARIOS_DIR,
  listScenarioFiles,
  loadNamedScenario,
  loadScenarioFile,
  parseScenarioYaml,
  resolveScenarioPath,
  ScenarioFileError,
  ScenarioNotFoundError,
} from "../../sandbox/scenario-loader";

const shipped = await listScenarioFiles(DEFAULT_SCENARIOS_DIR);

describe("shipped scenario files", () => {
  it("include the three documented scenarios", () => {
    expect(shipped.map((f) => path.basename(f))).toEqual(expect.arrayContaining(["demo.yaml", "dongbaekjeon-2022-04.yaml", "first-of-month.yaml"]));
  });

  it.each(shipped)("%s loads, validates and is named after its file", async (file) => {
    const scenario = await loadScenarioFile(file);
    expect(scenario.name).toBe(path.basename(file, ".yaml"));
    expect(scenario.steps.length).toBeGreaterThan(0);
  });
});

const valid = `name: ok-file
description: test
steps:
  - at: 0s
    set:
      topup: { mode: slow, latencyMs: 200 }
`;

function expectFileError(fn: () => unknown, pathAndReason: RegExp) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioFileError);
    const message = (error as Error).message;
    expect(message.startsWith("bad.yaml: ")).toBe(true);
    expect(message).toMatch(pathAndReason);
    return;
  }
  throw new Error("expected a ScenarioFileError");
}

describe("bad scenario files name the file, the path and the reason", () => {
  it("accepts the valid baseline", () => {
    expect(parseScenarioYaml(valid, "bad.yaml").name).toBe("ok-file");
  });

  it.each([
    { name: "a bad duration", text: valid.replace("at: 0s", "at: 10 minutes"), expected: /steps\.0\.at: expected a duration .* got "10 minutes"/ },
    { name: "an unknown function", text: valid.replace("topup:", "topupp:"), expected: /steps\.0\.set: Unrecognized key: "topupp"/ },
    { name: "an unknown mode", text: valid.replace("mode: slow", "mode: sluggish"), expected: /steps\.0\.set\.topup\.mode: mode must be one of/ },
    { name: "a missing latency", text: valid.replace(", latencyMs: 200", ""), expected: /steps\.0\.set\.topup\.latencyMs: / },
    { name: "a missing description", text: valid.replace("description: test\n", ""), expected: /description: / },
    { name: "a negative offset", text: `${valid}  - at: -1s\n`, expected: /steps\.1\.at: expected a duration/ },
    { name: "steps going back in time", text: `${valid}  - at: 1h\n  - at: 30m\n`, expected: /steps\.2\.at: steps must be in time order/ },
    { name: "a loop without a duration", text: `${valid}loop: true\n`, expected: /duration: a looping scenario needs a duration/ },
    { name: "a step after the duration", text: `${valid.replace("at: 0s", "at: 2h")}duration: 1h\n`, expected: /steps\.0\.at: step starts at or after/ },
    { name: "a start that is not an ISO instant", text: `${valid}start: "2022-04-01 00:00"\n`, expected: /start: / },
    { name: "an empty file", text: "", expected: /\(root\): Invalid input: expected object/ },
    { name: "broken YAML", text: "name: [unclosed\n", expected: /line \d+, column \d+: / },
  ])("$name", ({ text, expected }) => {
    expectFileError(() => parseScenarioYaml(text, "bad.yaml"), expected);
  });
});

describe("finding scenario files", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sandbox-scenarios-"));
    await writeFile(path.join(dir, "mine.yaml"), valid.replace("ok-file", "mine"));
    await writeFile(path.join(dir, "broken.yaml"), "name: broken\n");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("resolves a bare name inside the folder and anything else as a path", () => {
    expect(resolveScenarioPath("demo", dir)).toBe(path.join(dir, "demo.yaml"));
    expect(resolveScenarioPath("./x/demo.yaml", dir)).toBe(path.resolve("x/demo.yaml"));
    expect(resolveScenarioPath("other.yml", dir)).toBe(path.resolve("other.yml"));
  });

  it("loads by name, and reports a missing or unsafe name as not found", async () => {
    expect((await loadNamedScenario("mine", dir)).name).toBe("mine");
    await expect(loadNamedScenario("missing", dir)).rejects.toBeInstanceOf(ScenarioNotFoundError);
    await expect(loadNamedScenario("../mine", dir)).rejects.toBeInstanceOf(ScenarioNotFoundError);
  });

  it("names the real file path in validation errors", async () => {
    const file = path.join(dir, "broken.yaml");
    await expect(loadScenarioFile(file)).rejects.toThrow(`${file}: description: `);
  });
});
