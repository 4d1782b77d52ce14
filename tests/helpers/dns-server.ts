import dgram from "node:dgram";
import type { AddressInfo } from "node:net";

/**
 * A small authoritative DNS server on UDP port 0 for tests: A records from a
 * table, NXDOMAIN for names not in it, SERVFAIL and silence on request. Enough
 * of RFC 1035 for one question per query, no compression on input.
 */
export type DnsZone = Record<string, { a?: string[]; servfail?: boolean; silent?: boolean }>;

export async function startDnsServer(zone: DnsZone): Promise<{ address: string; close: () => Promise<void>; queries: string[] }> {
  const socket = dgram.createSocket("udp4");
  const queries: string[] = [];
  socket.on("message", (msg, rinfo) => {
    const id = msg.readUInt16BE(0);
    let offset = 12;
    const labels: string[] = [];
    while (msg[offset]! > 0) {
      const len = msg[offset]!;
      labels.push(msg.subarray(offset + 1, offset + 1 + len).toString("ascii"));
      offset += len + 1;
    }
    const question = msg.subarray(12, offset + 5); // name, its terminating zero, type and class
    const qtype = msg.readUInt16BE(offset + 1);
    const name = labels.join(".").toLowerCase();
    queries.push(name);
    const entry = zone[name];
    if (entry?.silent) return;
    const rcode = !entry ? 3 : entry.servfail ? 2 : 0;
    const addresses = rcode === 0 && qtype === 1 ? (entry?.a ?? []) : [];
    const header = Buffer.alloc(12);
    header.writeUInt16BE(id, 0);
    header.writeUInt16BE(0x8400 | rcode, 2); // response, authoritative
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(addresses.length, 6);
    const answers = addresses.map((ip) => {
      const rr = Buffer.alloc(16);
      rr.writeUInt16BE(0xc00c, 0); // pointer to the question's name
      rr.writeUInt16BE(1, 2); // A
      rr.writeUInt16BE(1, 4); // IN
      rr.writeUInt32BE(60, 6);
      rr.writeUInt16BE(4, 10);
      ip.split(".").forEach((octet, i) => rr.writeUInt8(Number(octet), 12 + i));
      return rr;
    });
    socket.send(Buffer.concat([header, question, ...answers]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const port = (socket.address() as AddressInfo).port;
  return { address: `127.0.0.1:${port}`, queries, close: () => new Promise((r) => socket.close(() => r())) };
}
