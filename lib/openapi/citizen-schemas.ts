import { z } from "zod";
import type { Challenge } from "@/lib/citizen/proof-of-work";
import type { CitizenReportsBody } from "@/lib/citizen/report-counts";

/** The citizen-report answers of the public API (lib/openapi/schemas.ts lists them as components). */

const instant = z.iso.datetime().describe("an instant in UTC, ISO 8601 (RFC 3339)");
const int = z.number().int();

export const citizenReportsSchema = z.strictObject({
  generatedAt: instant,
  service: z.string(),
  kind: z.literal("CITIZEN_REPORTS").describe("citizens' reports: never measurements, never downtime"),
  note: z.string(),
  from: instant,
  to: instant,
  bucketSec: int.describe("the length of a bucket: 300 (5 minutes, aligned to UTC)"),
  keys: z.array(z.string()).describe("what a report may name: the service's functions, then in-store-payment and other"),
  districts: z.array(z.strictObject({ key: z.string(), name: z.string(), nameEn: z.string() })).describe("the districts a report may name"),
  counts: z
    .array(
      z.strictObject({
        functionKey: z.string(),
        district: z.string().nullable().describe("null when the citizen named none"),
        bucketStart: instant,
        count: int,
      }),
    )
    .describe("non-zero counts per 5-minute bucket, function and district, oldest first"),
  surges: z
    .array(
      z.strictObject({
        id: int,
        functionKey: z.string(),
        startedAt: instant,
        endedAt: instant.nullable().describe("null while the surge lasts"),
        peakCount: int.describe("the most reports seen in one trailing hour"),
        threshold: int.describe("max(20, 10 × median) when the surge began"),
        median: int.describe("the median of the same hour on the 7 days before"),
        incidentId: int.nullable().describe("the REPORTED incident an admin recorded from it"),
      }),
    )
    .describe("surges overlapping the window (docs/methodology.md, citizen reports)"),
});

export const reportChallengeSchema = z.strictObject({
  generatedAt: instant,
  challenge: z.string().describe("find a nonce so that SHA-256 of `<challenge>:<nonce>` starts with `bits` zero bits"),
  bits: int,
  expiresAt: instant,
});

export const reportAcceptedSchema = z.strictObject({ ok: z.literal(true), counted: z.literal(true), proof: z.boolean() });

// Compile-time agreement between the schemas and the types the code returns.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;
export type CitizenSchemaChecks = [
  Assert<Equals<z.output<typeof citizenReportsSchema>, CitizenReportsBody>>,
  Assert<Equals<z.output<typeof reportChallengeSchema>, Challenge>>,
];
