import { createWriteStream, existsSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { parseArgs } from "node:util";
import type { VerifyReport } from "@/core/ledger/verify-chain";
import { openDb } from "@/lib/db";
import { backupDatabase, restoreDatabase } from "@/lib/ledger/backup";
import { writeChainExport } from "@/lib/ledger/chain-export";
import { verifyDatabase, verifyExport } from "@/lib/ledger/verify-ledger";
import { UsageError } from "./usage-error";

export const CHAIN_USAGE = `ledger verify [--file <export.jsonl>] [--probe <key>] [--json]
  Recomputes every probe's hash chain (from the database, or from an export file)
  and checks the published daily roots and chain heads against it. Exit 0 when
  intact; exit 1 naming the first broken link: probe, seq, instant, expected, found.

ledger export-chain [--out <file.jsonl>] [--probe <key>]
  Writes the chain as JSON Lines (docs/verify.md), to stdout without --out.

ledger backup <file>
  An online backup of the SQLite database (safe while the ledger runs), checked after writing.

ledger restore <file>
  Puts a backup in place of the database; stop the ledger first. The current
  database is kept beside it as <name>.before-restore-<time>.`;

type Defaults = { databaseUrl: string };

export async function verifyCommand(args: string[], defaults: Defaults, out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: "string" }, probe: { type: "string" }, json: { type: "boolean" } }, strict: true });
  let report: VerifyReport;
  if (values.file) {
    if (values.probe) throw new UsageError("--probe applies to the database; an export names its probe itself");
    report = await verifyExport(values.file);
  } else {
    const db = await openExisting(defaults.databaseUrl);
    try {
      report = await verifyDatabase(db, { probe: values.probe });
    } finally {
      await db.$disconnect();
    }
  }
  if (values.json) out(JSON.stringify(report, null, 2));
  else out(describe(report, values.file ?? "the database"));
  return report.ok ? 0 : 1;
}

function describe(r: VerifyReport, source: string): string {
  const results = r.probes.reduce((n, p) => n + p.results, 0);
  const pruned = r.probes.reduce((n, p) => n + p.pruned, 0);
  const segments = r.probes.reduce((n, p) => n + p.prunedSegments, 0);
  const summary = `${r.probes.length} probes, ${results} results, ${segments} pruned segments (${pruned} results), ${r.roots} daily roots (${r.rootsChecked} probe roots checked)`;
  if (r.ok) return `chain intact in ${source}: ${summary}`;
  const b = r.breaks[0]!;
  const lines = [
    `BROKEN chain in ${source}: ${b.reason}`,
    `  probe:    ${b.probe}`,
    `  seq:      ${b.seq}`,
    `  at:       ${b.at ?? "-"}`,
    ...(b.day ? [`  root of:  ${b.day}`] : []),
    `  expected: ${b.expected}`,
    `  found:    ${b.found}`,
  ];
  if (r.breaks.length > 1) lines.push(`and ${r.breaks.length - 1} more break(s) in other probes or roots (--json lists them all)`);
  lines.push(`checked: ${summary}`);
  return lines.join("\n");
}

export async function exportChainCommand(args: string[], defaults: Defaults, out: (s: string) => void): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: "string" }, probe: { type: "string" } }, strict: true });
  const db = await openExisting(defaults.databaseUrl);
  try {
    if (values.probe && !(await db.probe.findUnique({ where: { key: values.probe } }))) throw new UsageError(`no probe "${values.probe}"`);
    if (!values.out) {
      await writeChainExport(db, (l) => out(l), { now: new Date(), probe: values.probe });
      return 0;
    }
    const file = path.resolve(values.out);
    if (existsSync(file)) throw new UsageError(`${file} already exists`);
    const stream = createWriteStream(file, { encoding: "utf8" });
    const r = await writeChainExport(
      db,
      async (l) => {
        if (!stream.write(`${l}\n`)) await once(stream, "drain");
      },
      { now: new Date(), probe: values.probe },
    );
    stream.end();
    await once(stream, "finish");
    process.stderr.write(`${file}: ${r.results} results, ${r.pruned} pruned segments, ${r.roots} daily roots\n`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

export async function backupCommand(args: string[], defaults: Defaults, out: (s: string) => void): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError("ledger backup <file>");
  const db = await openExisting(defaults.databaseUrl);
  try {
    const r = await backupDatabase(db, defaults.databaseUrl, positionals[0]!);
    out(`backup written and checked: ${r.file} (${r.bytes} bytes)`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

export async function restoreCommand(args: string[], defaults: Defaults, out: (s: string) => void): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError("ledger restore <file>");
  const r = await restoreDatabase(defaults.databaseUrl, positionals[0]!, new Date());
  out(`restored ${positionals[0]} to ${r.file}${r.previous ? `; the database it replaced is kept as ${r.previous}` : ""}`);
  out("check it with: npx ledger verify");
  return 0;
}

async function openExisting(url: string) {
  if (url.startsWith("file:") && !existsSync(path.resolve(url.slice("file:".length))))
    throw new UsageError(`no database at ${url.slice("file:".length)} (set DATABASE_URL or LEDGER_DATA_DIR)`);
  return openDb(url);
}
