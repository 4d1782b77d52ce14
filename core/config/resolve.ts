import type { ConfigFile, FunctionKey } from "./schema";
import type { ContractConfig } from "./contract-schema";
import { DEFAULT_EVIDENCE, type EvidenceSettings, type ProbeDefinition } from "./probe-definition";
import { resolveProbe } from "./resolve-probe";
import type { WatchPlan } from "../changeover/watch-plan";
import type { AlertChannel, SmtpConfig } from "./alerts-schema";
import { MEASURED, type Provenance, type ResultsProvenance } from "../provenance";

type ServiceFile = ConfigFile["services"][number];
export type MaintenanceConfig = ServiceFile["maintenance"][number];
export type ForceMajeureConfig = ServiceFile["forceMajeure"][number];
export type ReportedIncidentConfig = ServiceFile["incidents"][number];

/** The configuration after validation and defaults: what every other part reads. */
export type {
  BrowserProbe,
  BrowserStep,
  DnsProbe,
  EvidenceSettings,
  FlowProbe,
  FlowStep,
  HttpProbe,
  ProbeDefinition,
  TcpProbe,
  TlsProbe,
} from "./probe-definition";

export type ServiceFunction = { key: FunctionKey; name: string; nameEn: string; critical: boolean; sortOrder: number };

export type ServiceConfig = {
  slug: string;
  name: string;
  nameEn: string;
  operator: string;
  operatorEn: string;
  description: string;
  homepage: string | null;
  functions: ServiceFunction[];
  probes: ProbeDefinition[];
  quorum: number;
  contract: ContractConfig | null;
  maintenance: MaintenanceConfig[];
  forceMajeure: ForceMajeureConfig[];
  incidents: ReportedIncidentConfig[];
  /** where the results come from: MEASURED unless the configuration says otherwise */
  provenance: ResultsProvenance;
  changeover: ChangeoverConfig | null;
  /** when the service's probes run at a shorter interval; null without `watch` */
  watch: WatchPlan | null;
  peakWarnings: ServiceFile["peakWarnings"];
  /** citizens' reports (docs/configuration.md, "Citizen reports") */
  citizenReports: CitizenReportsConfig;
};

export type District = { key: string; name: string; nameEn: string };
export type CitizenReportsConfig = { enabled: boolean; districts: District[] };

/** A handover to a new operator, resolved: instants as ISO strings, readiness probes with defaults. */
export type ChangeoverConfig = {
  oldOperator: string;
  oldOperatorEn: string;
  newOperator: string;
  newOperatorEn: string;
  cutover: { start: string; end: string };
  goLiveDeadline: string;
  /** from the contract's goLive.actualStart, when known */
  actualStart: string | null;
  readinessDeadline: string;
  readinessProbes: ProbeDefinition[];
  note: string | null;
  noteEn: string | null;
};

export type RetentionConfig = { rawResultsDays: number; evidenceYearsAfterTerm: number };
export type ControlTarget = { url: string; tcp?: undefined; timeoutMs: number } | { url?: undefined; tcp: string; timeoutMs: number };
export type LocationConfig = { key: string; name: string; nameEn: string; control: ControlTarget | null };
export type AgentConfig = { key: string; location: string; publicKey: string; maxClockSkewMs: number };
/** Who is alerted, in which order: levels of channel keys, escalated while nobody acknowledges. */
export type AlertPolicy = {
  key: string;
  /** service slugs, or null for every service */
  services: string[] | null;
  outage: boolean;
  errorBudget: boolean;
  peakWarning: boolean;
  citizenSurge: boolean;
  levels: string[][];
  repeatEveryMs: number;
  maxRepeats: number;
  objective: string | null;
};

export type AlertsConfig = {
  smtp: SmtpConfig | null;
  channels: AlertChannel[];
  policies: AlertPolicy[];
  /** the admins' channels for alerts about the instance itself (empty: none are sent) */
  instanceChannels: string[];
};

