import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { leadingZeroBits } from "@/core/citizen/report-rules";
import { reportClient } from "@/lib/citizen/client-key";
import { checkProof, issueChallenge, solveChallenge } from "@/lib/citizen/proof-of-work";

const secret = Buffer.from("a-test-secret-of-at-least-32-characters!!");
const DAY1 = Date.parse("2026-12-08T00:00:01Z");

describe("the client key", () => {
  it("is the same all UTC day, another the next day, and never shows the address", () => {
    const a = reportClient(secret, "203.0.113.7", DAY1);
    expect(reportClient(secret, "203.0.113.7", DAY1 + 86_398_000)).toBe(a); // 23:59:59 the same day
    expect(reportClient(secret, "203.0.113.7", DAY1 + 86_400_000)).not.toBe(a); // the next day
    expect(reportClient(secret, "203.0.113.8", DAY1)).not.toBe(a);
    expect(reportClient(Buffer.from("another-secret-of-at-least-32-characters"), "203.0.113.7", DAY1)).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(a).not.toContain("203");
  });
});

describe("the proof of work", () => {
  it("counts leading zero bits", () => {
    expect(leadingZeroBits(new Uint8Array([0, 0, 0x80]))).toBe(16);
    expect(leadingZeroBits(new Uint8Array([0, 0x01]))).toBe(15);
    expect(leadingZeroBits(new Uint8Array([0xff]))).toBe(0);
    expect(leadingZeroBits(new Uint8Array([0, 0]))).toBe(16);
  });

  it("accepts a solved challenge for its service and client within 10 minutes, and nothing else", () => {
    const client = reportClient(secret, "203.0.113.7", DAY1);
    const c = issueChallenge(secret, { slug: "svc", client, now: DAY1, bits: 10, ttlMs: 600_000 });
    const nonce = solveChallenge(c.challenge, 10);
    expect(leadingZeroBits(createHash("sha256").update(`${c.challenge}:${nonce}`).digest())).toBeGreaterThanOrEqual(10);
    const check = (o: Partial<Parameters<typeof checkProof>[1]>) =>
      checkProof(secret, { challenge: c.challenge, nonce, slug: "svc", client, now: DAY1 + 1000, minBits: 10, ttlMs: 600_000, ...o });
    expect(check({})).toBe("ok");
    expect(check({ slug: "other" })).toBe("forged");
    expect(check({ client: reportClient(secret, "203.0.113.8", DAY1) })).toBe("forged");
    expect(check({ now: DAY1 + 600_001 })).toBe("expired");
    expect(check({ minBits: 12 })).toBe("too_weak");
    expect(check({ challenge: c.challenge.replace(".10.", ".2.") })).toBe("forged");
    expect(check({ nonce: "not a nonce!" })).toBe("malformed");
    // a nonce that does not reach 10 bits
    let bad = 0;
    while (
      leadingZeroBits(
        createHash("sha256")
          .update(`${c.challenge}:${bad.toString(36)}`)
          .digest(),
      ) >= 10
    )
      bad++;
    expect(check({ nonce: bad.toString(36) })).toBe("unsolved");
  });
});
