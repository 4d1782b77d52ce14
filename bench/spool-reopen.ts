/**
 * The child of bench/spool.ts: reopens a filled spool in a fresh process (so its memory
 * is the agent's, not the filler's), starts the sender against the bench's server and
 * reports, as one JSON line: the time to open, to the first batch answered, the batches
 * sent in the following seconds, and the resident size.
 */
import { generateKeyPairSync } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { logger } from "@/lib/log";
import { startSender } from "@/probes/agent/sender";
import { openSpool } from "@/probes/agent/spool";

const [dir, serverUrl, drainSeconds] = process.argv.slice(2) as [string, string, string];
const { privateKey } = generateKeyPairSync("ed25519");
const t0 = performance.now();
const spool = await openSpool(dir);
const openMs = performance.now() - t0;
const pending = spool.pendingCount();
const rssOpenMb = process.memoryUsage().rss / 2 ** 20;
const sender = startSender({ spool, serverUrl, agentKey: "bench", privateKey, log: logger("bench-spool"), retryMs: { min: 10, max: 100 } });
while (sender.stats.sent === 0) await sleep(1);
const firstSentMs = performance.now() - t0;
const s0 = performance.now();
await sleep(Number(drainSeconds) * 1000);
const sent = sender.stats.sent - 1;
const drainS = (performance.now() - s0) / 1000;
await sender.stop();
const rssMb = process.memoryUsage().rss / 2 ** 20;
await spool.close();
process.stdout.write(
  `${JSON.stringify({ openMs, firstSentMs, pending, sentPerS: sent / drainS, rssOpenMb, rssMb, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
