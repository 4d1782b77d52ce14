import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLogSchema } from "@/lib/openapi/schemas";
import type { ProbeResult } from "@/core/probe-result";
import { alertPlan } from "@/lib/alerts/alert-plan";
import { deliverDueAlerts } from "@/lib/alerts/deliver-due-alerts";
import { createMailer } from "@/lib/alerts/send-email";
import { listDeliveries, listDisputes, listUsers } from "@/lib/data/admin-views";
import type { Db } from "@/lib/db";
import { logger } from "@/lib/log";
import { recordResults } from "@/lib/store/record-results";
import { createService } from "../helpers/factories";
import { startHttpReceiver } from "../helpers/http-receiver";
import { startSmtpReceiver } from "../helpers/smtp-receiver";
import { createTestDb } from "../helpers/test-db";
import { createTestUser } from "../helpers/users";

/**
 * Secrets and credentials (SMTP password, webhook secret, a Slack-style URL
 * whose path is the secret, password hashes, session tokens and their hashes)
 * never appear in anything the site publishes or shows admins: every public
 * API answer and export, the activity log, and the admins' views.
 */
const SMTP_PASSWORD = "smtp-password-9f2c1e7a";
const WEBHOOK_SECRET = "hook-signing-secret-5d0b8a2c";
const SLACK_PATH = "/services/T0AAAA/B0BBBB/xoxbSecretPath77";

type Route = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
let db: Db;
let slug: string;
let secrets: string[];
let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
let hook: Awaited<ReturnType<typeof startHttpReceiver>>;

beforeAll(async () => {
  smtp = await startSmtpReceiver({ user: "alerts", password: SMTP_PASSWORD });
  hook = await startHttpReceiver();
  const t = await createTestDb();
  db = t.db;
  const svc = await createService(db, {
    confirm: 3,
    contract: true,
    alerts: (s) => ({
      smtp: { host: "127.0.0.1", port: smtp.port, user: "alerts", password: SMTP_PASSWORD, from: "alerts@ledger.test" },
      channels: [
        { key: "signed", kind: "webhook", url: `${hook.url}/in`, secret: WEBHOOK_SECRET },
        { key: "slack", kind: "webhook", url: `http://127.0.0.1:9${SLACK_PATH}`, format: "slack" },
        { key: "mail", kind: "email", to: ["oncall@operator.test"] },
      ],
      policies: [{ key: "p", services: [s], escalation: [{ channels: ["signed", "slack", "mail"] }] }],
    }),
  });
  slug = svc.slug;
  const t0 = Date.now() - 600_000;
  const batch: ProbeResult[] = [..."UUDDDDUU"].map((c, i) => ({
    probeKey: svc.probeKey("topup"),
    at: new Date(t0 + i * 10_000),
    intervalSec: 10,
    state: c === "D" ? "DOWN" : "UP",
    latencyMs: 90,
    httpStatus: c === "D" ? 503 : 200,
    errorClass: c === "D" ? "ASSERTION_STATUS" : null,
    message: null,
  }));
  await recordResults(db, svc.refs, batch, { alerts: alertPlan(svc.config.alerts, "https://ledger.test", () => t0 + 60_000) });
  const mailer = createMailer(svc.config.alerts.smtp!, "https://ledger.test");
  // delivered to the signed webhook and by mail; refused at the Slack-style URL (recorded as a failed attempt)
  await deliverDueAlerts(db, svc.config.alerts, { now: () => t0 + 70_000, log: logger("test"), mailer });
  mailer.close();

  const op = await createTestUser(db, { role: "OPERATOR", services: [slug] });
  const admin = await createTestUser(db, { role: "ADMIN" });
  const users = await db.user.findMany({ select: { passwordHash: true } });
  const sessions = await db.session.findMany({ select: { tokenHash: true } });
  secrets = [
    SMTP_PASSWORD,
    WEBHOOK_SECRET,
    SLACK_PATH,
    "xoxbSecretPath77",
    op.token,
    admin.token,
    op.password,
    admin.password,
    ...users.map((u) => u.passwordHash),
    ...users.map((u) => u.passwordHash.split("$").at(-1)!),
    ...sessions.map((s) => s.tokenHash),
  ];
  expect(await db.alertAttempt.count({ where: { ok: false } })).toBeGreaterThan(0);

  process.env.DATABASE_URL = t.url;
  process.env.LEDGER_SECRET = "secrets-test-signing-secret-of-32-chars!";
  vi.resetModules();
});

