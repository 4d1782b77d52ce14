#!/usr/bin/env python3
# Checks an Uptime Ledger chain export (docs/verify.md) on its own. Standard library only.
import hashlib, json, sys
sha = lambda s: hashlib.sha256(s.encode("utf-8")).hexdigest()
def fail(msg): sys.exit(f"BROKEN: {msg}")
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
only, head, at_seq = lines[0]["probe"], {}, {}
for x in lines:
    if x["type"] not in ("result", "pruned"): continue
    p = x["result"]["probe"] if x["type"] == "result" else x["probe"]; seq, prev = head.get(p, (0, "0" * 64))
    if x["type"] == "result":
        r = x["result"]; h = sha(prev + json.dumps(r, sort_keys=True, separators=(",", ":"), ensure_ascii=False))
        if r["seq"] != seq + 1 or x["prevHash"] != prev: fail(f"{p} seq {seq + 1} at {r['at']}: expected seq {seq + 1} after {prev}, found seq {r['seq']} after {x['prevHash']}")
        if h != x["hash"]: fail(f"{p} seq {r['seq']} at {r['at']}: expected hash {h}, found {x['hash']}")
        head[p] = (r["seq"], h)
    elif x["firstSeq"] != seq + 1 or x["firstPrevHash"] != prev or x["count"] != x["lastSeq"] - seq: fail(f"{p} pruned seq {x['firstSeq']}-{x['lastSeq']} does not continue from seq {seq} {prev}")
    else: head[p] = (x["lastSeq"], x["lastHash"])
    at_seq[(p, head[p][0])] = head[p][1]
for x in lines:
    if x["type"] == "head" and head.get(x["probe"], (0, "0" * 64)) != (x["seq"], x["hash"]): fail(f"{x['probe']}: chain ends at {head.get(x['probe'])}, head says seq {x['seq']} {x['hash']}")
    if x["type"] != "root": continue
    root = sha(f"uptime-ledger day-root v1\nday {x['day']}\n" + "".join(f"{l['probe']} {l['seq']} {l['hash']}\n" for l in sorted(x["leaves"], key=lambda l: l["probe"])))
    if root != x["root"]: fail(f"root of {x['day']}: expected {root}, found {x['root']}")
    for l in x["leaves"]:
        if (only in (None, l["probe"])) and at_seq.get((l["probe"], l["seq"])) != l["hash"]: fail(f"{l['probe']} seq {l['seq']}: the root of {x['day']} says {l['hash']}, the chain has {at_seq.get((l['probe'], l['seq']))}")
print(f"OK: {len(head)} probes, {sum(x['type'] == 'result' for x in lines)} results, {sum(x['type'] == 'root' for x in lines)} daily roots")
