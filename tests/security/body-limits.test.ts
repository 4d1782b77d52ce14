import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { PRE_SESSION_COOKIE } from "@/lib/auth/csrf";
import { createTestDb } from "../helpers/test-db";

/**
 * Issue 15 item 5: request bodies were read whole before any check, so three
 * anonymous 500 MB posts took the web process to 3.4 GB. Each route that reads a
 * body now stops reading at its limit, chunked bodies included, and answers 413
 * before CSRF, session or signature work. The bodies here would be 100 MB; what
 * the route pulled from the stream is counted.
 */
type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ORIGIN = "http://ledger.test";
const MB = 1024 * 1024;
let signIn: (req: Request) => Promise<Response>;
let acknowledge: Route;
let password: Route;
let agentResults: (req: Request) => Promise<Response>;

beforeAll(async () => {
  const t = await createTestDb();
  process.env.DATABASE_URL = t.url;
  process.env.LEDGER_SECRET = "a-test-signing-secret-of-at-least-32-chars";
  process.env.LEDGER_PUBLIC_URL = ORIGIN;
  process.env.LEDGER_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "ledger-body-limits-"));
  delete (globalThis as { __ledgerDb?: unknown }).__ledgerDb;
  vi.resetModules();
  signIn = (await import("@/app/auth/sign-in/route")).POST;
  acknowledge = (await import("@/app/actions/outages/[id]/acknowledge/route")).POST as unknown as Route;
  password = (await import("@/app/auth/password/route")).POST as unknown as Route;
  agentResults = (await import("@/app/api/v1/agents/results/route")).POST;
});

/** A body of `total` bytes that is produced only as it is read (no Content-Length: chunked). */
function hugeBody(total = 100 * MB) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled: () => pulled };
}

function post(url: string, headers: Record<string, string>, body: ReadableStream<Uint8Array>): Request {
  return new Request(`${ORIGIN}${url}`, { method: "POST", headers: { origin: ORIGIN, host: "ledger.test", ...headers }, body, duplex: "half" } as RequestInit);
}

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(((await res.json()) as { error: { code: string } }).error.code).toBe("too_large");
}

describe("request bodies are limited while they are read", () => {
  it.each(["application/x-www-form-urlencoded", "application/json", "multipart/form-data; boundary=x"])(
    "sign-in (%s): 413 after at most its 8 KB (and a chunk), before the CSRF check",
    async (type) => {
      const body = hugeBody();
      const res = await signIn(post("/auth/sign-in", { "content-type": type, cookie: `${PRE_SESSION_COOKIE}=pre-session-nonce-0123456789` }, body.stream));
      await expectTooLarge(res);
      expect(body.pulled()).toBeLessThanOrEqual(256 * 1024);
    },
  );

  it("an action, anonymous: 413 after at most its 64 KB (and a chunk), before the session is looked up", async () => {
    const body = hugeBody();
    const res = await acknowledge(post("/actions/outages/1/acknowledge", { "content-type": "application/x-www-form-urlencoded" }, body.stream), {
      params: Promise.resolve({ id: "1" }),
    });
    await expectTooLarge(res);
    expect(body.pulled()).toBeLessThanOrEqual(256 * 1024);
  });

  it("the password change: 413 too", async () => {
    const body = hugeBody();
    const res = await password(post("/auth/password", { "content-type": "application/json" }, body.stream), { params: Promise.resolve({}) });
    await expectTooLarge(res);
    expect(body.pulled()).toBeLessThanOrEqual(256 * 1024);
  });

  it("an agent batch: 413 (the agents' error shape) after at most its limit, before the signature is checked", async () => {
    const body = hugeBody();
    const res = await agentResults(
      post("/api/v1/agents/results", { "content-type": "application/json", "x-ledger-agent": "nobody", "x-ledger-signature": "AAAA" }, body.stream),
    );
    await expectTooLarge(res);
    expect(body.pulled()).toBeLessThanOrEqual(17 * MB);
  });

  it("a Content-Length above the limit is refused without reading at all", async () => {
    const body = hugeBody();
    const req = new Request(`${ORIGIN}/auth/sign-in`, {
      method: "POST",
      headers: { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded", "content-length": String(100 * MB) },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    await expectTooLarge(await signIn(req));
    expect(body.pulled()).toBeLessThanOrEqual(64 * 1024);
  });
});
