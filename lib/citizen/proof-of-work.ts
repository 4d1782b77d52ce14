import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { leadingZeroBits } from "@/core/citizen/report-rules";

/**
 * A small proof of work for a report, computed in the browser: the server hands out a signed
 * challenge bound to the service, the client (its daily hash) and the time; the browser finds a
 * nonce whose SHA-256 of "<challenge>:<nonce>" starts with `bits` zero bits. Nothing is stored:
 * the signature proves the server issued it, and a challenge used again gains nothing beyond the
 * per-client limit it is bound to.
 */
export type Challenge = { generatedAt: string; challenge: string; bits: number; expiresAt: string };

function sign(secret: Buffer, body: string): string {
  return createHmac("sha256", secret).update(`citizen-report-proof:${body}`).digest("base64url").slice(0, 32);
}

export function issueChallenge(secret: Buffer, a: { slug: string; client: string; now: number; bits: number; ttlMs: number }): Challenge {
  const body = `v1.${a.now}.${a.bits}.${randomBytes(9).toString("base64url")}`;
  return {
    generatedAt: new Date(a.now).toISOString(),
    challenge: `${body}.${sign(secret, `${body}|${a.slug}|${a.client}`)}`,
    bits: a.bits,
    expiresAt: new Date(a.now + a.ttlMs).toISOString(),
  };
}

export type ProofCheck = "ok" | "malformed" | "forged" | "expired" | "too_weak" | "unsolved";

export function checkProof(
  secret: Buffer,
  a: { challenge: string; nonce: string; slug: string; client: string; now: number; minBits: number; ttlMs: number },
): ProofCheck {
  const parts = a.challenge.split(".");
  if (parts.length !== 5 || parts[0] !== "v1" || !/^[0-9A-Za-z_-]{1,32}$/.test(a.nonce)) return "malformed";
  const [, issued, bits, , sig] = parts as [string, string, string, string, string];
  const body = parts.slice(0, 4).join(".");
  const want = Buffer.from(sign(secret, `${body}|${a.slug}|${a.client}`));
  if (want.length !== Buffer.byteLength(sig) || !timingSafeEqual(want, Buffer.from(sig))) return "forged";
  const at = Number(issued);
  if (!Number.isSafeInteger(at) || at > a.now + 60_000 || a.now - at > a.ttlMs) return "expired";
  if (Number(bits) < a.minBits) return "too_weak";
  const digest = createHash("sha256").update(`${a.challenge}:${a.nonce}`).digest();
  return leadingZeroBits(digest) >= Number(bits) ? "ok" : "unsolved";
}

/** Solves a challenge (tests and the benchmark; the browser does the same with WebCrypto). */
export function solveChallenge(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    const nonce = n.toString(36);
    if (leadingZeroBits(createHash("sha256").update(`${challenge}:${nonce}`).digest()) >= bits) return nonce;
  }
}
