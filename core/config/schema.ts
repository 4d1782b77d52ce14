import { z } from "zod";
import { alertsSchema } from "./alerts-schema";
import { changeoverSchema, peakWarningSchema, watchSchema } from "./changeover-schema";
import { contractSchema, forceMajeureSchema, maintenanceSchema, provenanceSchema, reportedIncidentSchema } from "./contract-schema";
import { duration, evidenceSchema, FUNCTION_KEYS, probeSchema, slug } from "./probe-schema";

export {
  FUNCTION_KEYS,
  PROBE_KINDS,
  expectSchema,
  type BrowserStepSpec,
  type DnsRecordType,
  type EvidenceConfig,
  type ExpectSpec,
  type FlowStepSpec,
  type ProbeKind,
} from "./probe-schema";

/**
 * The configuration model: services, their functions, probes, locations and
 * contract basics, as plain data. Validated once at startup (docs/architecture.md, Invariants);
 * `resolveConfig` then fills in defaults so the rest of the code sees one shape.
 */

const functionSchema = z
  .object({
    key: z.enum(FUNCTION_KEYS),
    name: z.string().min(1),
    nameEn: z.string().min(1),
    /** A critical function being down makes the service down. */
    critical: z.boolean().default(true),
  })
  .strict();

/** A district a citizen may name in a report (optional): a key for the record, names to show. */
const districtSchema = z.object({ key: slug, name: z.string().min(1), nameEn: z.string().min(1) }).strict();

/** Citizens' reports of what fails for them (docs/configuration.md, "Citizen reports"). */
const citizenReportsSchema = z
  .object({
    /** false: the service page shows no report form and the API takes no reports for this service */
    enabled: z.boolean().default(true),
    /** districts a citizen may pick, e.g. Busan's 16 구·군; empty: none is asked */
    districts: z.array(districtSchema).max(100).default([]),
  })
  .strict()
  .refine((r) => new Set(r.districts.map((d) => d.key)).size === r.districts.length, { message: "district keys must be unique", path: ["districts"] });

const serviceSchema = z
  .object({
    slug,
    name: z.string().min(1),
    nameEn: z.string().min(1),
    operator: z.string().min(1),
    operatorEn: z.string().min(1),
    description: z.string().default(""),
    homepage: z.url({ protocol: /^https?$/, message: "an http:// or https:// URL" }).optional(),
    functions: z.array(functionSchema).min(1),
    probes: z.array(probeSchema).default([]),
    /** locations that must see a function down for it to count as down */
    quorum: z.number().int().min(1).max(20).default(1),
    contract: contractSchema.optional(),
    maintenance: z.array(maintenanceSchema).default([]),
    forceMajeure: z.array(forceMajeureSchema).default([]),
    /** incidents known only from press or citizen reports, with sources */
    incidents: z.array(reportedIncidentSchema).default([]),
    /** results this ledger did not measure (reconstructed from press reports, or reported by others), with sources */
    provenance: provenanceSchema.optional(),
    /** a scheduled handover to a new operator, with readiness probes (docs/configuration.md) */
    changeover: changeoverSchema.optional(),
    /** probes at a shorter interval around a changeover and in peak hours (docs/configuration.md) */
    watch: watchSchema.optional(),
    /** peak hours whose history is checked for degradation, with a public warning before the next one */
    peakWarnings: z.array(peakWarningSchema).default([]),
    /** citizens' reports: on unless turned off; districts to choose from */
    citizenReports: citizenReportsSchema.optional(),
  })
  .strict();

/**
 * A known-good target the probes of a location should always reach (fairness):
 * when a run fails and this check fails around it too, the monitor's own network
 * is at fault and the run is UNKNOWN, never the operator's downtime.
 */
const controlSchema = z
  .object({
    /** an HTTP(S) URL that answers with a status below 400 */
    url: z.url({ protocol: /^https?$/, message: "an http:// or https:// URL" }).optional(),
    /** a TCP address that accepts connections, "host:port" */
    tcp: z
      .string()
      .regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'a TCP address like "1.1.1.1:53" or "example.org:443"')
      .refine((t) => Number(t.slice(t.lastIndexOf(":") + 1)) <= 65535, "the port must be at most 65535")
      .optional(),
    timeout: duration({ minMs: 100, maxMs: 60_000 }).default(5000),
  })
  .strict()
  .refine((c) => (c.url === undefined) !== (c.tcp === undefined), { message: "give exactly one of url, tcp" });

const locationSchema = z.object({ key: slug, name: z.string().min(1), nameEn: z.string().min(1), control: controlSchema.optional() }).strict();

/** DER SubjectPublicKeyInfo of an Ed25519 key starts with these 12 bytes; in base64 "MCowBQYDK2VwAyEA". */
export const ED25519_SPKI_BASE64 = /^MCowBQYDK2VwAyEA[A-Za-z0-9+/]{43}=$/;

/** A remote probe agent: runs one location's probes elsewhere and posts signed batches. */
const agentSchema = z
  .object({
    key: slug,
    location: slug,
    /** the public key `ledger agent-keygen` printed (Ed25519, SubjectPublicKeyInfo DER in base64) */
    publicKey: z
      .string()
      .trim()
      .regex(ED25519_SPKI_BASE64, "an Ed25519 public key as `npx ledger agent-keygen` prints it (base64, starts with MCowBQYDK2VwAyEA)"),
    /** batches whose sending clock is off from the server's by more than this are held back */
    maxClockSkew: duration({ minMs: 1000, maxMs: 3_600_000 }).default(30_000),
  })
  .strict();

const probeDefaults = z
  .object({
    interval: duration({ minMs: 1000, maxMs: 3_600_000 }).default(60_000),
    timeout: duration({ minMs: 100, maxMs: 120_000 }).default(10_000),
    confirm: z.number().int().min(1).max(100).default(3),
    location: slug.optional(),
    maxBodyBytes: z
      .number()
      .int()
      .min(1024)
      .max(10 * 1024 * 1024)
      .default(65_536),
    maxRedirects: z.number().int().min(0).max(20).default(5),
    /** the default of every HTTP and flow probe's allowPrivateNetwork */
    allowPrivateNetwork: z.boolean().optional(),
  })
  .strict();

const DAY_MS = 86_400_000;

/**
 * How long the record keeps what (docs/verify.md, "Retention"). Roll-ups,
 * outages and the chain's pruned-segment hashes are kept for good.
 */
const retentionSchema = z
  .object({
    /** raw probe results, whole UTC days; older days keep only roll-ups, run segments and chain hashes */
    rawResults: duration({ minMs: DAY_MS, maxMs: 36_500 * DAY_MS })
      .refine((ms) => ms % DAY_MS === 0, 'must be whole days, e.g. "90d"')
      .optional(),
    /** raw results inside an outage (its evidence): kept until the contract term ends plus this many years */
    evidenceYearsAfterTerm: z.number().int().min(0).max(100).optional(),
  })
  .strict();

export const configFileSchema = z
  .object({
    locations: z.array(locationSchema).default([]),
    retention: retentionSchema.optional(),
    agents: z.array(agentSchema).default([]),
    defaults: z.object({ probe: probeDefaults.optional() }).strict().optional(),
    sandbox: z
      .object({ scenario: z.string().min(1).optional() })
      .strict()
      .optional(),
    evidence: evidenceSchema.optional(),
    services: z.array(serviceSchema).default([]),
    alerts: alertsSchema.optional(),
  })
  .strict();

export type ConfigFile = z.output<typeof configFileSchema>;
export type FunctionKey = (typeof FUNCTION_KEYS)[number];
