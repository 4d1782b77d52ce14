import { describe, expect, it } from "vitest";
import { canonicalResultJson, CanonicalFormError, type ChainedResult } from "@/core/ledger/canonical-result";
import { chainHash, GENESIS_HASH } from "@/core/ledger/chain-hash";
import { rootOfRoots, utcDay, utcDayWindow } from "@/core/ledger/day-root";
import { ChainVerifier, type ChainItem } from "@/core/ledger/verify-chain";

const R: ChainedResult = {
  probe: "dongbaekjeon-topup-local",
  seq: 1,
  at: "2022-04-01T05:00:00.000Z",
  intervalSec: 60,
  state: "DOWN",
  latencyMs: 812,
  httpStatus: 503,
  errorClass: "ASSERTION_STATUS",
  message: 'status 503, expected 2xx — "점검 중"\n',
};

describe("canonical form of a result", () => {
  it("is the nine fields in code point order, no whitespace, escapes as JSON.stringify", () => {
    expect(canonicalResultJson(R)).toBe(
      '{"at":"2022-04-01T05:00:00.000Z","errorClass":"ASSERTION_STATUS","httpStatus":503,"intervalSec":60,"latencyMs":812,"message":"status 503, expected 2xx — \\"점검 중\\"\\n","probe":"dongbaekjeon-topup-local","seq":1,"state":"DOWN"}',
    );
  });

  it("writes absent values as null, never leaves them out", () => {
    expect(canonicalResultJson({ ...R, latencyMs: null, httpStatus: null, errorClass: null, message: null, state: "UNKNOWN" })).toBe(
      '{"at":"2022-04-01T05:00:00.000Z","errorClass":null,"httpStatus":null,"intervalSec":60,"latencyMs":null,"message":null,"probe":"dongbaekjeon-topup-local","seq":1,"state":"UNKNOWN"}',
    );
  });

  it.each([
    ["an instant without milliseconds", { at: "2022-04-01T05:00:00Z" }, /at must look like/],
    ["an instant with an offset", { at: "2022-04-01T14:00:00.000+09:00" }, /at must look like/],
    ["a fractional latency", { latencyMs: 812.5 }, /latencyMs must be an integer/],
    ["seq 0", { seq: 0 }, /seq must be an integer ≥ 1/],
    ["an unknown state", { state: "SLOW" }, /state must be/],
    ["a lone surrogate", { message: "cut \ud83d" }, /lone surrogate/],
  ])("refuses %s", (_name, change, error) => {
    expect(() => canonicalResultJson({ ...R, ...change } as ChainedResult)).toThrow(CanonicalFormError);
    expect(() => canonicalResultJson({ ...R, ...change } as ChainedResult)).toThrow(error);
  });
});

describe("chain hash", () => {
  it("is sha256 over the prevHash hex followed by the canonical JSON", () => {
    // printf '%s' '0000…0000{"at":…}' | sha256sum  (64 zeros, then the canonical line above)
    expect(chainHash(GENESIS_HASH, R)).toBe("7c584a6cd8e4af0b19516e1cbb2b12faa11aefaff0de84c4a23667dfd875abbf");
  });
});

describe("daily roots", () => {
  it("hashes a header, the day and one line per probe in key order", () => {
    const a = "a".repeat(64);
    const b = "b".repeat(64);
    // printf 'uptime-ledger day-root v1\nday 2022-04-01\na 3 aaaa…\nb 1 bbbb…\n' | sha256sum
    const expected = "3713246d3e0b5f563dfabc86deeedd69907357e45ac1f138996df161b452c271";
    expect(
      rootOfRoots("2022-04-01", [
        { probe: "b", seq: 1, hash: b },
        { probe: "a", seq: 3, hash: a },
      ]),
    ).toBe(expected);
  });

  it("UTC days: 2022-04-01 runs from 00:00 UTC (09:00 KST) for 24 hours; 2024-02-29 exists, 2023-02-29 does not", () => {
    expect(utcDayWindow("2022-04-01")).toEqual({ start: Date.parse("2022-04-01T00:00:00Z"), end: Date.parse("2022-04-02T00:00:00Z") });
    expect(utcDay(Date.parse("2022-04-01T23:59:59.999Z"))).toBe("2022-04-01");
    expect(utcDay(Date.parse("2022-04-01T15:00:00+09:00"))).toBe("2022-04-01");
    expect(utcDayWindow("2024-02-29").end - utcDayWindow("2024-02-29").start).toBe(86_400_000);
    expect(() => utcDayWindow("2023-02-29")).toThrow(/no such day/);
  });
});

