import { ChainVerifier, type VerifyReport } from "@/core/ledger/verify-chain";
import type { Db } from "@/lib/db";
import { readChainExport } from "./chain-export";
import { readChain, readHeads, readRoots } from "./read-chain";

/** Recomputes every chain in the database and checks the stored roots and chain heads against it. */
export async function verifyDatabase(db: Db, opts: { probe?: string } = {}): Promise<VerifyReport> {
  const roots = await readRoots(db);
  const v = new ChainVerifier(roots, opts);
  for await (const item of readChain(db, opts)) v.add(item);
  return v.finish(await readHeads(db, opts));
}

/** The same from an export file (`ledger export-chain`). */
export async function verifyExport(file: string): Promise<VerifyReport> {
  const { roots, heads, items, probe } = await readChainExport(file);
  const v = new ChainVerifier(roots, { probe: probe ?? undefined });
  for await (const item of items()) v.add(item);
  return v.finish(heads);
}
