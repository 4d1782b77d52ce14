import { createHash } from "node:crypto";
import { canonicalResultJson, type ChainedResult } from "./canonical-result";

/** The prevHash of the first result of every probe's chain. */
export const GENESIS_HASH = "0".repeat(64);

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * hash = sha256(prevHash ‖ canonical JSON of the result), over the UTF-8 bytes
 * of the 64 lower-case hex digits of prevHash followed by the canonical JSON;
 * written as 64 lower-case hex digits.
 */
export function chainHash(prevHash: string, result: ChainedResult): string {
  if (!HEX64.test(prevHash)) throw new Error(`prevHash must be 64 lower-case hex digits (got ${JSON.stringify(prevHash)})`);
  return createHash("sha256")
    .update(prevHash + canonicalResultJson(result), "utf8")
    .digest("hex");
}

export function isHash(s: unknown): s is string {
  return typeof s === "string" && HEX64.test(s);
}
