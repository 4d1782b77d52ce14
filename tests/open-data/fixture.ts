import { vi } from "vitest";
import type { ProbeResult, ProbeState } from "@/core/probe-result";
import type { Db } from "@/lib/db";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

export const INTERVAL_SEC = 10;
/** Runs per function: half an hour of 10-second results ending just before now. */
export const RUNS = 180;
/** An outage cause with everything CSV and XML must escape. */
export const NASTY_MESSAGE = 'expected "ok", got <html> & 한글, then\r\nline 2';

export type Fixture = {
  db: Db;
  slug: string;
  /** the start of the first run and the end of the last one's interval */
  start: Date;
  end: Date;
  reportedOutageId: number;
};

/**
 * A fresh database with one service of three functions, routes pointed at it:
 * - topup: UP, a closed outage of 6 DOWN runs in the middle, then an outage still open (the last 4 runs);
 * - payment: UP and DEGRADED, last run UP;
 * - balance: never measured (NO_DATA);
 * plus one REPORTED outage of topup. Results are placed before the real clock, since
 * the routes read "now" themselves.
 */
export async function openDataFixture(): Promise<Fixture> {
  const { db, url } = await createTestDb();
  const { slug, refs, probeKey } = await createService(db, {
    functions: ["topup", "payment", "balance"],
    intervalSec: INTERVAL_SEC,
    confirm: 3,
    contract: true,
  });
  const step = INTERVAL_SEC * 1000;
  // The last run starts at most one interval ago: the routes' own clock then sees it as current
  // (displayState allows 2 intervals), with at least 10 s to spare for the test to run.
  const lastRun = Math.floor(Date.now() / step) * step;
  const first = lastRun - (RUNS - 1) * step;

  const batch: ProbeResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const at = new Date(first + i * step);
    const topupDown = (i >= 80 && i < 86) || i >= RUNS - 4;
    batch.push(run(probeKey("topup"), at, topupDown ? "DOWN" : "UP", i));
    batch.push(run(probeKey("payment"), at, i % 7 === 3 ? "DEGRADED" : "UP", i));
  }
  await recordResults(db, refs, batch);

  const service = await db.service.findUniqueOrThrow({ where: { slug }, include: { functions: true } });
  const topup = service.functions.find((f) => f.key === "topup")!;
  const reported = await db.outage.create({
    data: {
      serviceId: service.id,
      functionId: topup.id,
      source: "REPORTED",
      startedAt: new Date(first - 86_400_000),
      endedAt: new Date(first - 86_400_000 + 3_600_000),
      message: "보도: 충전 지연",
      sources: JSON.stringify([{ title: "부산일보" }]),
    },
  });

  // The routes read the database named by the environment, as in production.
  process.env.DATABASE_URL = url;
  vi.resetModules();
  return { db, slug, start: new Date(first), end: new Date(lastRun + step), reportedOutageId: reported.id };
}

function run(probeKey: string, at: Date, state: ProbeState, i: number): ProbeResult {
  const down = state === "DOWN";
  return {
    probeKey,
    at,
    intervalSec: INTERVAL_SEC,
    state,
    latencyMs: down ? null : state === "DEGRADED" ? 2_400 + i : 120 + (i % 13),
    httpStatus: down ? 503 : 200,
    errorClass: down ? "ASSERTION_STATUS" : null,
    message: down ? NASTY_MESSAGE : null,
  };
}

type Ctx = { params: Promise<{ slug: string }> };
export type SlugRoute = (req: Request, ctx: Ctx) => Promise<Response>;

/** Calls a route handler as Next.js would. */
export function call(handler: SlugRoute, path: string, slug: string): Promise<Response> {
  return handler(new Request(`http://ledger.test${path}`), { params: Promise.resolve({ slug }) });
}
