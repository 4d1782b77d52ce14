import { promises as dns } from "node:dns";
import type { DnsProbe } from "@/core/config/resolve";
import type { Verdict } from "@/core/evaluate-response";
import type { ProbeRunner } from "../run-context";
import { slowerThan, toOutcome } from "./outcome";

/**
 * A DNS lookup of one name and record type, against the system's resolver or
 * the servers given. NXDOMAIN, no records, a server failure and no answer in
 * time each read as what they are; `expect` can require addresses.
 */
export const runDnsCheck: ProbeRunner<DnsProbe> = async (probe, ctx) => {
  const started = performance.now();
  // c-ares' own timeout is per try; one try, and our deadline as well in case it overruns.
  const resolver = new dns.Resolver({ timeout: probe.timeoutMs, tries: 1 });
  if (probe.servers) resolver.setServers(probe.servers);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), probe.timeoutMs);
  });
  let records: string[] = [];
  let verdict: Verdict | null = null;
  try {
    const answer = await Promise.race([lookup(resolver, probe), deadline]);
    if (answer === "timeout") {
      resolver.cancel();
      verdict = { state: "DOWN", errorClass: "TIMEOUT", message: `no DNS answer for ${probe.name} within ${probe.timeoutMs} ms` };
    } else {
      records = answer;
    }
  } catch (err) {
    verdict = dnsFailure(err, probe);
  } finally {
    clearTimeout(timer);
  }
  const latencyMs = performance.now() - started;
  if (!verdict) {
    const missing = probe.expect.contains.filter((want) => !records.some((r) => r.toLowerCase() === want.toLowerCase()));
    if (records.length === 0) verdict = { state: "DOWN", errorClass: "DNS", message: `no ${probe.recordType} records for ${probe.name}` };
    else if (missing.length > 0)
      verdict = {
        state: "DOWN",
        errorClass: "ASSERTION_DNS",
        message: `${probe.name} ${probe.recordType} answered ${records.join(", ")}; missing ${missing.join(", ")}`,
      };
    else if (probe.expect.matches !== undefined && !records.some((r) => new RegExp(probe.expect.matches!).test(r))) {
      verdict = {
        state: "DOWN",
        errorClass: "ASSERTION_DNS",
        message: `${probe.name} ${probe.recordType} answered ${records.join(", ")}; none matches /${probe.expect.matches}/`,
      };
    } else verdict = slowerThan(latencyMs, probe.maxLatencyMs, "DNS answer took ") ?? { state: "UP", errorClass: null, message: null };
  }
  return toOutcome(verdict, { latencyMs, httpStatus: null }, ctx, {
    detail: { kind: "dns", dns: { name: probe.name, recordType: probe.recordType, records } },
  });
};

async function lookup(resolver: dns.Resolver, probe: DnsProbe): Promise<string[]> {
  switch (probe.recordType) {
    case "A":
      return resolver.resolve4(probe.name);
    case "AAAA":
      return resolver.resolve6(probe.name);
    case "CNAME":
      return resolver.resolveCname(probe.name);
    case "NS":
      return resolver.resolveNs(probe.name);
    case "MX":
      return (await resolver.resolveMx(probe.name)).sort((a, b) => a.priority - b.priority).map((m) => `${m.priority} ${m.exchange}`);
    case "TXT":
      return (await resolver.resolveTxt(probe.name)).map((parts) => parts.join(""));
  }
}

function dnsFailure(err: unknown, probe: DnsProbe): Verdict {
  const code = (err as { code?: string }).code ?? "";
  const what = `${probe.name} ${probe.recordType}`;
  switch (code) {
    case "ENOTFOUND":
      return { state: "DOWN", errorClass: "DNS", message: `${what}: name does not exist (NXDOMAIN)` };
    case "ENODATA":
      return { state: "DOWN", errorClass: "DNS", message: `${what}: the name exists but has no ${probe.recordType} records` };
    case "ESERVFAIL":
      return { state: "DOWN", errorClass: "DNS", message: `${what}: the DNS server failed (SERVFAIL)` };
    case "EREFUSED":
      return { state: "DOWN", errorClass: "DNS", message: `${what}: the DNS server refused the query` };
    case "ETIMEOUT":
    case "ECANCELLED":
      return { state: "DOWN", errorClass: "TIMEOUT", message: `${what}: no DNS answer within ${probe.timeoutMs} ms` };
    case "ECONNREFUSED":
      return { state: "DOWN", errorClass: "DNS", message: `${what}: could not reach the DNS server (${code})` };
    default:
      return { state: "DOWN", errorClass: "DNS", message: `${what}: ${code || (err as Error).message}` };
  }
}
