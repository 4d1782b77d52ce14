import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { readFileSync, statSync } from "node:fs";

/**
 * Ed25519 keys of probe agents (node:crypto, no dependency). The private key stays
 * on the agent's machine as a PKCS#8 PEM file; the server knows the public key from
 * the configuration, written as SubjectPublicKeyInfo DER in base64 (one line, fits YAML).
 */
export type AgentKeyPair = { privateKeyPem: string; publicKey: string };

export function generateAgentKeyPair(): AgentKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return { privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), publicKey: publicKeyBase64(publicKey) };
}

export class AgentKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AgentKeyError";
  }
}

/** Reads an agent's private key file, refusing anything but an Ed25519 private key. */
export function loadPrivateKey(file: string): KeyObject {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new AgentKeyError(`cannot read the key file ${file}: ${(err as Error).message} (create one with: npx ledger agent-keygen --out ${file})`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(text);
  } catch {
    throw new AgentKeyError(`${file} holds no private key in PEM form (create one with: npx ledger agent-keygen)`);
  }
  if (key.asymmetricKeyType !== "ed25519")
    throw new AgentKeyError(`${file} holds a ${key.asymmetricKeyType} key; agents sign with Ed25519 (npx ledger agent-keygen)`);
  return key;
}

/** True when others than the owner may read the file: a private key should not be. */
export function keyFileTooOpen(file: string): boolean {
  return (statSync(file).mode & 0o077) !== 0;
}

export function publicKeyBase64(key: KeyObject): string {
  const pub = key.type === "private" ? createPublicKey(key) : key;
  return pub.export({ type: "spki", format: "der" }).toString("base64");
}

export function signBytes(bytes: string, key: KeyObject): string {
  return sign(null, Buffer.from(bytes, "utf8"), key).toString("base64");
}

/** Verifies an Ed25519 signature (base64) of `bytes` against a public key as the configuration holds it. */
export function verifyBytes(bytes: string, signature: string, publicKey: string): boolean {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(publicKey, "base64"), format: "der", type: "spki" });
  } catch {
    return false;
  }
  const sig = Buffer.from(signature, "base64");
  if (sig.length !== 64 || sig.toString("base64") !== signature) return false;
  return verify(null, Buffer.from(bytes, "utf8"), key, sig);
}
