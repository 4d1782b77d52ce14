import { z } from "zod";
import { DURATION_HINT, parseDuration } from "../duration";
import { durationText } from "./field-hints";
import { parseJsonPath } from "../json-path";

/**
 * Probes as data: one schema per kind (http, flow, browser, tls, dns, tcp),
 * told apart by `kind` (default http). `resolveConfig` fills in defaults and
 * checks what one probe alone cannot (flow variables, deadlines against intervals).
 */

export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and '-' only");

export const duration = (opts: { minMs: number; maxMs: number }) =>
  durationText().transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) {
      ctx.addIssue({ code: "custom", message: `not a duration: "${text}" (${DURATION_HINT})` });
      return z.NEVER;
    }
    if (ms < opts.minMs || ms > opts.maxMs) {
      ctx.addIssue({ code: "custom", message: `must be between ${opts.minMs / 1000}s and ${opts.maxMs / 1000}s` });
      return z.NEVER;
    }
    return ms;
  });

export const FUNCTION_KEYS = ["signup", "identity", "login", "balance", "topup", "payment", "refund", "cancel", "app"] as const;
export const PROBE_KINDS = ["http", "flow", "browser", "tls", "dns", "tcp"] as const;
export type ProbeKind = (typeof PROBE_KINDS)[number];

const regex = z.string().refine((r) => {
  try {
    new RegExp(r);
    return true;
  } catch {
    return false;
  }
}, "not a valid regular expression");

const jsonPath = z.string().refine((p) => parseJsonPath(p) !== null, "JSONPath must look like $.a.b[0] (no wildcards or filters)");

/** A number, or in a flow a placeholder that yields one, e.g. "{{before + 1000}}". */
const numberOrPlaceholder = z.union([z.number(), z.string().regex(/^\{\{[^{}]+\}\}$/, 'a number or a placeholder such as "{{before + 1000}}"')]);

const jsonAssertion = z
  .object({
    path: jsonPath,
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
    exists: z.boolean().optional(),
    matches: regex.optional(),
    /** inclusive bounds for a number */
    min: numberOrPlaceholder.optional(),
    max: numberOrPlaceholder.optional(),
  })
  .strict()
  .refine(
    (a) => {
      const n = [a.equals !== undefined, a.exists !== undefined, a.matches !== undefined, a.min !== undefined || a.max !== undefined].filter(Boolean).length;
      return n === 1;
    },
    { message: "give exactly one of equals, exists, matches, or min/max" },
  );

const headerAssertion = z
  .object({
    name: z.string().min(1),
    equals: z.string().optional(),
    exists: z.boolean().optional(),
    matches: regex.optional(),
  })
  .strict()
  .refine((a) => [a.equals !== undefined, a.exists !== undefined, a.matches !== undefined].filter(Boolean).length === 1, {
    message: "give exactly one of equals, exists, matches",
  });

const statusSpec = z.union([z.number().int().min(100).max(599), z.string().regex(/^[1-5]xx$/, 'a code like 200 or a class like "2xx"')]);

export const expectSchema = z
  .object({
    status: z.array(statusSpec).min(1).default(["2xx"]),
    json: z.array(jsonAssertion).default([]),
    headers: z.array(headerAssertion).default([]),
    bodyContains: z.array(z.string().min(1)).default([]),
    bodyNotContains: z.array(z.string().min(1)).default([]),
    /** Correct but slower than this → DEGRADED (the contract's latency target). */
    maxLatency: duration({ minMs: 1, maxMs: 600_000 }).optional(),
  })
  .strict();

const EXPECT_DEFAULT = { status: ["2xx"], json: [], headers: [], bodyContains: [], bodyNotContains: [] };

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

const httpRequest = z
  .object({
    method: z.enum(METHODS).default("GET"),
    url: z.url({ protocol: /^https?$/, message: "an http:// or https:// URL" }),
    headers: z.record(z.string(), z.string()).default({}),
    /** A string is sent as is; anything else as JSON. `{{uuid}}` and `{{now}}` are filled in per run. */
    body: z.unknown().optional(),
  })
  .strict();

/** In a flow the URL may carry placeholders anywhere, e.g. …/topups/{{topupId}}/refund. */
const templatedUrl = z.string().refine((u) => {
  try {
    const parsed = new URL(u.replace(/\{\{[^{}]*\}\}/g, "x"));
    return parsed.protocol === "http:" || parsed.protocol === "https:";
  } catch {
    return false;
  }
}, "an http:// or https:// URL ({{placeholders}} allowed)");

