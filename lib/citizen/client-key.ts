import { createHmac } from "node:crypto";

/**
 * A client as citizens' reports keep it: the address (as the trusted proxies resolved it) hashed
 * with a key made from the server's secret and the UTC day. The same address gives the same
 * value all day, so the per-client limits hold, and a new, unrelated value the next day; without
 * the secret the value cannot be turned back into an address by trying all of them.
 */
export function reportClient(secret: Buffer, address: string, now: number): string {
  const day = new Date(now).toISOString().slice(0, 10);
  const dayKey = createHmac("sha256", secret).update(`citizen-report-client:${day}`).digest();
  return createHmac("sha256", dayKey).update(address).digest("base64url").slice(0, 27);
}