export type LedgerConfig = {
  locations: LocationConfig[];
  agents: AgentConfig[];
  services: ServiceConfig[];
  sandboxScenario: string | null;
  retention: RetentionConfig;
  evidence: EvidenceSettings;
  alerts: AlertsConfig;
};

/**
 * 90 days of raw results: a closed month plus its report's 31-day look-back, with
 * room to spare. 5 years of evidence after the term: the limitation period of a
 * local government's money claims (지방재정법 §82), so evidence outlives any claim.
 */
export const DEFAULT_RETENTION: RetentionConfig = { rawResultsDays: 90, evidenceYearsAfterTerm: 5 };

export type ConfigIssue = { file: string; path: string; message: string; line?: number };

export const DEFAULT_LOCATION: LocationConfig = { key: "local", name: "로컬", nameEn: "Local", control: null };

/**
 * Merges validated files into one configuration, applies defaults and checks
 * what a single file cannot: unique keys and references between parts.
 */
export function resolveConfig(files: { file: string; data: ConfigFile }[]): { config: LedgerConfig; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const locations: LedgerConfig["locations"] = [];
  const agents: AgentConfig[] = [];
  const agentFile = new Map<string, string>();
  const services: ServiceConfig[] = [];
  let sandboxScenario: string | null = null;
  const retention: RetentionConfig = { ...DEFAULT_RETENTION };
  let retentionFile: string | null = null;
  let evidence: EvidenceSettings = DEFAULT_EVIDENCE;
  const serviceFile = new Map<string, string>();
  const probeKeys = new Map<string, string>();

  for (const { file, data } of files) {
    for (const [i, loc] of data.locations.entries()) {
      if (locations.some((l) => l.key === loc.key)) issues.push({ file, path: `locations[${i}].key`, message: `location "${loc.key}" is defined twice` });
      else {
        const c = loc.control;
        locations.push({
          key: loc.key,
          name: loc.name,
          nameEn: loc.nameEn,
          control: c ? (c.url !== undefined ? { url: c.url, timeoutMs: c.timeout } : { tcp: c.tcp!, timeoutMs: c.timeout }) : null,
        });
      }
    }
    if (data.sandbox?.scenario) sandboxScenario = data.sandbox.scenario;
    if (data.retention) {
      if (retentionFile) issues.push({ file, path: "retention", message: `retention is already set in ${retentionFile}; set it in one file only` });
      retentionFile = file;
      if (data.retention.rawResults !== undefined) retention.rawResultsDays = data.retention.rawResults / 86_400_000;
      if (data.retention.evidenceYearsAfterTerm !== undefined) retention.evidenceYearsAfterTerm = data.retention.evidenceYearsAfterTerm;
    }
    if (data.evidence) {
      if (evidence !== DEFAULT_EVIDENCE) issues.push({ file, path: "evidence", message: "evidence settings are given in more than one file" });
      else evidence = data.evidence;
    }
  }
  if (locations.length === 0) locations.push(DEFAULT_LOCATION);

  for (const { file, data } of files) {
    for (const [i, a] of data.agents.entries()) {
      const at = `agents[${i}]`;
      if (agentFile.has(a.key)) issues.push({ file, path: `${at}.key`, message: `agent "${a.key}" is already defined in ${agentFile.get(a.key)}` });
      else if (!locations.some((l) => l.key === a.location))
        issues.push({ file, path: `${at}.location`, message: `location "${a.location}" is not defined under locations` });
      else if (agents.some((b) => b.location === a.location))
        issues.push({
          file,
          path: `${at}.location`,
          message: `agent "${agents.find((b) => b.location === a.location)!.key}" already runs location "${a.location}"; one agent per location (two would probe the same probes twice)`,
        });
      else if (agents.some((b) => b.publicKey === a.publicKey))
        issues.push({
          file,
          path: `${at}.publicKey`,
          message: `agent "${agents.find((b) => b.publicKey === a.publicKey)!.key}" already uses this key; give each agent its own (npx ledger agent-keygen)`,
        });
      else {
        agentFile.set(a.key, file);
        agents.push({ key: a.key, location: a.location, publicKey: a.publicKey, maxClockSkewMs: a.maxClockSkew });
      }
    }
  }

  for (const { file, data } of files) {
    const defaults = data.defaults?.probe;
    for (const [si, svc] of data.services.entries()) {
      const at = `services[${si}]`;
      const previous = serviceFile.get(svc.slug);
      if (previous) {
        issues.push({ file, path: `${at}.slug`, message: `service "${svc.slug}" is already defined in ${previous}` });
        continue;
      }
      serviceFile.set(svc.slug, file);

      const functions: ServiceFunction[] = [];
      for (const [fi, fn] of svc.functions.entries()) {
        if (functions.some((f) => f.key === fn.key)) issues.push({ file, path: `${at}.functions[${fi}].key`, message: `function "${fn.key}" is listed twice` });
        else functions.push({ ...fn, sortOrder: fi });
      }

      const probes: ProbeDefinition[] = [];
      const seenFunction = new Set<string>();
      for (const [pi, p] of svc.probes.entries()) {
        const pat = `${at}.probes[${pi}]`;
        if (!functions.some((f) => f.key === p.function)) {
          issues.push({
            file,
            path: `${pat}.function`,
            message: `function "${p.function}" is not among this service's functions (${functions.map((f) => f.key).join(", ")})`,
          });
          continue;
        }
        const location = p.location ?? defaults?.location ?? locations[0]!.key;
        if (!locations.some((l) => l.key === location)) {
          issues.push({ file, path: `${pat}.location`, message: `location "${location}" is not defined under locations` });
          continue;
        }
        const intervalMs = p.interval ?? defaults?.interval ?? 60_000;
        const timeoutMs = p.timeout ?? defaults?.timeout ?? Math.min(10_000, intervalMs);
        if (intervalMs % 1000 !== 0) issues.push({ file, path: `${pat}.interval`, message: "interval must be a whole number of seconds" });
        if (timeoutMs > intervalMs)
          issues.push({ file, path: `${pat}.timeout`, message: `timeout (${timeoutMs} ms) must not exceed the interval (${intervalMs} ms)` });
        // Several locations may probe a function (the quorum rule combines them), each once.
        if (seenFunction.has(`${p.function}@${location}`)) {
          issues.push({
            file,
            path: pat,
            message: `function "${p.function}" already has a probe at location "${location}"; probe it from another location, or once`,
          });
          continue;
        }
        seenFunction.add(`${p.function}@${location}`);
        const key = p.key ?? `${svc.slug}-${p.function}-${location}`;
        const other = probeKeys.get(key);
        if (other) {
          issues.push({ file, path: `${pat}.key`, message: `probe key "${key}" is already used by ${other}` });
          continue;
        }
        probeKeys.set(key, `${file} ${pat}`);
        const base = { key, serviceSlug: svc.slug, functionKey: p.function, location, intervalMs, timeoutMs, confirm: p.confirm ?? defaults?.confirm ?? 3 };
        const resolved = resolveProbe(p, base, defaults, { file, path: pat });
        issues.push(...resolved.issues);
        if (resolved.probe) probes.push(resolved.probe);
      }

      // A quorum larger than the locations probing a function could never call it down.
      for (const f of functions) {
        const n = probes.filter((p) => p.functionKey === f.key).length;
        if (n > 0 && svc.quorum > n)
          issues.push({
            file,
            path: `${at}.quorum`,
            message: `quorum ${svc.quorum} is more than the ${n} location(s) probing function "${f.key}": it could never be counted down`,
          });
      }

      // References from contract rules and incidents to this service's functions.
      const fnKeys = new Set(functions.map((f) => f.key as string));
      const checkFns = (list: string[] | undefined, path: string) => {
        for (const [i, k] of (list ?? []).entries())
          if (!fnKeys.has(k))
            issues.push({ file, path: `${path}[${i}]`, message: `function "${k}" is not among this service's functions (${[...fnKeys].join(", ")})` });
      };
      svc.contract?.rulesets.forEach((rs, ri) =>
        rs.rules.forEach((rule, i) => {
          const rpath = `${at}.contract.rulesets[${ri}].rules[${i}]`;
          if ("functions" in rule) checkFns(rule.functions, `${rpath}.functions`);
          if (rule.kind === "performance_pool") rule.indicators.forEach((ind, ii) => checkFns(ind.functions, `${rpath}.indicators[${ii}].functions`));
        }),
      );
      svc.contract?.proposed?.rules.forEach((rule, i) => {
        if ("functions" in rule) checkFns(rule.functions, `${at}.contract.proposed.rules[${i}].functions`);
      });
      svc.incidents.forEach((inc, i) => checkFns(inc.functions, `${at}.incidents[${i}].functions`));

      const changeover = svc.changeover ? resolveChangeover(svc, functions, locations, defaults, probeKeys, { file, path: `${at}.changeover` }, issues) : null;
      services.push({
        slug: svc.slug,
        name: svc.name,
        nameEn: svc.nameEn,
        operator: svc.operator,
        operatorEn: svc.operatorEn,
        description: svc.description,
        homepage: svc.homepage ?? null,
        functions,
        probes,
        quorum: svc.quorum,
        contract: svc.contract ?? null,
        maintenance: svc.maintenance,
        forceMajeure: svc.forceMajeure,
        incidents: svc.incidents,
        provenance: svc.provenance ? { provenance: svc.provenance.kind.toUpperCase() as Provenance, provenanceSources: svc.provenance.sources } : MEASURED,
        changeover,
        peakWarnings: svc.peakWarnings,
        citizenReports: { enabled: svc.citizenReports?.enabled ?? true, districts: svc.citizenReports?.districts ?? [] },
        watch: svc.watch ? resolveWatch(svc, changeover, probes, { file, path: `${at}.watch` }, issues) : null,
      });
    }
  }
  const alerts = resolveAlerts(files, new Set(services.map((s) => s.slug)), issues);
  return { config: { locations, agents, services, sandboxScenario, retention, evidence, alerts }, issues };
}

