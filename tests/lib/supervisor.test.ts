import { existsSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/log";
import { supervise } from "@/lib/supervisor";

const node = process.execPath;
const log = logger("test");

describe("supervisor", () => {
  it("restarts a crashing process and leaves the others running", async () => {
    const sup = supervise(
      [
        { name: "crasher", command: node, args: ["-e", "process.exit(3)"], env: process.env },
        { name: "steady", command: node, args: ["-e", "setInterval(() => {}, 1000)"], env: process.env },
      ],
      log,
      { backoffMs: 20, maxBackoffMs: 40 },
    );
    const steadyPid = sup.pid("steady");
    expect(steadyPid).toBeDefined();
    await vi.waitFor(() => expect(sup.restarts("crasher")).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 50 });
    expect(sup.pid("steady")).toBe(steadyPid);
    await sup.stopAll(2000);
    expect(sup.pid("steady")).toBeUndefined();
  });

  it("stops cleanly: SIGTERM first, SIGKILL for a process that ignores it", async () => {
    const ready = path.join(mkdtempSync(path.join(os.tmpdir(), "sup-")), "ready");
    const script = `process.on('SIGTERM', () => {}); require('fs').writeFileSync(${JSON.stringify(ready)}, 'x'); setInterval(() => {}, 1000)`;
    const sup = supervise([{ name: "stubborn", command: node, args: ["-e", script], env: process.env }], log);
    const pid = sup.pid("stubborn")!;
    // the child says when its SIGTERM handler is installed
    await vi.waitFor(() => expect(existsSync(ready)).toBe(true), { timeout: 5000, interval: 20 });
    const started = Date.now();
    await sup.stopAll(500);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
