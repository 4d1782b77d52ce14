import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { configFileSchema, type ConfigFile } from "@/core/config/schema";
import { resolveConfig, type ConfigIssue, type LedgerConfig } from "@/core/config/resolve";

export class ConfigError extends Error {
  constructor(readonly issues: ConfigIssue[]) {
    super(`Invalid configuration:\n${issues.map(formatIssue).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function formatIssue(i: ConfigIssue): string {
  return `  ${i.file}${i.line ? `:${i.line}` : ""}  ${i.path || "(root)"}: ${i.message}`;
}

/** The files a configuration path stands for: one YAML file, or every *.yaml / *.yml in a folder (sorted). */
export function configFiles(configPath: string): string[] {
  let stat;
  try {
    stat = statSync(configPath);
  } catch {
    throw new ConfigError([{ file: configPath, path: "", message: "no such file or folder" }]);
  }
  if (!stat.isDirectory()) return [configPath];
  const files = readdirSync(configPath)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => path.join(configPath, f));
  if (files.length === 0) throw new ConfigError([{ file: configPath, path: "", message: "the folder holds no .yaml or .yml file" }]);
  return files;
}

/**
 * Loads, interpolates and validates the whole configuration. Either every file is
 * valid and the merged configuration is returned, or a ConfigError lists every
 * problem (file, line, path, reason) and nothing is returned.
 */
export function loadConfig(configPath: string, vars: Record<string, string> = {}): LedgerConfig {
  const issues: ConfigIssue[] = [];
  const valid: { file: string; data: ConfigFile }[] = [];
  const lineOf = new Map<string, (p: (string | number)[]) => number | undefined>();

  for (const file of configFiles(configPath)) {
    const rel = path.relative(process.cwd(), file) || file;
    const lineCounter = new LineCounter();
    // prettyErrors gives each syntax error (and each duplicate key) its line
    const doc = parseDocument(readFileSync(file, "utf8"), { lineCounter, prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors)
        issues.push({ file: rel, path: "", line: e.linePos?.[0]?.line, message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "") });
      continue;
    }
    const findLine = (p: (string | number)[]) => {
      for (let n = p.length; n >= 0; n--) {
        const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node && typeof node === "object" && node.range) return lineCounter.linePos(node.range[0]).line;
      }
      return undefined;
    };
    lineOf.set(rel, findLine);

    let raw: unknown;
    try {
      // the YAML library refuses documents whose aliases expand without bound (a "billion laughs")
      raw = doc.toJS({ maxAliasCount: 100 }) ?? {};
    } catch (err) {
      issues.push({ file: rel, path: "", message: `the YAML cannot be read: ${(err as Error).message}` });
      continue;
    }
    // An alias inside the node it names (`a: &x [*x]`) makes a structure that contains itself.
    const cycle = findCycle(raw);
    if (cycle) {
      issues.push({
        file: rel,
        path: formatPath(cycle),
        line: findLine(cycle),
        message: "a YAML alias refers to a node that contains it; the structure would never end",
      });
      continue;
    }
    const before = issues.length;
    const interpolated = interpolate(raw, vars, [], (p, name) =>
      issues.push({ file: rel, path: formatPath(p), line: findLine(p), message: `unknown variable \${${name}}: not set in the environment` }),
    );
    // An unresolved variable would only resurface as a confusing "not a URL": report it alone.
    if (issues.length > before) continue;
    const parsed = configFileSchema.safeParse(interpolated);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.flatMap(unionBranch)) {
        const p = issue.path.filter((s): s is string | number => typeof s !== "symbol");
        issues.push({ file: rel, path: formatPath(p), line: findLine(p), message: issue.message });
      }
      continue;
    }
    valid.push({ file: rel, data: parsed.data });
  }
  if (issues.length > 0) {
    // Every problem at once: the files that are valid on their own are checked against each other too,
    // without the ones set aside (a reference into one of those may only look missing; the message says so).
    const setAside = [...new Set(issues.map((i) => i.file))];
    if (valid.length > 0) {
      let cross: ConfigIssue[] = [];
      try {
        cross = resolveConfig(valid).issues;
      } catch {
        cross = []; // the parts alone cannot be put together; the problems above come first
      }
      for (const i of cross)
        issues.push({
          ...i,
          line: lineOf.get(i.file)?.(parsePath(i.path)),
          message: `${i.message} (checked without ${setAside.join(", ")}, which has errors above)`,
        });
    }
    throw new ConfigError(issues);
  }

  const { config, issues: crossIssues } = resolveConfig(valid);
  if (crossIssues.length > 0) {
    throw new ConfigError(crossIssues.map((i) => ({ ...i, line: lineOf.get(i.file)?.(parsePath(i.path)) })));
  }
  // An empty file is valid YAML; a monitor with nothing to watch is a mistake, not a configuration.
  if (config.services.length === 0) {
    throw new ConfigError([
      { file: valid[0]?.file ?? configPath, path: "services", message: "the configuration defines no service: add at least one under services:" },
    ]);
  }
  return config;
}

/**
 * "Invalid input" for a value that may take several shapes says nothing: when exactly the shape of one
 * alternative was written (its problems all lie inside it, e.g. `amountKrw: "50,000"` in
 * `{ amountKrw } | { percentOfFee }`), that alternative's own messages are reported instead.
 */
function unionBranch(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== "invalid_union") return [issue];
  const inside = issue.errors.filter((errs) => errs.length > 0 && errs.every((e) => e.path.length > 0));
  if (inside.length !== 1) return [issue];
  return inside[0]!.flatMap((e) => unionBranch({ ...e, path: [...issue.path, ...e.path] } as z.core.$ZodIssue));
}

/** True when the configuration uses the sandbox operator (any value mentions ${SANDBOX_URL}). */
export function usesSandbox(configPath: string): boolean {
  return configFiles(configPath).some((f) => readFileSync(f, "utf8").includes("${SANDBOX_URL}"));
}

function interpolate(
  value: unknown,
  vars: Record<string, string>,
  at: (string | number)[],
  onUnknown: (p: (string | number)[], name: string) => void,
): unknown {
  if (typeof value === "string") {
    return value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (whole, name: string) => {
      const v = vars[name];
      if (v === undefined) {
        onUnknown(at, name);
        return whole;
      }
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, vars, [...at, i], onUnknown));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, vars, [...at, k], onUnknown)]));
  }
  return value;
}

/** The path of the first object or array found inside itself, or null. */
function findCycle(value: unknown, ancestors = new Set<object>(), at: (string | number)[] = []): (string | number)[] | null {
  if (!value || typeof value !== "object") return null;
  if (ancestors.has(value)) return at;
  ancestors.add(value);
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) {
    const found = findCycle(v, ancestors, [...at, k]);
    if (found) return found;
  }
  ancestors.delete(value);
  return null;
}

function formatPath(p: (string | number)[]): string {
  return p.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function parsePath(text: string): (string | number)[] {
  return [...text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}