const flowRequest = httpRequest.extend({ url: templatedUrl });

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,39}$/;
const variableName = z
  .string()
  .regex(VARIABLE_NAME, "a variable name: a letter or _, then letters, digits or _ (at most 40)")
  .refine((n) => n !== "uuid" && n !== "now", "uuid and now are built-in placeholders");

const extractor = z
  .object({
    /** read from the JSON body */
    json: jsonPath.optional(),
    /** read from a response header */
    header: z.string().min(1).optional(),
    /** keep only the first capture group of this pattern */
    regex: regex.optional(),
  })
  .strict()
  .refine((e) => (e.json === undefined) !== (e.header === undefined), { message: "give exactly one of json, header" })
  .refine((e) => e.regex === undefined || captureGroups(e.regex) > 0, { message: "regex needs a capture group ( … )" });

function captureGroups(source: string): number {
  try {
    return new RegExp(`${source}|`).exec("")!.length - 1;
  } catch {
    return 0;
  }
}

const stepName = z.string().min(1).max(60);

const flowStep = z
  .object({
    name: stepName,
    request: flowRequest,
    expect: expectSchema.default(EXPECT_DEFAULT),
    /** variables for later steps, from this step's answer */
    extract: z.record(z.string(), extractor).default({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const name of Object.keys(s.extract)) {
      const r = variableName.safeParse(name);
      if (!r.success) ctx.addIssue({ code: "custom", path: ["extract", name], message: r.error.issues[0]!.message });
    }
  });

const BROWSER_ACTIONS = ["goto", "click", "fill", "expectText", "waitFor"] as const;

const browserStep = z
  .object({
    name: stepName.optional(),
    /** open a URL; the answer must not be an HTTP error */
    goto: z.url({ protocol: /^https?$/, message: "an http:// or https:// URL" }).optional(),
    /** click the element a selector finds (CSS, or Playwright's text=… / role=…) */
    click: z.string().min(1).optional(),
    /** type `value` into a field */
    fill: z.string().min(1).optional(),
    value: z.string().optional(),
    /** the element must contain `text` */
    expectText: z.string().min(1).optional(),
    text: z.string().min(1).optional(),
    /** wait until the element is in `state` (default visible) */
    waitFor: z.string().min(1).optional(),
    state: z.enum(["visible", "attached", "hidden", "detached"]).optional(),
    /** this step's own time limit within the journey's (e.g. give up on a result after 5 s) */
    timeout: duration({ minMs: 100, maxMs: 120_000 }).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const actions = BROWSER_ACTIONS.filter((a) => s[a] !== undefined);
    if (actions.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `give exactly one action: ${BROWSER_ACTIONS.join(", ")}${actions.length > 1 ? ` (found ${actions.join(", ")})` : ""}`,
      });
      return;
    }
    const action = actions[0]!;
    if (action === "fill" && s.value === undefined) ctx.addIssue({ code: "custom", path: ["value"], message: "fill needs a value" });
    if (action !== "fill" && s.value !== undefined) ctx.addIssue({ code: "custom", path: ["value"], message: "value belongs to fill" });
    if (action === "expectText" && s.text === undefined) ctx.addIssue({ code: "custom", path: ["text"], message: "expectText needs a text" });
    if (action !== "expectText" && s.text !== undefined) ctx.addIssue({ code: "custom", path: ["text"], message: "text belongs to expectText" });
    if (action !== "waitFor" && s.state !== undefined) ctx.addIssue({ code: "custom", path: ["state"], message: "state belongs to waitFor" });
  });

const hostname = z
  .string()
  .regex(/^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?$|^\[?[0-9a-fA-F:.]+\]?$/, "a host name or IP address");
const port = z.number().int().min(1).max(65535);
const pem = z.string().regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, "PEM text with one or more -----BEGIN CERTIFICATE----- blocks");

const common = {
  key: slug.optional(),
  function: z.enum(FUNCTION_KEYS),
  location: slug.optional(),
  interval: duration({ minMs: 1000, maxMs: 3_600_000 }).optional(),
  timeout: duration({ minMs: 100, maxMs: 120_000 }).optional(),
  confirm: z.number().int().min(1).max(100).optional(),
};

const httpLimits = {
  maxBodyBytes: z
    .number()
    .int()
    .min(1024)
    .max(10 * 1024 * 1024)
    .optional(),
  maxRedirects: z.number().int().min(0).max(20).optional(),
  /** extra certificate authorities to trust (PEM), for services behind a private CA */
  ca: pem.optional(),
  /** may connect to loopback, link-local, private and CGNAT addresses, first hop or redirect (default: only the kinds its own URLs name) */
  allowPrivateNetwork: z.boolean().optional(),
};

