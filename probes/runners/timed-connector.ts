import { isIP, type LookupFunction, type Socket } from "node:net";
import tls from "node:tls";
import { Agent, buildConnector } from "undici";
import { addressRange, type AddressRange } from "@/core/net/address-range";
import type { TimingPhases } from "@/core/result-detail";
import type { ResolvedAddress, Resolver } from "../resolver";

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

/** Which addresses a check may connect to: names go through `resolve`, and every address must be in an `allowed` range. */
export type AddressGuard = { resolve: Resolver; allowed: ReadonlySet<AddressRange> };

/** A connection refused by the guard before it was attempted: `host` resolved to (or is) `address`, in a range not allowed. */
export class BlockedAddressError extends Error {
  readonly code = "ERR_BLOCKED_ADDRESS";
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: AddressRange,
  ) {
    super(`${host === address ? address : `${host} (${address})`} is a ${range} address`);
  }
}

/** The first address `guard` refuses, or null when all may be connected to. */
function refused(host: string, addresses: readonly string[], guard: AddressGuard): BlockedAddressError | null {
  for (const address of addresses) {
    // something that is not an address cannot be checked, so it is refused like a private one
    const range = addressRange(address) ?? "unspecified";
    if (!guard.allowed.has(range)) return new BlockedAddressError(host, address, range);
  }
  return null;
}

/**
 * An undici Agent for one check whose connector notes when DNS, TCP connect and
 * the TLS handshake finish, so a failure shows where the time went. One agent
 * per run: a fresh connection and a full handshake every time (no TLS session
 * reuse), as a citizen's phone opening the app would see it. Every connection,
 * first or after a redirect, passes the address guard: a name is resolved once,
 * all its addresses are checked, and the socket connects to those very
 * addresses, so a second DNS answer (rebinding) never gets a say.
 */
export function timedAgent(opts: { connectTimeoutMs: number; ca: string | null; guard: AddressGuard }): { agent: Agent; marks: PhaseMarks } {
  const marks: PhaseMarks = { start: performance.now(), dnsStart: null, dnsEnd: null, connectStart: null, connectEnd: null, tlsEnd: null, firstByte: null };
  const { guard } = opts;
  const lookup: LookupFunction = (hostname, options, callback) => {
    const done = callback as (e: NodeJS.ErrnoException | null, a?: string | ResolvedAddress[], f?: number) => void;
    marks.dnsStart = performance.now();
    guard.resolve(hostname).then(
      (found) => {
        marks.dnsEnd = performance.now();
        const blocked = refused(
          hostname,
          found.map((a) => a.address),
          guard,
        );
        if (blocked) return done(blocked);
        const wanted = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        if (wanted.length === 0) return done(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", hostname }));
        if (options.all) done(null, wanted);
        else done(null, wanted[0]!.address, wanted[0]!.family);
      },
      (err: NodeJS.ErrnoException) => {
        marks.dnsEnd = performance.now();
        done(err);
      },
    );
  };
  const base = buildConnector({
    lookup,
    timeout: opts.connectTimeoutMs,
    maxCachedSessions: 0,
    ...(opts.ca ? { ca: [...tlsRootCertificates(), opts.ca] } : {}),
  });
  const connect: buildConnector.connector = (options, callback) => {
    // an address in the URL skips the lookup, so it is checked here
    const host = options.hostname.replace(/^\[(.*)\]$/, "$1");
    const blocked = isIP(host) ? refused(host, [host], guard) : null;
    if (blocked) return void (callback as (e: Error, socket: null) => void)(blocked, null);
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
