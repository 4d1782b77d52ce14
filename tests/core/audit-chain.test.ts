import { describe, expect, it } from "vitest";
import { auditHash, canonicalJson, firstBrokenLink, GENESIS_HASH, type AuditFields } from "@/core/audit/audit-chain";

const entry = (i: number): AuditFields => ({
  at: `2026-12-03T0${i}:00:00.000Z`,
  actorName: "운영사 담당",
  actorRole: "OPERATOR",
  action: "outage.update",
  serviceId: 1,
  subject: `outage:${i}`,
  details: canonicalJson({ body: `update ${i}` }),
});

function chain(n: number) {
  const out: (AuditFields & { prevHash: string; hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const e = entry(i);
    const hash = auditHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("the audit log's hash chain", () => {
  it("canonical JSON sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1}');
  });

  it("a whole chain checks out", () => {
    expect(firstBrokenLink(chain(5))).toBeNull();
  });

  it("a changed entry, a removed entry or a reordering is found", () => {
    const changed = chain(5);
    changed[2] = { ...changed[2]!, details: canonicalJson({ body: "softer words" }) };
    expect(firstBrokenLink(changed)).toBe(2);
    const removed = chain(5);
    removed.splice(1, 1);
    expect(firstBrokenLink(removed)).toBe(1);
    const swapped = chain(3);
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(firstBrokenLink(swapped)).toBe(0);
  });
});
