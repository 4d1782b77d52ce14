import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "./env";

let cached: Buffer | null = null;

/**
 * The server's signing secret (CSRF tokens): LEDGER_SECRET, or a random secret
 * created once in <data dir>/secret (mode 600) and shared by every process of the
 * instance. Never shown, logged or exported.
 */
export function serverSecret(): Buffer {
  if (cached) return cached;
  if (env.LEDGER_SECRET) return (cached = Buffer.from(env.LEDGER_SECRET, "utf8"));
  const file = path.join(env.dataDir, "secret");
  mkdirSync(env.dataDir, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
  const text = readFileSync(file, "utf8").trim();
  if (text.length < 32) throw new Error(`${file} holds no usable secret (at least 32 characters); delete it to have a new one made`);
  return (cached = Buffer.from(text, "utf8"));
}
