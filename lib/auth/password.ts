import { hash, verify } from "@node-rs/argon2";

/**
 * Passwords are hashed with argon2id (OWASP's first choice), at the library's
 * defaults, which are OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane. The
 * stored PHC string carries its own parameters, so they can be raised later.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export class PasswordRuleError extends Error {}

export function checkPasswordRules(password: string): void {
  if (password.length < PASSWORD_MIN) throw new PasswordRuleError(`a password needs at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) throw new PasswordRuleError(`a password may have at most ${PASSWORD_MAX} characters`);
}

export async function hashPassword(password: string): Promise<string> {
  checkPasswordRules(password);
  return hash(password, { algorithm: 2 /* Argon2id */ });
}

let dummy: Promise<string> | null = null;

/**
 * True when the password matches. An unknown account is checked against a dummy
 * hash, so the answer takes as long whether or not the account exists.
 */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX) return false;
  if (stored === null) {
    dummy ??= hash("not a real password, only to spend the same time", { algorithm: 2 });
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
