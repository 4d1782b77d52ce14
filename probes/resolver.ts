import dns from "node:dns";

export type ResolvedAddress = { address: string; family: 4 | 6 };

/**
 * How a probe turns a host name into addresses. Injected through the run
 * context, so tests decide what a name resolves to without any network; every
 * address it returns is checked before one of them is connected to.
 */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS), every address of the name. */
export const systemResolver: Resolver = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};
