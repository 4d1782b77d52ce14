#!/usr/bin/env node
// Checks an Uptime Ledger chain export (docs/verify.md) on its own. Node.js standard library only.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
const sha = (s) => createHash("sha256").update(s, "utf8").digest("hex");
const fail = (msg) => {
  console.error(`BROKEN: ${msg}`);
  process.exit(1);
};
const lines = readFileSync(process.argv[2], "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));
const only = lines[0].probe,
  head = new Map(),
  atSeq = new Map(),
  ZERO = "0".repeat(64);
for (const x of lines.filter((x) => x.type === "result" || x.type === "pruned")) {
  const p = x.type === "result" ? x.result.probe : x.probe,
    [seq, prev] = head.get(p) ?? [0, ZERO];
  if (x.type === "result") {
    const r = x.result,
      h = sha(prev + JSON.stringify(r, Object.keys(r).sort()));
    if (r.seq !== seq + 1 || x.prevHash !== prev)
      fail(`${p} seq ${seq + 1} at ${r.at}: expected seq ${seq + 1} after ${prev}, found seq ${r.seq} after ${x.prevHash}`);
    if (h !== x.hash) fail(`${p} seq ${r.seq} at ${r.at}: expected hash ${h}, found ${x.hash}`);
    head.set(p, [r.seq, h]);
  } else if (x.firstSeq !== seq + 1 || x.firstPrevHash !== prev || x.count !== x.lastSeq - seq)
    fail(`${p} pruned seq ${x.firstSeq}-${x.lastSeq} does not continue from seq ${seq} ${prev}`);
  else head.set(p, [x.lastSeq, x.lastHash]);
  atSeq.set(`${p} ${head.get(p)[0]}`, head.get(p)[1]);
}
for (const x of lines) {
  if (x.type === "head" && String(head.get(x.probe) ?? [0, ZERO]) !== String([x.seq, x.hash]))
    fail(`${x.probe}: chain ends at ${head.get(x.probe)}, head says seq ${x.seq} ${x.hash}`);
  if (x.type !== "root") continue;
  const root = sha(
    `uptime-ledger day-root v1\nday ${x.day}\n` +
      [...x.leaves]
        .sort((a, b) => (a.probe < b.probe ? -1 : 1))
        .map((l) => `${l.probe} ${l.seq} ${l.hash}\n`)
        .join(""),
  );
  if (root !== x.root) fail(`root of ${x.day}: expected ${root}, found ${x.root}`);
  for (const l of x.leaves)
    if ((only === null || only === l.probe) && atSeq.get(`${l.probe} ${l.seq}`) !== l.hash)
      fail(`${l.probe} seq ${l.seq}: the root of ${x.day} says ${l.hash}, the chain has ${atSeq.get(`${l.probe} ${l.seq}`)}`);
}
console.log(
  `OK: ${head.size} probes, ${lines.filter((x) => x.type === "result").length} results, ${lines.filter((x) => x.type === "root").length} daily roots`,
);