/** Alerts may be split across files; keys are unique and every reference must resolve. */
function resolveAlerts(files: { file: string; data: ConfigFile }[], slugs: Set<string>, issues: ConfigIssue[]): AlertsConfig {
  let smtp: SmtpConfig | null = null;
  let smtpFile = "";
  const channels: AlertChannel[] = [];
  const channelFile = new Map<string, string>();
  const policies: AlertPolicy[] = [];
  const policyFile = new Map<string, string>();
  for (const { file, data } of files) {
    const a = data.alerts;
    if (!a) continue;
    if (a.smtp) {
      if (smtp) issues.push({ file, path: "alerts.smtp", message: `the SMTP server is already defined in ${smtpFile}` });
      else [smtp, smtpFile] = [a.smtp, file];
    }
    for (const [i, c] of a.channels.entries()) {
      const other = channelFile.get(c.key);
      if (other) issues.push({ file, path: `alerts.channels[${i}].key`, message: `channel "${c.key}" is already defined in ${other}` });
      else {
        channelFile.set(c.key, file);
        channels.push(c);
      }
    }
  }
  for (const { file, data } of files) {
    for (const [i, p] of (data.alerts?.policies ?? []).entries()) {
      const at = `alerts.policies[${i}]`;
      const other = policyFile.get(p.key);
      if (other) {
        issues.push({ file, path: `${at}.key`, message: `policy "${p.key}" is already defined in ${other}` });
        continue;
      }
      policyFile.set(p.key, file);
      p.services?.forEach((s, si) => {
        if (!slugs.has(s)) issues.push({ file, path: `${at}.services[${si}]`, message: `no service "${s}" (known: ${[...slugs].join(", ") || "none"})` });
      });
      const seen = new Set<string>();
      p.escalation.forEach((level, li) =>
        level.channels.forEach((c, ci) => {
          const path = `${at}.escalation[${li}].channels[${ci}]`;
          const channel = channels.find((x) => x.key === c);
          if (!channel) issues.push({ file, path, message: `no channel "${c}" (known: ${channels.map((x) => x.key).join(", ") || "none"})` });
          else if (channel.kind === "email" && !smtp) issues.push({ file, path, message: `channel "${c}" sends e-mail, but alerts.smtp is not configured` });
          if (seen.has(c)) issues.push({ file, path, message: `channel "${c}" appears twice in this policy's escalation` });
          seen.add(c);
        }),
      );
      policies.push({
        key: p.key,
        services: p.services ?? null,
        outage: p.events.includes("outage"),
        errorBudget: p.events.includes("error_budget"),
        peakWarning: p.events.includes("peak_warning"),
        citizenSurge: p.events.includes("citizen_surge"),
        levels: p.escalation.map((l) => l.channels),
        repeatEveryMs: p.repeatEvery,
        maxRepeats: p.maxRepeats,
        objective: p.objective ?? null,
      });
    }
  }
  const instanceChannels: string[] = [];
  for (const { file, data } of files) {
    data.alerts?.instance?.channels.forEach((c, ci) => {
      const path = `alerts.instance.channels[${ci}]`;
      const channel = channels.find((x) => x.key === c);
      if (!channel) issues.push({ file, path, message: `no channel "${c}" (known: ${channels.map((x) => x.key).join(", ") || "none"})` });
      else if (channel.kind === "email" && !smtp) issues.push({ file, path, message: `channel "${c}" sends e-mail, but alerts.smtp is not configured` });
      else if (!instanceChannels.includes(c)) instanceChannels.push(c);
    });
  }
  return { smtp, channels, policies, instanceChannels };
}

