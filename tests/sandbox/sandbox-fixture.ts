import { Agent, request } from "undici";
import { createSandbox, type Sandbox, type SandboxOptions } from "../../sandbox/server";

export const ADMIN_TOKEN = "test-admin-token-0123";
export const PROBE_TOKEN = "sandbox-test-token-probe-01";

// No keep-alive: every call opens a fresh connection, so offline/refused tests see the listener as it is now.
const dispatcher = new Agent({ pipelining: 0 });

export function startSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  return createSandbox({ port: 0, adminPort: 0, adminToken: ADMIN_TOKEN, ...options });
}

export type HttpReply = { status: number; headers: Record<string, string | string[] | undefined>; text: string; json: unknown };

export type CallOptions = { headers?: Record<string, string>; body?: unknown; timeoutMs?: number };

export async function call(base: string, method: string, path: string, options: CallOptions = {}): Promise<HttpReply> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const res = await request(`${base}${path}`, {
    method: method as "GET",
    headers,
    body,
    dispatcher,
    signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
  });
  const text = await res.body.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.statusCode, headers: res.headers, text, json };
}

export const bearer = (token: string = PROBE_TOKEN) => ({ authorization: `Bearer ${token}` });
export const admin = (token: string = ADMIN_TOKEN) => ({ authorization: `Bearer ${token}` });

let keySeq = 0;
/** A fresh Idempotency-Key per call: unique within the test file. */
export const moneyHeaders = (key = `test-key-${++keySeq}`, token: string = PROBE_TOKEN) => ({ ...bearer(token), "idempotency-key": key });

export function fakeClock(startIso = "2026-01-01T00:00:00Z") {
  const start = Date.parse(startIso);
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    /** Jumps to `ms` after the start. */
    setOffset(ms: number) {
      now = start + ms;
    },
  };
}

/** The error code of a failed undici call, looking through `cause` chains. */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  while (current && typeof current === "object") {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function callError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}
