/**
 * The hourly evidence sweep (lib/store/sweep-evidence.ts) over a large evidence
 * folder: how long it takes, and how long it holds the worker's event loop (the
 * probes' schedule runs on it).
 */
import { mkdtempSync, utimesSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openDb } from "@/lib/db";
import { migrateDeploy } from "@/lib/migrate";
import { evidencePath, writeEvidence } from "@/lib/store/evidence-store";
import { EVIDENCE_GRACE_MS, sweepEvidence } from "@/lib/store/sweep-evidence";

type Row = { name: string; value: number; unit: string; note: string };

export async function runEvidenceSweep(files = 20_000): Promise<Row[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-bench-sweep-"));
  const url = `file:${path.join(dir, "bench.db")}`;
  await migrateDeploy(url, process.env);
  const db = await openDb(url);
  const evidence = path.join(dir, "evidence");
  // Half the files have a row (kept), half are orphans past the grace period (removed).
  const old = new Date(Date.now() - EVIDENCE_GRACE_MS - 3_600_000);
  const rows: { hash: string; mediaType: string; size: number }[] = [];
  for (let i = 0; i < files; i++) {
    const ref = await writeEvidence(evidence, {
      role: "body",
      step: null,
      mediaType: "text/plain",
      bytes: new TextEncoder().encode(`{"error":"maintenance","n":${i}} ${"x".repeat(400)}`),
    });
    utimesSync(evidencePath(evidence, ref.hash), old, old);
    if (i % 2 === 0) rows.push({ hash: ref.hash, mediaType: ref.mediaType, size: ref.size });
  }
  for (let i = 0; i < rows.length; i += 1000) await db.evidence.createMany({ data: rows.slice(i, i + 1000) });

  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const started = performance.now();
  const r = await sweepEvidence(db, { dir: evidence, now: Date.now() });
  const ms = performance.now() - started;
  h.disable();
  await db.$disconnect();
  if (r.files !== files / 2) throw new Error(`the sweep removed ${r.files} files, expected ${files / 2}`);
  return [
    {
      name: "evidence sweep (SQLite)",
      value: Math.round(ms),
      unit: "ms",
      note: `${files} files, ${r.files} orphans removed (${Math.round(r.bytes / 1024)} KiB), ${files / 2} kept`,
    },
    {
      name: "evidence sweep: event loop held",
      value: Math.round(h.max / 1e6),
      unit: "ms max",
      note: `p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms while it ran`,
    },
  ];
}
