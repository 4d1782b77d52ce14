import { createHash } from "node:crypto";

/** The address of a blob: the lower-case hex sha256 of its bytes. */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export const CONTENT_HASH = /^[0-9a-f]{64}$/;