afterAll(async () => {
  await smtp.close();
  await hook.close();
});

function clean(where: string, text: string) {
  for (const s of secrets) expect(text.includes(s), `${where} contains a secret (${s.slice(0, 10)}…)`).toBe(false);
}

describe("secrets never appear", () => {
  it("in any public API answer or export", async () => {
    const calls: [string, string, Record<string, string>][] = [
      ["@/app/api/v1/services/route", "/api/v1/services", {}],
      ["@/app/api/v1/services/[slug]/route", `/api/v1/services/${slug}`, { slug }],
      ["@/app/api/v1/services/[slug]/outages/route", `/api/v1/services/${slug}/outages`, { slug }],
      ["@/app/api/v1/services/[slug]/outages.csv/route", `/api/v1/services/${slug}/outages.csv`, { slug }],
      ["@/app/api/v1/services/[slug]/results/route", `/api/v1/services/${slug}/results`, { slug }],
      ["@/app/api/v1/services/[slug]/results/route", `/api/v1/services/${slug}/results?format=csv`, { slug }],
      ["@/app/api/v1/services/[slug]/feed.atom/route", `/api/v1/services/${slug}/feed.atom`, { slug }],
      ["@/app/api/v1/services/[slug]/badge.svg/route", `/api/v1/services/${slug}/badge.svg`, { slug }],
      ["@/app/api/v1/feed.atom/route", "/api/v1/feed.atom", {}],
      ["@/app/api/v1/audit/route", "/api/v1/audit?limit=1000", {}],
      ["@/app/api/v1/openapi.json/route", "/api/v1/openapi.json", {}],
      ["@/app/metrics/route", "/metrics", {}],
    ];
    for (const [mod, url, params] of calls) {
      const { GET } = (await import(mod)) as { GET: Route };
      const res = await GET(new Request(`http://ledger.test${url}`), { params: Promise.resolve(params) });
      expect(res.status, url).toBe(200);
      clean(url, await res.text());
    }
  });

  it("in the activity log, which checks out and matches its documented schema", async () => {
    const { GET } = (await import("@/app/api/v1/audit/route")) as { GET: Route };
    const body = auditLogSchema.parse(await (await GET(new Request("http://ledger.test/api/v1/audit"), { params: Promise.resolve({}) })).json());
    expect(body.chain.intact).toBe(true);
    expect(body.entries.map((e) => e.action)).toEqual(["user.create", "user.create"]);
  });

  it("in what admins see: accounts, deliveries (with a failed attempt's error) and disputes", async () => {
    clean("users", JSON.stringify(await listUsers(db)));
    const deliveries = await listDeliveries(db);
    // the outage opened and closed in one batch: an opening and a closing alert per channel
    expect(deliveries.map((d) => `${d.kind} ${d.channelKey}`).sort()).toEqual(
      ["mail", "signed", "slack"].flatMap((c) => [`outage_closed ${c}`, `outage_opened ${c}`]).sort(),
    );
    expect(deliveries.filter((d) => d.channelKey === "slack").every((d) => d.deliveryAttempts[0]!.ok === false)).toBe(true);
    clean("deliveries", JSON.stringify(deliveries));
    clean("disputes", JSON.stringify(await listDisputes(db)));
  });

  it("in the outbox and the attempts as stored", async () => {
    clean("outbox", JSON.stringify(await db.alertOutbox.findMany()));
    clean("attempts", JSON.stringify(await db.alertAttempt.findMany()));
  });
});
