/**
 * Citizens' reports one web process takes: boots the real stack (scripts/start.ts) on its own
 * ports and data folder, then posts reports straight to the Next.js process (not the edge) for
 * 10 s from 16 connections, each report from its own address in X-Forwarded-For (as the edge
 * sets it), cycling through the demo's 7 reportable keys. Every request does the whole work of a
 * report: the service read, the limits (one conditional UPDATE each), the insert and the count.
 * Reports past the ceiling of 300 a minute per key are refused (429) after their limits were
 * checked; both are counted, and the stored rows are compared with the accepted answers.
 */
import path from "node:path";
import { Pool } from "undici";
import { startBenchStack } from "./bench-stack";
import { openDb } from "@/lib/db";

export type CitizenRow = { name: string; value: number; unit: string; note: string };

const PORT = Number(process.env.E2E_PORT_BASE ?? 3300) + 30;
const KEYS = ["signup", "topup", "payment", "balance", "app", "in-store-payment", "other"];

export async function runCitizenReports(): Promise<CitizenRow[]> {
  const stack = await startBenchStack({ port: PORT, name: "citizen" });
  const { dataDir } = stack;
  try {
    const web = new Pool(`http://127.0.0.1:${PORT + 1}`, { connections: 16 });
    let n = 0;
    const statuses = new Map<number, number>();
    const latencies: number[] = [];
    const post = async () => {
      const i = n++;
      const started = performance.now();
      const res = await web.request({
        path: "/api/v1/services/dongbaekjeon/reports",
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        body: JSON.stringify({ function: KEYS[i % KEYS.length] }),
      });
      await res.body.dump();
      latencies.push(performance.now() - started);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    };
    // warm up (compiles the route), then 10 s with 16 requests in flight
    for (let i = 0; i < 20; i++) await post();
    n = 0;
    statuses.clear();
    latencies.length = 0;
    const db = await openDb(`file:${path.join(dataDir, "ledger.db")}`);
    const before = await db.citizenReport.count();
    const started = performance.now();
    const until = started + 10_000;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (performance.now() < until) await post();
      }),
    );
    const secs = (performance.now() - started) / 1000;
    const stored = (await db.citizenReport.count()) - before;
    await db.$disconnect();
    await web.close();
    const accepted = statuses.get(200) ?? 0;
    const limited = statuses.get(429) ?? 0;
    if (accepted !== stored) throw new Error(`accepted ${accepted} reports but stored ${stored}`);
    const other = [...statuses].filter(([s]) => s !== 200 && s !== 429);
    if (other.length > 0) throw new Error(`unexpected answers: ${JSON.stringify(other)}`);
    latencies.sort((a, b) => a - b);
    const p = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!);
    return [
      {
        name: "citizen reports one web process takes (SQLite)",
        value: Math.round((accepted + limited) / secs),
        unit: "reports/s",
        note:
          `${accepted + limited} in ${secs.toFixed(1)} s from 16 connections, each from its own address: ${accepted} counted, ` +
          `${limited} refused by the ceiling of 300 a minute per key (7 keys); p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`,
      },
      {
        name: "citizen reports counted and stored (SQLite)",
        value: Math.round(accepted / secs),
        unit: "reports/s",
        note: `every accepted report is a stored row (${stored}); the ceiling allows 7 × 300 a minute`,
      },
    ];
  } finally {
    await stack.stop();
  }
}
