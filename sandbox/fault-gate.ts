import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import type { Fault, SandboxFunction } from "./faults";
import { errorResponse, ApiError, sendHtml, sendJson } from "./http-io";

export type GateOutcome = "continue" | "handled";

const ERROR_CODES: Record<number, string> = {
  500: "INTERNAL_ERROR",
  502: "BAD_GATEWAY",
  503: "SERVICE_UNAVAILABLE",
  504: "GATEWAY_TIMEOUT",
};

const DEFAULT_ERROR_MESSAGE = "일시적으로 서비스를 이용할 수 없습니다. 잠시 후 다시 시도해 주세요.";

/**
 * Acts out a fault before the real handler runs. "continue" means the handler should answer
 * normally (after any delay); "handled" means the fault already answered, or deliberately never will.
 */
export async function applyFault(fault: Fault, fn: SandboxFunction, req: IncomingMessage, res: ServerResponse, signal: AbortSignal): Promise<GateOutcome> {
  switch (fault.mode) {
    case "ok":
      return "continue";
    case "slow":
      try {
        await sleep(fault.latencyMs, undefined, { signal });
        return "continue";
      } catch {
        return "handled"; // the sandbox is closing; its sockets are being destroyed
      }
    case "error": {
      const message = fault.message ?? DEFAULT_ERROR_MESSAGE;
      const headers: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
      if (fn === "app") {
        for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
        sendHtml(res, fault.status, maintenancePage(message, fault.status));
      } else {
        sendJson(res, errorResponse(new ApiError(fault.status, ERROR_CODES[fault.status] ?? "SERVER_ERROR", message, undefined, headers)));
      }
      return "handled";
    }
    case "hang":
      // Drain the body so the socket stays healthy, then never answer. close() ends these sockets.
      req.resume();
      return "handled";
    case "wrong_body":
      if (fault.body === "html") sendHtml(res, 200, maintenancePage("시스템 점검 중입니다. 이용에 불편을 드려 죄송합니다.", 200));
      else sendJson(res, { status: 200, body: { result: "SUCCESS", data: null, message: "정상 처리되었습니다." } });
      return "handled";
    case "refused":
      // A TCP reset with no response at all: clients see ECONNRESET / "socket hang up".
      req.socket.resetAndDestroy();
      return "handled";
  }
}

/** The page operators put up during maintenance; also what a misconfigured gateway answers with 200. */
export function maintenancePage(message: string, status: number): string {
  return `<!doctype html>
<html lang="ko"><head><meta charset="utf-8"><title>서비스 점검 안내</title></head>
<body><h1>서비스 점검 안내</h1><p>${escapeHtml(message)}</p><p><small>${status}</small></p></body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
