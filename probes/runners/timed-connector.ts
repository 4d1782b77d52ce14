import dns from "node:dns";
import type { LookupFunction, Socket } from "node:net";
import tls from "node:tls";
import { Agent, buildConnector } from "undici";
import type { TimingPhases } from "@/core/result-detail";

/** Instants (performance.now()) of the phases of the most recent connection. */
export type PhaseMarks = {
  start: number;
  dnsStart: number | null;
  dnsEnd: number | null;
  connectStart: number | null;
  connectEnd: number | null;
  tlsEnd: number | null;
  firstByte: number | null;
};

/**
 * An undici Agent for one check whose connector notes when DNS, TCP connect and
 * the TLS handshake finish, so a failure shows where the time went. One agent
 * per run: a fresh connection and a full handshake every time (no TLS session
 * reuse), as a citizen's phone opening the app would see it.
 */
export function timedAgent(opts: { connectTimeoutMs: number; ca: string | null }): { agent: Agent; marks: PhaseMarks } {
  const marks: PhaseMarks = { start: performance.now(), dnsStart: null, dnsEnd: null, connectStart: null, connectEnd: null, tlsEnd: null, firstByte: null };
  const lookup: LookupFunction = (hostname, options, callback) => {
    marks.dnsStart = performance.now();
    dns.lookup(hostname, options, (err, address, family) => {
      marks.dnsEnd = performance.now();
      (callback as (e: NodeJS.ErrnoException | null, a: string | dns.LookupAddress[], f?: number) => void)(err, address, family);
    });
  };
  const base = buildConnector({
    lookup,
    timeout: opts.connectTimeoutMs,
    maxCachedSessions: 0,
    ...(opts.ca ? { ca: [...tlsRootCertificates(), opts.ca] } : {}),
  });
  const connect: buildConnector.connector = (options, callback) => {
    marks.connectStart = performance.now();
    marks.dnsStart = marks.dnsEnd = marks.connectEnd = marks.tlsEnd = null;
    // undici's connector returns the socket although its type says void.
    const socket = (base as unknown as (o: buildConnector.Options, cb: buildConnector.Callback) => Socket)(options, (err, s) => {
      if (!err && options.protocol === "https:") marks.tlsEnd = performance.now();
      (callback as (e: Error | null, socket: Socket | null) => void)(err, s);
    });
    socket?.once("connect", () => {
      marks.connectEnd = performance.now();
    });
  };
  return { agent: new Agent({ connect, pipelining: 0, connections: 1 }), marks };
}

/** Milliseconds from the start of the check to each phase's end. */
export function phasesOf(marks: PhaseMarks, end: number): TimingPhases {
  const since = (t: number | null) => (t === null ? null : Math.round(t - marks.start));
  return {
    dnsMs: marks.dnsStart !== null && marks.dnsEnd !== null ? since(marks.dnsEnd) : null,
    connectMs: since(marks.connectEnd),
    tlsMs: since(marks.tlsEnd),
    firstByteMs: since(marks.firstByte),
    totalMs: Math.round(end - marks.start),
  };
}

/** Node's bundled roots: a configured private CA is added to them, not put in their place. */
function tlsRootCertificates(): readonly string[] {
  return tls.rootCertificates;
}
