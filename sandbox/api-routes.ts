import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { AlertInbox } from "./alert-inbox";
import { reasonBodySchema, identitySchema, idempotencyKeySchema, loginSchema, paymentSchema, signupSchema, topupSchema } from "./api-schemas";
import { applyFault } from "./fault-gate";
import type { Fault, SandboxFunction } from "./faults";
import { ApiError, bearerToken, errorResponse, readJsonBody, sendHtml, sendJson, validate, type JsonResponse } from "./http-io";
import { requestFingerprint, type IdempotencyStore } from "./idempotency-store";
import type { WalletStore } from "./wallet-store";
import { renderWebPage } from "./web-page";

type HtmlReply = { status: number; html: string };
type Reply = JsonResponse | HtmlReply;

type RouteContext = {
  body: unknown;
  headers: IncomingMessage["headers"];
  params: string[];
  query: URLSearchParams;
  /** The authenticated member; throws 401 when the Bearer token is missing or unknown. */
  memberId: () => string;
};

type Route = {
  method: "GET" | "POST";
  path: RegExp;
  /** null: never faulted (health). */
  fn: SandboxFunction | null;
  /** Money calls require an Idempotency-Key and are replayed from memory. */
  money?: boolean;
  run: (ctx: RouteContext) => Reply;
};

export type ApiDeps = {
  wallet: WalletStore;
  idempotency: IdempotencyStore;
  clock: () => number;
  faultFor: (fn: SandboxFunction) => Fault;
  /** Aborted when the sandbox closes, so delayed responses stop waiting. */
  signal: AbortSignal;
  logger: Logger;
  inbox: AlertInbox;
};

function buildRoutes({ wallet, clock, inbox, logger }: ApiDeps): Route[] {
  const ID = "([A-Za-z0-9]{1,40})";
  return [
    { method: "GET", path: /^\/api\/v1\/health$/, fn: null, run: () => ({ status: 200, body: { status: "ok", time: new Date(clock()).toISOString() } }) },
    { method: "POST", path: /^\/api\/v1\/members$/, fn: "signup", run: ({ body }) => ({ status: 201, body: wallet.signup(validate(signupSchema, body)) }) },
    {
      method: "POST",
      path: new RegExp(`^/api/v1/members/${ID}/identity$`),
      fn: "identity",
      run: ({ body, params }) => ({ status: 200, body: wallet.verifyIdentity(params[0] ?? "", validate(identitySchema, body)) }),
    },
    { method: "POST", path: /^\/api\/v1\/auth\/login$/, fn: "login", run: ({ body }) => ({ status: 200, body: wallet.login(validate(loginSchema, body)) }) },
    { method: "GET", path: /^\/api\/v1\/wallet\/balance$/, fn: "balance", run: ({ memberId }) => ({ status: 200, body: wallet.balance(memberId()) }) },
    {
      method: "POST",
      path: /^\/api\/v1\/wallet\/topups$/,
      fn: "topup",
      money: true,
      run: ({ body, memberId }) => ({ status: 201, body: wallet.topup(memberId(), validate(topupSchema, body)) }),
    },
    {
      method: "POST",
      path: new RegExp(`^/api/v1/wallet/topups/${ID}/refund$`),
      fn: "refund",
      money: true,
      run: ({ body, params, memberId }) => {
        validate(reasonBodySchema, body);
        return { status: 200, body: wallet.refund(memberId(), params[0] ?? "") };
      },
    },
    {
      method: "POST",
      path: /^\/api\/v1\/payments$/,
      fn: "payment",
      money: true,
      run: ({ body, memberId }) => ({ status: 201, body: wallet.pay(memberId(), validate(paymentSchema, body)) }),
    },
    {
      method: "POST",
      path: new RegExp(`^/api/v1/payments/${ID}/cancel$`),
      fn: "cancel",
      money: true,
      run: ({ body, params, memberId }) => {
        validate(reasonBodySchema, body);
        return { status: 200, body: wallet.cancel(memberId(), params[0] ?? "") };
      },
    },
    { method: "GET", path: /^\/app\/?$/, fn: "app", run: ({ query }) => ({ status: 200, html: renderWebPage(query.get("account")) }) },
    // The operator's alert inbox (never faulted: the demo shows alerts arriving while the service fails).
    {
      method: "POST",
      path: /^\/ops\/alerts$/,
      fn: null,
      run: ({ body, headers }) => {
        const m = inbox.receive(body, headers);
        logger.info({ event: m.event, delivery: m.delivery }, "alert received");
        return { status: 202, body: { received: true } };
      },
    },
    { method: "GET", path: /^\/ops\/alerts$/, fn: null, run: () => ({ status: 200, body: { alerts: inbox.list() } }) },
  ];
}

