import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { CANONICAL_KEYS } from "@/core/ledger/canonical-result";
import type { ChainItem, RootRecord } from "@/core/ledger/verify-chain";
import type { Db } from "@/lib/db";
import { readChain, readHeads, readRoots } from "./read-chain";

/**
 * The chain export (`ledger export-chain`, docs/verify.md): JSON Lines, UTF-8,
 * one object per line, in this order:
 *   {"type":"ledger-chain","version":1,"exportedAt":…,"probe":null or the one probe exported}
 *   {"type":"root","day":…,"root":…,"leaves":[{"probe","seq","hash"}…]}      oldest day first
 *   {"type":"result","prevHash":…,"hash":…,"result":{the nine canonical fields}}
 *   {"type":"pruned","probe","firstSeq","lastSeq","count","firstAt","lastAt","firstPrevHash","lastHash"}
 *   {"type":"head","probe":…,"seq":…,"hash":…}                               the stored chain heads
 * Results and pruned segments come probe by probe (by key), each in seq order.
 */
export const EXPORT_FORMAT = "ledger-chain";
export const EXPORT_VERSION = 1;

export async function writeChainExport(
  db: Db,
  write: (line: string) => Promise<void> | void,
  opts: { now: Date; probe?: string },
): Promise<{ results: number; pruned: number; roots: number }> {
  await write(JSON.stringify({ type: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: opts.now.toISOString(), probe: opts.probe ?? null }));
  const roots = await readRoots(db);
  // Every leaf, also in a one-probe export: the root of roots is recomputed from all of them.
  for (const r of roots) await write(JSON.stringify({ type: "root", day: r.day, root: r.root, leaves: r.leaves }));
  let results = 0;
  let pruned = 0;
  for await (const item of readChain(db, { probe: opts.probe })) {
    if (item.kind === "result") {
      results++;
      await write(JSON.stringify({ type: "result", prevHash: item.prevHash, hash: item.hash, result: item.result }));
    } else {
      pruned++;
      const { kind: _kind, ...rest } = item;
      await write(JSON.stringify({ type: "pruned", ...rest }));
    }
  }
  for (const [probe, h] of await readHeads(db, { probe: opts.probe })) await write(JSON.stringify({ type: "head", probe, seq: h.seq, hash: h.hash }));
  return { results, pruned, roots: roots.length };
}

export class ChainExportError extends Error {
  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = "ChainExportError";
  }
}

const hash = z.string().regex(/^[0-9a-f]{64}$/, "64 lower-case hex digits");
const canonical = z.object(Object.fromEntries(CANONICAL_KEYS.map((k) => [k, z.unknown()]))).strict();
const line = z.discriminatedUnion("type", [
  z.object({ type: z.literal(EXPORT_FORMAT), version: z.literal(EXPORT_VERSION), exportedAt: z.string(), probe: z.string().nullable() }).strict(),
  z
    .object({ type: z.literal("root"), day: z.string(), root: hash, leaves: z.array(z.object({ probe: z.string(), seq: z.number().int(), hash }).strict()) })
    .strict(),
  z.object({ type: z.literal("result"), prevHash: z.string(), hash: z.string(), result: canonical }).strict(),
  z
    .object({
      type: z.literal("pruned"),
      probe: z.string(),
      firstSeq: z.number().int(),
      lastSeq: z.number().int(),
      count: z.number().int(),
      firstAt: z.string(),
      lastAt: z.string(),
      firstPrevHash: z.string(),
      lastHash: z.string(),
    })
    .strict(),
  z.object({ type: z.literal("head"), probe: z.string(), seq: z.number().int(), hash }).strict(),
]);

/**
 * Reads an export in two passes (roots first, then the chain), so the file is
 * never held in memory. Every line is checked for shape; a bad one stops the
 * read with the file and line number.
 */
export async function readChainExport(
  file: string,
): Promise<{ probe: string | null; roots: RootRecord[]; heads: Map<string, { seq: number; hash: string }>; items: () => AsyncGenerator<ChainItem> }> {
  const roots: RootRecord[] = [];
  let probe: string | null = null;
  const heads = new Map<string, { seq: number; hash: string }>();
  let n = 0;
  for await (const parsed of lines(file)) {
    n++;
    if (n === 1 && parsed.value.type !== EXPORT_FORMAT)
      throw new ChainExportError(file, 1, `not a chain export (the first line must be {"type":"${EXPORT_FORMAT}","version":${EXPORT_VERSION},…})`);
    if (parsed.value.type === EXPORT_FORMAT) probe = parsed.value.probe;
    if (parsed.value.type === "root") roots.push({ day: parsed.value.day, root: parsed.value.root, leaves: parsed.value.leaves });
    if (parsed.value.type === "head") heads.set(parsed.value.probe, { seq: parsed.value.seq, hash: parsed.value.hash });
  }
  if (n === 0) throw new ChainExportError(file, 1, "the file is empty");
  async function* items(): AsyncGenerator<ChainItem> {
    for await (const { value: v } of lines(file)) {
      if (v.type === "result") yield { kind: "result", prevHash: v.prevHash, hash: v.hash, result: v.result as never };
      else if (v.type === "pruned") yield { kind: "pruned", ...v };
    }
  }
  return { probe, roots, heads, items };
}

async function* lines(file: string): AsyncGenerator<{ value: z.infer<typeof line> }> {
  const rl = createInterface({ input: createReadStream(file, { encoding: "utf8" }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of rl) {
    n++;
    if (text.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ChainExportError(file, n, "not valid JSON");
    }
    const r = line.safeParse(json);
    if (!r.success)
      throw new ChainExportError(file, n, `unexpected line: ${r.error.issues.map((i) => `${i.path.join(".") || "(line)"} ${i.message}`).join("; ")}`);
    yield { value: r.data };
  }
}
