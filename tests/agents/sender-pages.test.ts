import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ProbeResult } from "@/core/probe-result";
import { generateAgentKeyPair } from "@/lib/agents/keys";
import { logger } from "@/lib/log";
import { startSender } from "@/probes/agent/sender";
import { openSpool, SPOOL_PAGE } from "@/probes/agent/spool";
import { waitFor } from "../helpers/route-server";

/**
 * The sender takes the spool a page at a time. Against a server that answers by a
 * script (sequence conflicts and refusals are the server's to decide, tested in
 * receive-batch.test.ts; here only what the sender does with each answer), every
 * batch of a backlog several pages long is posted in order, the renumbered ones
 * after a 409 included, and a refused one is kept in the rejected table.
 */
type Posted = { batchId: string; seq: number; at: string };
const result = (i: number): ProbeResult => ({
  probeKey: "p-0",
  at: new Date(1_700_000_000_000 + i * 10_000),
  intervalSec: 10,
  state: "UP",
  latencyMs: 100,
  httpStatus: 200,
  errorClass: null,
  message: null,
});

async function scriptedServer(answer: (b: Posted, n: number) => { status: number; body: unknown }) {
  const posted: Posted[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const b = JSON.parse(body) as { batchId: string; seq: number; results: { at: string }[] };
      const p = { batchId: b.batchId, seq: b.seq, at: b.results[0]!.at };
      posted.push(p);
      const a = answer(p, posted.length);
      res.writeHead(a.status, { "content-type": "application/json" }).end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { posted, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

describe("the agent's sender", () => {
  it("sends a backlog several pages long in order, renumbers after a 409 and keeps a refused batch", async () => {
    const n = SPOOL_PAGE * 3 + 5;
    const spool = await openSpool(mkdtempSync(path.join(os.tmpdir(), "ledger-sender-")), { now: () => 1000 });
    for (let i = 0; i < n; i++) await spool.append([result(i)]);
    const refusedAt = result(70).at.toISOString();
    // The 10th post: the server knows sequence 50,000 from this key. The batch of result 70 is refused for good.
    const server = await scriptedServer((b, k) => {
      if (k === 10) return { status: 409, body: { error: { code: "replayed_sequence", message: "seen", lastSeq: 50_000 } } };
      if (b.at === refusedAt) return { status: 422, body: { error: { code: "invalid_batch", message: "bad" } } };
      return { status: 200, body: { status: "accepted", stored: 1 } };
    });
    const pair = generateAgentKeyPair();
    const sender = startSender({
      spool,
      serverUrl: server.url,
      agentKey: "a",
      privateKey: createPrivateKey(pair.privateKeyPem),
      log: logger("sender-test"),
      retryMs: { min: 10, max: 20 },
    });
    await waitFor("the backlog sent", () => spool.pendingCount() === 0);
    await sender.stop();
    server.close();

    // n + 1 posts: the 10th was refused with 409 and sent again renumbered.
    expect(server.posted.length).toBe(n + 1);
    const answered = server.posted.filter((_, k) => k !== 9);
    expect(answered.map((p) => p.at)).toEqual(Array.from({ length: n }, (_, i) => result(i).at.toISOString()));
    // Before the 409: sequences 1000 .. 1008; from the resent batch on: 50,001, 50,002, ... in order.
    expect(answered.slice(0, 9).map((p) => p.seq)).toEqual(Array.from({ length: 9 }, (_, i) => 1000 + i));
    expect(answered.slice(9).map((p) => p.seq)).toEqual(Array.from({ length: n - 9 }, (_, i) => 50_001 + i));
    expect(server.posted[9]!.batchId).not.toBe(server.posted[10]!.batchId);
    expect(sender.stats).toMatchObject({ sent: n - 1, rejected: 1 });
    expect(spool.rejected()).toMatchObject([{ reason: "invalid_batch: bad" }]);
    expect(spool.rejected()[0]!.results[0]!.at).toBe(refusedAt);
    await spool.close();
  }, 30_000);
});
