import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ProbeResult } from "@/core/probe-result";
import { openSpool, SpoolError, type SpooledBatch } from "@/probes/agent/spool";

/**
 * The agent's SQLite spool on its own: order, answers, renumbering, the import of an
 * older JSON Lines spool, and a process killed with SIGKILL in the middle of its writes.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string) => {
  prepare(sql: string): { run(): unknown };
  close(): void;
};
const tmp = () => mkdtempSync(path.join(os.tmpdir(), "ledger-spool-"));
const results = (i: number, n = 10): ProbeResult[] =>
  Array.from({ length: n }, (_, j) => ({
    probeKey: `p-${j}`,
    at: new Date(1_700_000_000_000 + i * 10_000),
    intervalSec: 10,
    state: "UP",
    latencyMs: 100,
    httpStatus: 200,
    errorClass: null,
    message: null,
  }));

describe("the agent's spool", () => {
  it("pages batches oldest first, forgets answered ones, keeps rejected ones with the reason, across reopening", async () => {
    const dir = tmp();
    let clock = 1_000;
    const spool = await openSpool(dir, { now: () => clock });
    const written: SpooledBatch[] = [];
    for (let i = 0; i < 5; i++) written.push(await spool.append(results(i, 2)));
    // Five appends in the same millisecond: sequences 1000, 1001, ... (one above the last when the clock has not moved).
    expect(written.map((b) => b.seq)).toEqual([1000, 1001, 1002, 1003, 1004]);
    expect(spool.pending(2).map((b) => b.batchId)).toEqual(written.slice(0, 2).map((b) => b.batchId));
    expect(spool.pending(2)[0]!.results).toEqual(written[0]!.results);
    await spool.ack(written[0]!.batchId);
    await spool.reject(written[1]!.batchId, "422: bad result");
    await spool.ack("not-a-batch");
    expect(spool.pendingCount()).toBe(3);
    await expect(spool.append([])).rejects.toThrow(SpoolError);
    expect(spool.pendingCount()).toBe(3);
    await spool.close();
    expect(() => spool.pending()).toThrow(/closed/);

    const again = await openSpool(dir, { now: () => clock });
    expect(again.pendingCount()).toBe(3);
    expect(again.pending().map((b) => b.batchId)).toEqual(written.slice(2).map((b) => b.batchId));
    expect(again.rejected()).toMatchObject([{ batchId: written[1]!.batchId, reason: "422: bad result", results: written[1]!.results }]);
    // The clock went back while the agent was stopped: sequences still go up.
    clock = 500;
    expect((await again.append(results(9, 1))).seq).toBe(1005);
    await again.close();
  });

  it("corrects a pending count that disagrees with the batches on the first short page", async () => {
    const dir = tmp();
    const spool = await openSpool(dir);
    await spool.append(results(0, 1));
    await spool.append(results(1, 1));
    await spool.close();
    const raw = new Database(path.join(dir, "spool.db"));
    raw.prepare("UPDATE meta SET value = 5 WHERE key = 'pending'").run();
    raw.close();
    const again = await openSpool(dir);
    expect(again.pendingCount()).toBe(5);
    expect(again.pending()).toHaveLength(2);
    expect(again.pendingCount()).toBe(2);
    await again.close();
    const third = await openSpool(dir);
    expect(third.pendingCount()).toBe(2);
    await third.close();
  });

  it("renumbers every pending batch above the server's sequence, in order, with new ids", async () => {
    const dir = tmp();
    const spool = await openSpool(dir, { now: () => 10 });
    const before: SpooledBatch[] = [];
    for (let i = 0; i < 4; i++) before.push(await spool.append(results(i, 1)));
    await spool.ack(before[1]!.batchId);
    await spool.resequence(5000);
    const after = spool.pending();
    // Three pending batches, in their old order (0, 2, 3), numbered 5001, 5002, 5003.
    expect(after.map((b) => b.seq)).toEqual([5001, 5002, 5003]);
    expect(after.map((b) => b.results[0]!.at)).toEqual([0, 2, 3].map((i) => before[i]!.results[0]!.at));
    expect(after.some((b) => before.some((o) => o.batchId === b.batchId))).toBe(false);
    expect((await spool.append(results(7, 1))).seq).toBe(5004);
    await spool.close();
  });

  it("imports a JSON Lines spool of an earlier version once, losing nothing, and renames its files", async () => {
    const dir = tmp();
    const line = (i: number) => JSON.stringify({ batchId: `b-${i}`, seq: 100 + i, createdAt: "2026-12-01T00:00:00.000Z", results: [{ i }] });
    // Six batches written, 1 and 4 acknowledged, 2 rejected; a seventh append cut short by a crash (no newline).
    writeFileSync(path.join(dir, "batches.jsonl"), `${[0, 1, 2, 3, 4, 5].map(line).join("\n")}\n{"batchId":"b-6","seq":10`);
    writeFileSync(path.join(dir, "acks.jsonl"), `${["b-1", "b-4", "b-2"].map((b) => JSON.stringify({ batchId: b, outcome: "accepted" })).join("\n")}\n`);
    writeFileSync(
      path.join(dir, "rejected.jsonl"),
      `${JSON.stringify({ ...JSON.parse(line(2)), rejectedAt: "2026-12-01T01:00:00.000Z", reason: "400: x" })}\n`,
    );
    writeFileSync(path.join(dir, "state.json"), JSON.stringify({ lastSeq: 900 }));

    const spool = await openSpool(dir, { now: () => 1 });
    expect(spool.pending().map((b) => [b.batchId, b.seq])).toEqual([
      ["b-0", 100],
      ["b-3", 103],
      ["b-5", 105],
    ]);
    expect(spool.pending()[0]!.results).toEqual([{ i: 0 }]);
    expect(spool.rejected()).toMatchObject([{ batchId: "b-2", reason: "400: x", rejectedAt: "2026-12-01T01:00:00.000Z" }]);
    // The next sequence is above the one state.json kept (900), not only above the batches left.
    expect((await spool.append(results(0, 1))).seq).toBe(901);
    await spool.close();
    expect(
      readdirSync(dir)
        .filter((f) => f.includes(".jsonl") || f.includes("state"))
        .sort(),
    ).toEqual(["acks.jsonl.imported", "batches.jsonl.imported", "rejected.jsonl.imported", "state.json.imported"]);

    // A crash after the import committed but before the files were renamed: they are renamed, not imported twice.
    renameSync(path.join(dir, "batches.jsonl.imported"), path.join(dir, "batches.jsonl"));
    const again = await openSpool(dir, { now: () => 1 });
    expect(again.pendingCount()).toBe(4);
    expect(
      again
        .pending()
        .map((b) => b.batchId)
        .slice(0, 3),
    ).toEqual(["b-0", "b-3", "b-5"]);
    expect(existsSync(path.join(dir, "batches.jsonl"))).toBe(false);
    await again.close();
  });

  it("refuses a damaged JSON Lines spool by file and line, importing nothing", async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, "batches.jsonl"),
      `${JSON.stringify({ batchId: "a", seq: 1, results: [] })}\n{oops\n${JSON.stringify({ batchId: "c", seq: 3, results: [] })}\n`,
    );
    await expect(openSpool(dir)).rejects.toThrow(/batches\.jsonl:2: not a JSON line/);
    expect(existsSync(path.join(dir, "batches.jsonl"))).toBe(true);
    writeFileSync(path.join(dir, "batches.jsonl"), `${JSON.stringify({ batchId: "a", seq: 1, results: [] })}\n`);
    const spool = await openSpool(dir);
    expect(spool.pending().map((b) => b.batchId)).toEqual(["a"]);
    await spool.close();
  });

  it("imports the 150,000-batch JSON Lines spool the old code could not reopen", async () => {
    const dir = tmp();
    const n = 150_000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(JSON.stringify({ batchId: `b-${i}`, seq: i + 1, createdAt: "2026-12-01T00:00:00.000Z", results: [{ i }] }));
    writeFileSync(path.join(dir, "batches.jsonl"), `${lines.join("\n")}\n`);
    const spool = await openSpool(dir, { now: () => 1 });
    expect(spool.pendingCount()).toBe(n);
    expect(spool.pending(2).map((b) => b.batchId)).toEqual(["b-0", "b-1"]);
    expect((await spool.append(results(0, 1))).seq).toBe(n + 1);
    await spool.close();
  }, 60_000);

  it("loses nothing appended and resends nothing answered when the process is killed mid-write", async () => {
    const dir = tmp();
    const appended: string[] = [];
    const answered: string[] = [];
    const rejected: string[] = [];
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/helpers/spool-child.ts"), dir], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let buffered = "";
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        buffered += c.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop()!;
        for (const l of lines) {
          const [op, id] = l.split(" ") as [string, string];
          (op === "A" ? appended : op === "K" ? answered : rejected).push(id);
        }
        // Killed at whatever it is doing once 400 batches are written: usually inside a commit.
        if (appended.length >= 400) child.kill("SIGKILL");
      });
      child.once("exit", (code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`child exited ${code}: ${stderr}`))));
    });

    const spool = await openSpool(dir);
    const pending = spool.pending(10_000).map((b) => b.batchId);
    expect(spool.pendingCount()).toBe(pending.length);
    const pendingSet = new Set(pending);
    const settled = new Set([...answered, ...rejected]);
    // Every batch the child saw written and not answered is still there, in the order it was written ...
    expect(pending.filter((id) => !settled.has(id) && appended.includes(id))).toEqual(appended.filter((id) => !settled.has(id)));
    // ... nothing answered comes back, and at most the one append in flight at the kill is there unreported.
    expect([...settled].filter((id) => pendingSet.has(id))).toEqual([]);
    expect(pending.filter((id) => !appended.includes(id)).length).toBeLessThanOrEqual(1);
    const kept = new Set(spool.rejected(10_000).map((b) => b.batchId));
    expect(rejected.every((id) => kept.has(id))).toBe(true);
    expect(rejected.length).toBeGreaterThan(10);
    await spool.close();
  }, 60_000);
});
