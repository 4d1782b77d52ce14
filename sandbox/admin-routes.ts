import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Logger } from "pino";
import { z } from "zod";
import { isSandboxFunction, parseFault, SANDBOX_FUNCTIONS, type Fault, type FaultTable, type SandboxFunction } from "./faults";
import { ApiError, bearerToken, errorResponse, readJsonBody, sendJson, validate, type JsonResponse } from "./http-io";
import { listScenarioFiles, loadNamedScenario, ScenarioFileError, ScenarioNotFoundError } from "./scenario-loader";
import type { ScenarioStatus } from "./scenario-runner";
import { parseScenario, type Scenario } from "./scenario-schema";

export type AdminState = FaultTable & { scenario: ScenarioStatus | null };

/** What the admin API may do to a running sandbox; implemented by server.ts. */
export type SandboxControl = {
  state(): AdminState;
  setFault(fn: SandboxFunction, fault: Fault): void;
  resetFaults(): Promise<void>;
  setOffline(offline: boolean): Promise<void>;
  startScenario(scenario: Scenario, opts?: { speed?: number }): void;
  stopScenario(): Promise<void>;
};

const offlineSchema = z.strictObject({ offline: z.boolean() });
const scenarioRequestSchema = z
  .strictObject({
    name: z.string().min(1).optional(),
    scenario: z.unknown().optional(),
    speed: z.number().positive().max(1_000_000).optional(),
  })
  .refine((b) => (b.name === undefined) !== (b.scenario === undefined), "give exactly one of name or scenario");

/** Compares digests so neither the token's length nor its content leaks through timing. */
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export function createAdminHandler({
  control,
  adminToken,
  scenariosDir,
  logger,
}: {
  control: SandboxControl;
  adminToken: string;
  scenariosDir: string;
  logger: Logger;
}) {
  async function startScenario(body: unknown): Promise<JsonResponse> {
    const request = validate(scenarioRequestSchema, body);
    let scenario: Scenario;
    if (request.name !== undefined) {
      try {
        scenario = await loadNamedScenario(request.name, scenariosDir);
      } catch (error) {
        if (error instanceof ScenarioNotFoundError) throw new ApiError(404, "SCENARIO_NOT_FOUND", `no scenario named "${request.name}" in ${scenariosDir}`);
        if (error instanceof ScenarioFileError) throw new ApiError(400, "INVALID_SCENARIO", error.message, error.problems);
        throw error;
      }
    } else {
      const parsed = parseScenario(request.scenario);
      if (!parsed.ok) throw new ApiError(400, "INVALID_SCENARIO", "the scenario object is invalid", parsed.issues);
      scenario = parsed.scenario;
    }
    control.startScenario(scenario, { speed: request.speed });
    logger.info({ scenario: scenario.name, speed: request.speed ?? scenario.speed }, "scenario started by admin");
    return { status: 200, body: control.state() };
  }

  async function respond(req: IncomingMessage, url: URL): Promise<JsonResponse> {
    const token = bearerToken(req);
    if (token === null || !tokensMatch(token, adminToken)) {
      throw new ApiError(401, "UNAUTHORIZED", "admin token required: Authorization: Bearer <token>", undefined, { "www-authenticate": "Bearer" });
    }
    const route = `${req.method} ${url.pathname.replace(/\/+$/, "")}`;
    const faultMatch = /^PUT \/admin\/faults\/([^/]+)$/.exec(route);

    if (route === "GET /admin/faults") return { status: 200, body: control.state() };
    if (route === "DELETE /admin/faults") {
      await control.resetFaults();
      return { status: 200, body: control.state() };
    }
    if (faultMatch) {
      const fn = decodeURIComponent(faultMatch[1] ?? "");
      if (!isSandboxFunction(fn)) {
        throw new ApiError(
          404,
          "UNKNOWN_FUNCTION",
          `unknown function "${fn}"; expected one of ${SANDBOX_FUNCTIONS.join(", ")} (health only follows the offline switch)`,
        );
      }
      const parsed = parseFault(await readJsonBody(req));
      if (!parsed.ok)
        throw new ApiError(400, "INVALID_FAULT", parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "), parsed.issues);
      control.setFault(fn, parsed.fault);
      logger.info({ function: fn, fault: parsed.fault }, "fault set by admin");
      return { status: 200, body: control.state() };
    }
    if (route === "PUT /admin/offline") {
      const { offline } = validate(offlineSchema, await readJsonBody(req));
      await control.setOffline(offline);
      logger.info({ offline }, "offline switch set by admin");
      return { status: 200, body: control.state() };
    }
    if (route === "GET /admin/scenarios") {
      const files = await listScenarioFiles(scenariosDir);
      return { status: 200, body: { scenarios: files.map((f) => path.basename(f, ".yaml")) } };
    }
    if (route === "POST /admin/scenario") return startScenario(await readJsonBody(req));
    if (route === "DELETE /admin/scenario") {
      await control.stopScenario();
      return { status: 200, body: control.state() };
    }
    throw new ApiError(404, "NOT_FOUND", `no admin route ${route}`);
  }

  return async function handleAdmin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    let reply: JsonResponse;
    try {
      reply = await respond(req, url);
    } catch (error) {
      if (error instanceof ApiError) reply = errorResponse(error);
      else {
        logger.error({ err: error, path: url.pathname }, "admin error");
        reply = errorResponse(new ApiError(500, "INTERNAL_ERROR", "internal error"));
      }
    }
    if (!res.destroyed) sendJson(res, reply);
  };
}