function chain(n: number, probe = "p"): Extract<ChainItem, { kind: "result" }>[] {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const result: ChainedResult = { ...R, probe, seq: i + 1, at: new Date(Date.parse(R.at) + i * 60_000).toISOString(), state: i % 3 === 0 ? "DOWN" : "UP" };
    const hash = chainHash(prev, result);
    const item = { kind: "result" as const, result, prevHash: prev, hash };
    prev = hash;
    return item;
  });
}

describe("the verifier", () => {
  it("accepts an intact chain and a root that points into it", () => {
    const items = chain(5);
    const leaves = [{ probe: "p", seq: 3, hash: items[2]!.hash }];
    const v = new ChainVerifier([{ day: "2022-04-01", root: rootOfRoots("2022-04-01", leaves), leaves }]);
    for (const i of items) v.add(i);
    const r = v.finish(new Map([["p", { seq: 5, hash: items[4]!.hash }]]));
    expect(r).toMatchObject({ ok: true, breaks: [], rootsChecked: 1 });
  });

  it("walks across a pruned segment and checks the root at its end", () => {
    const items = chain(6);
    const seg: ChainItem = {
      kind: "pruned",
      probe: "p",
      firstSeq: 2,
      lastSeq: 4,
      count: 3,
      firstAt: items[1]!.result.at,
      lastAt: items[3]!.result.at,
      firstPrevHash: items[0]!.hash,
      lastHash: items[3]!.hash,
    };
    const leaves = [{ probe: "p", seq: 4, hash: items[3]!.hash }];
    const v = new ChainVerifier([{ day: "2022-04-01", root: rootOfRoots("2022-04-01", leaves), leaves }]);
    for (const i of [items[0]!, seg, items[4]!, items[5]!]) v.add(i);
    expect(v.finish()).toMatchObject({ ok: true, rootsChecked: 1 });
  });

  it("names a rewritten history through the root it no longer matches", () => {
    // Seq 2 changed and everything after it re-hashed: the chain alone is consistent again,
    // but the archived root for seq 3 is not.
    const items = chain(4);
    const leaves = [{ probe: "p", seq: 3, hash: items[2]!.hash }];
    let prev = items[0]!.hash;
    const forged = items.slice(1).map((it, i) => {
      const result = i === 0 ? { ...it.result, state: "DEGRADED" as const } : it.result;
      const hash = chainHash(prev, result);
      const f = { kind: "result" as const, result, prevHash: prev, hash };
      prev = hash;
      return f;
    });
    const v = new ChainVerifier([{ day: "2022-04-01", root: rootOfRoots("2022-04-01", leaves), leaves }]);
    for (const i of [items[0]!, ...forged]) v.add(i);
    const r = v.finish();
    expect(r.ok).toBe(false);
    expect(r.breaks[0]).toMatchObject({ probe: "p", seq: 3, day: "2022-04-01", expected: items[2]!.hash, found: forged[1]!.hash });
  });

  it("names a root of roots that does not match its leaves", () => {
    const leaves = [{ probe: "p", seq: 1, hash: chain(1)[0]!.hash }];
    const v = new ChainVerifier([{ day: "2022-04-01", root: "f".repeat(64), leaves }]);
    v.add(chain(1)[0]!);
    expect(v.finish().breaks[0]).toMatchObject({ probe: "*", day: "2022-04-01", found: "f".repeat(64) });
  });
});
