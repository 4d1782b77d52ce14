import { BUILTIN_PLACEHOLDERS, placeholderNames } from "../request-template";
import type { BrowserAction, BrowserStep, FlowStep, ProbeBase, ProbeDefinition } from "./probe-definition";
import { browserStepName } from "./probe-definition";
import type { ConfigIssue } from "./resolve";
import type { ConfigFile } from "./schema";

type ProbeFile = ConfigFile["services"][number]["probes"][number];
type Defaults = NonNullable<NonNullable<ConfigFile["defaults"]>["probe"]>;

const DEFAULT_CLEANUP_TIMEOUT_MS = 5_000;
const DEFAULT_VIEWPORT = { width: 390, height: 844 };

/**
 * One probe from the file, with defaults applied, as the runners read it; or
 * the issues that stop it. Checks what the schema cannot: deadlines against the
 * interval, and that every flow placeholder names a variable set before it.
 */
export function resolveProbe(
  p: ProbeFile,
  base: ProbeBase,
  defaults: Defaults | undefined,
  at: { file: string; path: string },
): { probe: ProbeDefinition | null; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ file: at.file, path: path ? `${at.path}.${path}` : at.path, message });
  const httpLimits = (h: { maxBodyBytes?: number; maxRedirects?: number; ca?: string; allowPrivateNetwork?: boolean }) => ({
    maxBodyBytes: h.maxBodyBytes ?? defaults?.maxBodyBytes ?? 65_536,
    maxRedirects: h.maxRedirects ?? defaults?.maxRedirects ?? 5,
    ca: h.ca ?? null,
    allowPrivateNetwork: h.allowPrivateNetwork ?? defaults?.allowPrivateNetwork ?? false,
  });
  const builtins = new Set<string>(BUILTIN_PLACEHOLDERS);
  const onlyBuiltins = (value: unknown, path: string) => {
    for (const name of placeholderNames(value)) if (!builtins.has(name)) issue(path, `{{${name}}} is not available here (only {{uuid}} and {{now}})`);
  };

  switch (p.kind) {
    case undefined:
    case "http": {
      onlyBuiltins(p.request, "request");
      return done({ ...base, kind: "http", ...httpLimits(p), request: p.request, expect: p.expect });
    }
    case "flow": {
      const cleanupTimeoutMs = p.cleanupTimeout ?? DEFAULT_CLEANUP_TIMEOUT_MS;
      if (p.cleanup.length > 0 && base.timeoutMs + cleanupTimeoutMs > base.intervalMs) {
        issue(
          "cleanupTimeout",
          `timeout (${base.timeoutMs} ms) plus cleanupTimeout (${cleanupTimeoutMs} ms) must not exceed the interval (${base.intervalMs} ms)`,
        );
      }
      for (const [name, value] of Object.entries(p.vars)) onlyBuiltins(value, `vars.${name}`);
      const names = new Set<string>();
      const known = new Set<string>([...builtins, ...Object.keys(p.vars)]);
      const checkStep = (s: FlowStep, path: string, available: Set<string>) => {
        if (names.has(s.name)) issue(`${path}.name`, `step name "${s.name}" is used twice in this flow`);
        names.add(s.name);
        for (const [part, value] of [
          ["request", s.request],
          ["expect", s.expect],
        ] as const) {
          for (const name of placeholderNames(value)) {
            if (!available.has(name)) {
              issue(`${path}.${part}`, `{{${name}}} is not set before this step (set by vars or by an earlier step's extract)`);
            }
          }
        }
      };
      p.steps.forEach((s, i) => {
        checkStep(s, `steps[${i}]`, known);
        for (const v of Object.keys(s.extract)) known.add(v);
      });
      // Cleanup may use any variable; at run time a step whose variable never got a value is skipped.
      p.cleanup.forEach((s, i) => checkStep(s, `cleanup[${i}]`, new Set([...known, ...p.cleanup.slice(0, i).flatMap((c) => Object.keys(c.extract))])));
      return done({
        ...base,
        kind: "flow",
        ...httpLimits(p),
        vars: p.vars,
        steps: p.steps,
        cleanup: p.cleanup,
        cleanupTimeoutMs,
        maxLatencyMs: p.maxLatency ?? null,
      });
    }
    case "browser": {
      const steps: BrowserStep[] = [];
      const seen = new Set<string>();
      p.steps.forEach((s, i) => {
        onlyBuiltins(s, `steps[${i}]`);
        const name = s.name ?? browserStepName(s);
        if (seen.has(name)) issue(`steps[${i}].name`, `step name "${name}" is used twice in this journey (give each a name)`);
        seen.add(name);
        let action: BrowserAction;
        if (s.goto !== undefined) action = { action: "goto", url: s.goto };
        else if (s.click !== undefined) action = { action: "click", selector: s.click };
        else if (s.fill !== undefined) action = { action: "fill", selector: s.fill, value: s.value ?? "" };
        else if (s.expectText !== undefined) action = { action: "expectText", selector: s.expectText, text: s.text ?? "" };
        else action = { action: "waitFor", selector: s.waitFor ?? "", state: s.state ?? "visible" };
        steps.push({ name, timeoutMs: s.timeout ?? null, ...action });
      });
      if (steps[0]?.action !== "goto") issue("steps[0]", "a browser journey starts with goto");
      return done({ ...base, kind: "browser", steps, viewport: p.viewport ?? DEFAULT_VIEWPORT, maxLatencyMs: p.maxLatency ?? null });
    }
    case "tls":
      return done({
        ...base,
        kind: "tls",
        host: p.host,
        port: p.port,
        servername: p.servername ?? null,
        warnDays: p.warnDays,
        ca: p.ca ?? null,
        maxLatencyMs: p.maxLatency ?? null,
      });
    case "dns":
      return done({
        ...base,
        kind: "dns",
        name: p.name,
        recordType: p.recordType,
        servers: p.servers ?? null,
        expect: p.expect,
        maxLatencyMs: p.maxLatency ?? null,
      });
    case "tcp":
      return done({ ...base, kind: "tcp", host: p.host, port: p.port, maxLatencyMs: p.maxLatency ?? null });
  }

  function done(probe: ProbeDefinition) {
    return { probe: issues.length === 0 ? probe : null, issues };
  }
}
