import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { YAMLParseError, parse } from "yaml";
import { parseScenario, type Scenario } from "./scenario-schema";

export const DEFAULT_SCENARIOS_DIR = fileURLToPath(new URL("./scenarios/", import.meta.url));

const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** A scenario that could not be read; the message names the file, the path inside it and the reason. */
export class ScenarioFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(problems.map((p) => `${file}: ${p.path}: ${p.message}`).join("\n"));
    this.name = "ScenarioFileError";
  }
}

export class ScenarioNotFoundError extends Error {
  constructor(readonly nameOrPath: string) {
    super(`scenario not found: ${nameOrPath}`);
    this.name = "ScenarioNotFoundError";
  }
}

/** Text in, scenario out; `file` is only used in error messages. */
export function parseScenarioYaml(text: string, file: string): Scenario {
  let data: unknown;
  try {
    data = parse(text, { prettyErrors: true });
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const where = error.linePos ? `line ${error.linePos[0].line}, column ${error.linePos[0].col}` : "(yaml)";
      throw new ScenarioFileError(file, [{ path: where, message: error.message.split("\n")[0] ?? error.message }]);
    }
    throw error;
  }
  const result = parseScenario(data);
  if (!result.ok) throw new ScenarioFileError(file, result.issues);
  return result.scenario;
}

export async function loadScenarioFile(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ScenarioNotFoundError(file);
    throw error;
  }
  return parseScenarioYaml(text, file);
}

/**
 * A bare name ("demo") is looked up in the scenarios folder; anything with a slash or a
 * .yaml/.yml ending is a path. Bare names are restricted so an admin call cannot walk the file system.
 */
export function resolveScenarioPath(nameOrPath: string, dir: string = DEFAULT_SCENARIOS_DIR): string {
  if (nameOrPath.includes("/") || nameOrPath.includes("\\") || /\.ya?ml$/.test(nameOrPath)) return path.resolve(nameOrPath);
  if (!SCENARIO_NAME.test(nameOrPath)) throw new ScenarioNotFoundError(nameOrPath);
  return path.join(dir, `${nameOrPath}.yaml`);
}

/** Only bare names are accepted here: this is the entry point for the admin API. */
export async function loadNamedScenario(name: string, dir: string = DEFAULT_SCENARIOS_DIR): Promise<Scenario> {
  if (!SCENARIO_NAME.test(name)) throw new ScenarioNotFoundError(name);
  return loadScenarioFile(path.join(dir, `${name}.yaml`));
}

export async function listScenarioFiles(dir: string = DEFAULT_SCENARIOS_DIR): Promise<string[]> {
  const entries = await readdir(dir);
  return entries
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => path.join(dir, f));
}