/**
 * The changeover's deadlines agree with the contract's, and its readiness probes
 * resolve like the service's own (same defaults, unique keys) but are kept apart:
 * they never reach the SLA's results.
 */
function resolveChangeover(
  svc: ServiceFile,
  functions: ServiceFunction[],
  locations: LocationConfig[],
  defaults: NonNullable<ConfigFile["defaults"]>["probe"],
  probeKeys: Map<string, string>,
  at: { file: string; path: string },
  issues: ConfigIssue[],
): ChangeoverConfig | null {
  const c = svc.changeover!;
  const issue = (path: string, message: string) => issues.push({ file: at.file, path: path ? `${at.path}.${path}` : at.path, message });
  const contractDeadline = svc.contract?.goLive?.deadline;
  const goLiveDeadline = c.goLiveDeadline ?? contractDeadline;
  if (!goLiveDeadline) {
    issue("goLiveDeadline", "give the go-live deadline here or as contract.goLive.deadline");
    return null;
  }
  if (c.goLiveDeadline && contractDeadline && Date.parse(c.goLiveDeadline) !== Date.parse(contractDeadline)) {
    issue(
      "goLiveDeadline",
      `differs from contract.goLive.deadline (${contractDeadline}); the contract's deadline decides the delay damages, so give one deadline`,
    );
  }
  if (Date.parse(c.readinessDeadline) > Date.parse(goLiveDeadline)) issue("readinessDeadline", `must not be after the go-live deadline (${goLiveDeadline})`);
  if (Date.parse(c.cutover.start) > Date.parse(goLiveDeadline)) issue("cutover.start", `must not be after the go-live deadline (${goLiveDeadline})`);
  const readinessProbes: ProbeDefinition[] = [];
  for (const [pi, p] of (c.readiness?.probes ?? []).entries()) {
    const pat = `${at.path}.readiness.probes[${pi}]`;
    if (!functions.some((f) => f.key === p.function)) {
      issues.push({
        file: at.file,
        path: `${pat}.function`,
        message: `function "${p.function}" is not among this service's functions (${functions.map((f) => f.key).join(", ")})`,
      });
      continue;
    }
    const location = p.location ?? defaults?.location ?? locations[0]!.key;
    if (!locations.some((l) => l.key === location)) {
      issues.push({ file: at.file, path: `${pat}.location`, message: `location "${location}" is not defined under locations` });
      continue;
    }
    const intervalMs = p.interval ?? defaults?.interval ?? 60_000;
    const timeoutMs = p.timeout ?? defaults?.timeout ?? Math.min(10_000, intervalMs);
    if (intervalMs % 1000 !== 0) issues.push({ file: at.file, path: `${pat}.interval`, message: "interval must be a whole number of seconds" });
    if (timeoutMs > intervalMs)
      issues.push({ file: at.file, path: `${pat}.timeout`, message: `timeout (${timeoutMs} ms) must not exceed the interval (${intervalMs} ms)` });
    const key = p.key ?? `${svc.slug}-readiness-${p.function}-${location}`;
    const other = probeKeys.get(key);
    if (other) {
      issues.push({ file: at.file, path: `${pat}.key`, message: `probe key "${key}" is already used by ${other}` });
      continue;
    }
    probeKeys.set(key, `${at.file} ${pat}`);
    const base = { key, serviceSlug: svc.slug, functionKey: p.function, location, intervalMs, timeoutMs, confirm: p.confirm ?? defaults?.confirm ?? 3 };
    const resolved = resolveProbe(p, base, defaults, { file: at.file, path: pat });
    issues.push(...resolved.issues);
    if (resolved.probe) readinessProbes.push(resolved.probe);
  }
  return {
    oldOperator: c.oldOperator,
    oldOperatorEn: c.oldOperatorEn ?? c.oldOperator,
    newOperator: c.newOperator,
    newOperatorEn: c.newOperatorEn ?? c.newOperator,
    cutover: c.cutover,
    goLiveDeadline,
    actualStart: svc.contract?.goLive?.actualStart ?? null,
    readinessDeadline: c.readinessDeadline,
    readinessProbes,
    note: c.note ?? null,
    noteEn: c.noteEn ?? c.note ?? null,
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** The watch plan: the changeover's window and the peak hours, checked against the probes' timeouts. */
function resolveWatch(
  svc: ServiceFile,
  changeover: ChangeoverConfig | null,
  probes: ProbeDefinition[],
  at: { file: string; path: string },
  issues: ConfigIssue[],
): WatchPlan {
  const w = svc.watch!;
  if (w.interval % 1000 !== 0) issues.push({ file: at.file, path: `${at.path}.interval`, message: "interval must be a whole number of seconds" });
  for (const p of probes) {
    // A run must end before the next one is due, or the next is skipped and leaves a gap.
    if (p.timeoutMs > w.interval)
      issues.push({
        file: at.file,
        path: `${at.path}.interval`,
        message: `shorter than the timeout of probe "${p.key}" (${p.timeoutMs} ms); give that probe a timeout of at most ${w.interval} ms`,
      });
  }
  if (w.afterGoLive !== undefined && !changeover)
    issues.push({ file: at.file, path: `${at.path}.afterGoLive`, message: "needs a changeover (services[].changeover) to start from" });
  const windows =
    changeover && w.afterGoLive !== undefined
      ? [{ start: Date.parse(changeover.cutover.start), end: changeover.actualStart ? Date.parse(changeover.actualStart) + w.afterGoLive : null }]
      : [];
  return {
    intervalMs: w.interval,
    timeZone: svc.contract?.timeZone ?? "Asia/Seoul",
    windows,
    peaks: w.peaks.map((p) => ({ days: p.days, fromMin: minutesOf(p.from), toMin: minutesOf(p.to) })),
  };
}
