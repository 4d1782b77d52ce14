import type { BrowserStepSpec, DnsRecordType, ExpectSpec, FunctionKey } from "./schema";
import type { RedactionPattern } from "../evidence/redact";

/** Probes after validation and defaults: what the runners read. Every kind shares the base. */
export type ProbeBase = {
  key: string;
  serviceSlug: string;
  functionKey: FunctionKey;
  location: string;
  intervalMs: number;
  /** the deadline of one run (for a flow, of its main steps) */
  timeoutMs: number;
  confirm: number;
};

export type HttpRequestSpec = { method: string; url: string; headers: Record<string, string>; body?: unknown };

export type HttpLimits = {
  maxBodyBytes: number;
  maxRedirects: number;
  ca: string | null;
  /** may connect to loopback, link-local, private and CGNAT addresses of any kind (absent: only the kinds its own URLs name) */
  allowPrivateNetwork?: boolean;
};

export type HttpProbe = ProbeBase &
  HttpLimits & {
    kind: "http";
    request: HttpRequestSpec;
    expect: ExpectSpec;
  };

export type FlowExtractor = { json?: string; header?: string; regex?: string };

export type FlowStep = {
  name: string;
  request: HttpRequestSpec;
  expect: ExpectSpec;
  extract: Record<string, FlowExtractor>;
};

export type FlowProbe = ProbeBase &
  HttpLimits & {
    kind: "flow";
    vars: Record<string, string>;
    steps: FlowStep[];
    cleanup: FlowStep[];
    cleanupTimeoutMs: number;
    maxLatencyMs: number | null;
  };

export type BrowserAction =
  | { action: "goto"; url: string }
  | { action: "click"; selector: string }
  | { action: "fill"; selector: string; value: string }
  | { action: "expectText"; selector: string; text: string }
  | { action: "waitFor"; selector: string; state: "visible" | "attached" | "hidden" | "detached" };

export type BrowserStep = BrowserAction & { name: string; timeoutMs: number | null };

export type BrowserProbe = ProbeBase & {
  kind: "browser";
  steps: BrowserStep[];
  viewport: { width: number; height: number };
  maxLatencyMs: number | null;
};

export type TlsProbe = ProbeBase & {
  kind: "tls";
  host: string;
  port: number;
  servername: string | null;
  warnDays: number;
  ca: string | null;
  maxLatencyMs: number | null;
};

export type DnsProbe = ProbeBase & {
  kind: "dns";
  name: string;
  recordType: DnsRecordType;
  servers: string[] | null;
  expect: { contains: string[]; matches?: string };
  maxLatencyMs: number | null;
};

export type TcpProbe = ProbeBase & { kind: "tcp"; host: string; port: number; maxLatencyMs: number | null };

export type ProbeDefinition = HttpProbe | FlowProbe | BrowserProbe | TlsProbe | DnsProbe | TcpProbe;

/** How evidence is kept for the whole configuration. */
export type EvidenceSettings = { bodyBytes: number; redact: RedactionPattern[]; redactHeaders: string[] };

export const DEFAULT_EVIDENCE: EvidenceSettings = { bodyBytes: 8192, redact: [], redactHeaders: [] };

/** A browser step's name when the configuration gives none: the action and its target. */
export function browserStepName(step: BrowserStepSpec): string {
  const target = step.goto ?? step.click ?? step.fill ?? step.expectText ?? step.waitFor ?? "";
  const action = step.goto ? "goto" : step.click ? "click" : step.fill ? "fill" : step.expectText ? "expectText" : "waitFor";
  return `${action} ${target}`.slice(0, 60);
}