export function createApiHandler(deps: ApiDeps) {
  const routes = buildRoutes(deps);
  const { wallet, idempotency, logger } = deps;

  async function respond(req: IncomingMessage, res: ServerResponse, url: URL): Promise<Reply | null> {
    if (url.pathname === "/" && req.method === "GET") return { status: 302, body: { location: "/app" }, headers: { location: "/app" } };
    const candidates = routes.filter((r) => r.path.test(url.pathname));
    const route = candidates.find((r) => r.method === req.method);
    if (!route) {
      if (candidates.length === 0) throw new ApiError(404, "NOT_FOUND", `${url.pathname} 경로를 찾을 수 없습니다.`);
      throw new ApiError(405, "METHOD_NOT_ALLOWED", `${req.method} 메서드는 허용되지 않습니다.`, undefined, {
        allow: candidates.map((r) => r.method).join(", "),
      });
    }

    if (route.fn && (await applyFault(deps.faultFor(route.fn), route.fn, req, res, deps.signal)) === "handled") return null;

    const body = req.method === "POST" ? await readJsonBody(req) : undefined;
    let authenticated: string | null = null;
    const ctx: RouteContext = {
      body,
      headers: req.headers,
      params: route.path.exec(url.pathname)?.slice(1) ?? [],
      query: url.searchParams,
      memberId: () => {
        const token = bearerToken(req);
        authenticated ??= token === null ? null : wallet.authenticate(token);
        if (authenticated === null) throw new ApiError(401, "UNAUTHORIZED", "인증이 필요합니다.", undefined, { "www-authenticate": "Bearer" });
        return authenticated;
      },
    };
    if (!route.money) return route.run(ctx);

    const memberId = ctx.memberId();
    const rawKey = req.headers["idempotency-key"];
    if (rawKey === undefined) throw new ApiError(400, "IDEMPOTENCY_KEY_REQUIRED", "Idempotency-Key 헤더가 필요합니다.");
    const parsedKey = idempotencyKeySchema.safeParse(rawKey);
    if (!parsedKey.success) throw new ApiError(400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key는 1~255자의 ASCII 문자여야 합니다.");
    const key = parsedKey.data;
    const fingerprint = requestFingerprint(route.method, url.pathname, body);
    const previous = idempotency.lookup(memberId, key, fingerprint);
    if (previous.kind === "replay") return { ...previous.response, headers: { ...previous.response.headers, "idempotent-replayed": "true" } };
    if (previous.kind === "conflict") {
      throw new ApiError(409, "IDEMPOTENCY_KEY_REUSED", "같은 Idempotency-Key가 다른 요청에 이미 사용되었습니다.");
    }
    let reply: JsonResponse;
    try {
      reply = route.run(ctx) as JsonResponse;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      reply = errorResponse(error);
    }
    // Business outcomes (success, 409, 422) are final and replayed; a malformed request may be fixed and retried.
    if (reply.status !== 400) idempotency.store(memberId, key, fingerprint, reply);
    return reply;
  }

  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    res.on("finish", () => {
      logger.debug({ method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round(performance.now() - started) }, "request");
    });
    let reply: Reply | null;
    try {
      reply = await respond(req, res, url);
    } catch (error) {
      if (error instanceof ApiError) reply = errorResponse(error);
      else {
        logger.error({ err: error, path: url.pathname }, "unexpected error");
        reply = errorResponse(new ApiError(500, "INTERNAL_ERROR", "내부 오류가 발생했습니다."));
      }
    }
    if (reply === null || res.headersSent || res.destroyed) return;
    if ("html" in reply) sendHtml(res, reply.status, reply.html);
    else sendJson(res, reply);
  };
}
