import { serverAlertPlan } from "@/lib/alerts/server-alert-plan";
import { AgentBatchError, MAX_BATCH_BYTES, receiveAgentBatch } from "@/lib/agents/receive-batch";
import { evidenceDir } from "@/lib/data/evidence-blob";
import { getDb } from "@/lib/db";
import { readBodyLimited } from "@/lib/http/read-body-limited";
import { logger } from "@/lib/log";
import { pageCacheInvalidator } from "@/lib/page-cache";
import { changesRecord } from "@/lib/store/function-outages";
import { apiError, json } from "../../responses";

export const dynamic = "force-dynamic";

const log = logger("agents");
const invalidate = pageCacheInvalidator(log);

/**
 * POST /api/v1/agents/results: a signed batch of results from a remote probe agent
 * (docs/agents.md). 200 stored (or already stored), 202 held back, 4xx refused.
 */
export async function POST(req: Request): Promise<Response> {
  const agent = req.headers.get("x-ledger-agent");
  const signature = req.headers.get("x-ledger-signature");
  // Unsigned posts are refused unread; the rest are read only up to the limit, before the signature is checked.
  const bytes = agent && signature ? await readBodyLimited(req, MAX_BATCH_BYTES) : new Uint8Array(0);
  if (!bytes) return apiError(413, "too_large", `a batch may be at most ${MAX_BATCH_BYTES} bytes; send fewer results per batch`);
  try {
    const outcome = await receiveAgentBatch(
      await getDb(),
      {
        body: new TextDecoder().decode(bytes),
        agent,
        signature,
        receivedAt: new Date(),
      },
      { alerts: serverAlertPlan(), evidenceDir: evidenceDir(), onRecorded: (events) => invalidate(changesRecord(events)) },
    );
    if (outcome.status === "held")
      log.warn({ agent: req.headers.get("x-ledger-agent"), batchId: outcome.batchId, reason: outcome.reason }, "agent batch held back");
    return json(outcome, outcome.status === "held" ? 202 : 200);
  } catch (err) {
    if (err instanceof AgentBatchError) {
      log.warn({ agent: req.headers.get("x-ledger-agent"), code: err.code, message: err.message }, "agent batch refused");
      return json({ error: { code: err.code, message: err.message, ...err.extra } }, err.httpStatus);
    }
    throw err;
  }
}
