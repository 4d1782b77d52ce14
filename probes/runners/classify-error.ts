import { errors as undiciErrors } from "undici";
import type { ErrorClass } from "@/core/probe-result";

const EXPIRED = new Set(["CERT_HAS_EXPIRED", "ERR_TLS_CERT_EXPIRED"]);
const UNTRUSTED = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_UNTRUSTED",
  "CERT_SIGNATURE_FAILURE",
  "CERT_REVOKED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "HOSTNAME_MISMATCH",
]);
const TLS_CODES = /^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS|ERR_SSL|HOSTNAME_MISMATCH|ERR_CERT)/;

/** The error code of a failure, looking through `cause` chains. */
export function errorCode(err: unknown): string {
  let current: unknown = err;
  for (let i = 0; i < 5 && current && typeof current === "object"; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code !== "UND_ERR_SOCKET" && code !== "UND_ERR_CONNECT") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return (err as { code?: string } | null)?.code ?? "";
}

/**
 * A network failure as an error class and a plain message. Deadline failures
 * are told apart by the caller (it knows how far the exchange got); this maps
 * what the socket said.
 */
export function classifyNetworkError(err: unknown): { errorClass: ErrorClass; message: string } {
  const code = errorCode(err);
  const message = (err as { message?: string } | null)?.message ?? String(err);
  if (code === "ECONNREFUSED") return { errorClass: "CONNECTION_REFUSED", message: "connection refused" };
  if (code === "ECONNRESET" || code === "EPIPE" || err instanceof undiciErrors.SocketError)
    return { errorClass: "CONNECTION_RESET", message: `connection closed by the other side: ${message}` };
  if (code === "ENOTFOUND") return { errorClass: "DNS", message: `name does not exist (NXDOMAIN): ${message}` };
  if (code === "EAI_AGAIN" || code === "ENODATA" || code === "ESERVFAIL" || code === "EAI_FAIL")
    return { errorClass: "DNS", message: `name not resolved (${code}): ${message}` };
  if (EXPIRED.has(code)) return { errorClass: "TLS_CERT_EXPIRED", message: `certificate expired (${code})` };
  if (UNTRUSTED.has(code)) return { errorClass: "TLS_CERT_UNTRUSTED", message: `certificate not trusted (${code}): ${message}` };
  if (TLS_CODES.test(code)) return { errorClass: "TLS", message: `TLS failed (${code}): ${message}` };
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") return { errorClass: "TIMEOUT", message: `connection not established: ${message}` };
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return { errorClass: "NETWORK", message: `${code}: ${message}` };
  if (code === "UND_ERR_INVALID_ARG" || err instanceof TypeError) return { errorClass: "MONITOR_ERROR", message: `monitor error: ${message}` };
  return { errorClass: "NETWORK", message: code ? `${code}: ${message}` : message };
}
