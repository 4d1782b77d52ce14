import { createHash, createHmac, randomBytes } from "node:crypto";

/**
 * Confirm and unsubscribe tokens. Each is 256 bits derived from the subscription's random nonce
 * with the server secret (HMAC-SHA256), so the alerter can put them in a mail without any table
 * holding them: the database keeps only their SHA-256 (looked up when a link is opened) and the
 * nonce, which is no token without the secret. A new confirmation request gets a new nonce, so an
 * older link stops working.
 */
export type TokenPurpose = "confirm" | "unsubscribe";

export function newNonce(): string {
  return randomBytes(16).toString("base64url");
}

export function subscriptionToken(secret: Buffer, purpose: TokenPurpose, nonce: string): string {
  return createHmac("sha256", secret).update(`subscription:${purpose}:${nonce}`).digest("base64url");
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function tokenHashes(secret: Buffer, nonce: string): { confirmHash: string; unsubscribeHash: string } {
  return {
    confirmHash: tokenHash(subscriptionToken(secret, "confirm", nonce)),
    unsubscribeHash: tokenHash(subscriptionToken(secret, "unsubscribe", nonce)),
  };
}

/** The key of an address in the rate-limit table: keyed with the secret, so the table names no address. */
export function addressKey(secret: Buffer, email: string): string {
  return createHmac("sha256", secret).update(`subscription-address:${email}`).digest("base64url");
}
