import { REPORT_LIMITS, reportBucket, type ReportLimits } from "@/core/citizen/report-rules";
import { takeSlots, type Limit } from "@/lib/auth/attempt-limits";
import type { Db } from "@/lib/db";
import { reportClient } from "./client-key";
import { checkProof, type ProofCheck } from "./proof-of-work";
import type { ReportTarget } from "./report-target";

export type ReportInput = {
  functionKey: string;
  district?: string | null;
  /** the client's address as the edge resolved it through the trusted proxies; hashed, never stored */
  address: string;
  /** present when the browser solved the proof of work */
  proof?: { challenge: string; nonce: string } | null;
};

export type FileOutcome =
  | { ok: true; proof: boolean }
  | { ok: false; code: "disabled" | "bad_function" | "bad_district"; message: string }
  | { ok: false; code: "bad_proof"; message: string; check: ProofCheck }
  | { ok: false; code: "rate_limited"; message: string; retryAfterSec: number };

const HOUR_MS = 60 * 60_000;

/** The limits a report counts against, the client's own first so a refused client takes nothing from everyone's ceiling. */
export function reportLimitKeys(t: ReportTarget, client: string, functionKey: string, proof: boolean, limits: ReportLimits): Limit[] {
  return [
    { key: `report:${client}`, max: limits.clientPerHour, windowMs: HOUR_MS },
    ...(proof ? [] : [{ key: `report-plain:${client}`, max: limits.clientPerHourWithoutProof, windowMs: HOUR_MS }]),
    { key: `report-fn:${client}:${t.serviceId}:${functionKey}`, max: limits.clientPerFunctionPerHour, windowMs: HOUR_MS },
    { key: `report-all:${t.serviceId}:${functionKey}`, max: limits.functionPerMinute, windowMs: 60_000 },
  ];
}

/**
 * Files one citizen's report: checks what it names, the proof of work if given, takes a slot
 * under every limit (one conditional UPDATE each, so a burst in parallel cannot pass them), then
 * stores the report and adds it to its 5-minute count in one transaction.
 */
export async function fileCitizenReport(
  db: Db,
  t: ReportTarget,
  input: ReportInput,
  opts: { now: Date; secret: Buffer; limits?: ReportLimits },
): Promise<FileOutcome> {
  const limits = opts.limits ?? REPORT_LIMITS;
  if (!t.enabled) return { ok: false, code: "disabled", message: "this service takes no citizen reports" };
  if (!t.keys.includes(input.functionKey)) return { ok: false, code: "bad_function", message: `choose what fails: one of ${t.keys.join(", ")}` };
  const district = input.district ? input.district : null;
  if (district !== null && !t.districts.some((d) => d.key === district))
    return { ok: false, code: "bad_district", message: `unknown district "${district.slice(0, 40)}"; leave it out or choose one of the list` };
  const now = opts.now.getTime();
  const client = reportClient(opts.secret, input.address, now);
  let proof = false;
  if (input.proof) {
    const check = checkProof(opts.secret, {
      ...input.proof,
      slug: t.slug,
      client,
      now,
      minBits: limits.proofBits,
      ttlMs: limits.proofTtlMs,
    });
    if (check !== "ok")
      return { ok: false, code: "bad_proof", check, message: `the proof of work was not accepted (${check}); reload the page and send again` };
    proof = true;
  }
  const wait = await takeSlots(db, reportLimitKeys(t, client, input.functionKey, proof, limits), opts.now);
  if (wait !== null)
    return { ok: false, code: "rate_limited", retryAfterSec: wait, message: `this report was not counted: too many reports; try again in ${wait} s` };
  const bucketStart = new Date(reportBucket(now));
  const key = { serviceId: t.serviceId, functionKey: input.functionKey, district: district ?? "", bucketStart };
  const write = () =>
    db.$transaction([
      db.citizenReport.create({ data: { serviceId: t.serviceId, functionKey: input.functionKey, district, at: opts.now, client, proof } }),
      db.citizenReportCount.upsert({
        where: { serviceId_functionKey_district_bucketStart: key },
        create: { ...key, count: 1 },
        update: { count: { increment: 1 } },
      }),
    ]);
  try {
    await write();
  } catch (err) {
    // Two first reports of a bucket at once (PostgreSQL): the loser's insert conflicts; the count row now exists.
    if ((err as { code?: string }).code !== "P2002") throw err;
    await write();
  }
  return { ok: true, proof };
}