const httpProbe = z
  .object({
    ...common,
    kind: z.literal("http").optional(),
    request: httpRequest,
    expect: expectSchema.default(EXPECT_DEFAULT),
    ...httpLimits,
  })
  .strict();

const flowProbe = z
  .object({
    ...common,
    kind: z.literal("flow"),
    /** set once per run before the first step, e.g. an idempotency key reused by a retry step */
    vars: z.record(z.string(), z.string()).default({}),
    steps: z.array(flowStep).min(1).max(20),
    /** run after the steps whatever happened (refund, cancel); a step whose variables are missing is skipped */
    cleanup: z.array(flowStep).max(10).default([]),
    /** time allowed for the cleanup steps, on top of `timeout` */
    cleanupTimeout: duration({ minMs: 100, maxMs: 60_000 }).optional(),
    /** the whole flow correct but slower than this → DEGRADED */
    maxLatency: duration({ minMs: 1, maxMs: 600_000 }).optional(),
    ...httpLimits,
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const name of Object.keys(p.vars)) {
      const r = variableName.safeParse(name);
      if (!r.success) ctx.addIssue({ code: "custom", path: ["vars", name], message: r.error.issues[0]!.message });
    }
  });

const browserProbe = z
  .object({
    ...common,
    kind: z.literal("browser"),
    steps: z.array(browserStep).min(1).max(50),
    viewport: z
      .object({ width: z.number().int().min(200).max(3840), height: z.number().int().min(200).max(3840) })
      .strict()
      .optional(),
    maxLatency: duration({ minMs: 1, maxMs: 600_000 }).optional(),
  })
  .strict();

const tlsProbe = z
  .object({
    ...common,
    kind: z.literal("tls"),
    host: hostname,
    port: port.default(443),
    /** the name sent in SNI and checked against the certificate (default: host) */
    servername: hostname.optional(),
    /** fewer days than this before the certificate expires → DEGRADED */
    warnDays: z.number().int().min(1).max(365).default(14),
    ca: pem.optional(),
    maxLatency: duration({ minMs: 1, maxMs: 600_000 }).optional(),
  })
  .strict();

const DNS_RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS"] as const;
const dnsServer = z
  .string()
  .regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\])(:\d{1,5})?$|^[0-9a-fA-F:]+$/, "an IP address, optionally with :port (IPv6 in [brackets] with a port)");

const dnsProbe = z
  .object({
    ...common,
    kind: z.literal("dns"),
    name: hostname,
    recordType: z.enum(DNS_RECORD_TYPES).default("A"),
    /** ask these servers instead of the system's resolver */
    servers: z.array(dnsServer).min(1).max(4).optional(),
    expect: z
      .object({
        /** every one of these must be among the answers */
        contains: z.array(z.string().min(1)).default([]),
        /** some answer must match */
        matches: regex.optional(),
      })
      .strict()
      .default({ contains: [] }),
    maxLatency: duration({ minMs: 1, maxMs: 600_000 }).optional(),
  })
  .strict();

const tcpProbe = z
  .object({
    ...common,
    kind: z.literal("tcp"),
    host: hostname,
    port,
    maxLatency: duration({ minMs: 1, maxMs: 600_000 }).optional(),
  })
  .strict();

export const probeSchema = z.discriminatedUnion("kind", [httpProbe, flowProbe, browserProbe, tlsProbe, dnsProbe, tcpProbe], {
  error: (issue) => (issue.code === "invalid_union" ? `kind must be one of ${PROBE_KINDS.join(", ")} (default http)` : undefined),
});

/** Evidence kept for runs that were not UP: how much of a body, and what to hide in it. */
export const evidenceSchema = z
  .object({
    /** bytes of a failing answer's body kept, after redaction */
    bodyBytes: z.number().int().min(0).max(65_536).default(8192),
    /** patterns hidden in bodies, messages and HARs, on top of the built-in ones */
    redact: z
      .array(
        z
          .object({
            name: z.string().min(1).max(60),
            pattern: regex,
            flags: z
              .string()
              .regex(/^[imsu]*$/, "flags from i, m, s, u")
              .optional(),
            replacement: z.string().max(60).optional(),
          })
          .strict(),
      )
      .default([]),
    /** header names whose values are hidden, on top of Authorization, Cookie, Set-Cookie and the like */
    redactHeaders: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type ProbeInput = z.output<typeof probeSchema>;
export type ExpectSpec = z.output<typeof expectSchema>;
export type FlowStepSpec = z.output<typeof flowStep>;
export type BrowserStepSpec = z.output<typeof browserStep>;
export type EvidenceConfig = z.output<typeof evidenceSchema>;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];
export { BROWSER_ACTIONS };
