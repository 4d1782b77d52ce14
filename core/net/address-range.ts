/**
 * Which kind of network an IP address belongs to. Everything but "public" is
 * refused to a probe unless its configuration reaches into that kind itself
 * (see allowedRanges), so a hostile target cannot point the monitor at the
 * machine it runs on, its cloud metadata service or the operator's LAN.
 */
export const ADDRESS_RANGES = ["public", "loopback", "link-local", "private", "unspecified", "cgnat"] as const;
export type AddressRange = (typeof ADDRESS_RANGES)[number];

type Block = { base: bigint; bits: number; width: 32 | 128; range: Exclude<AddressRange, "public"> };

const V4: [string, number, Block["range"]][] = [
  ["0.0.0.0", 8, "unspecified"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local"],
  ["10.0.0.0", 8, "private"],
  ["172.16.0.0", 12, "private"],
  ["192.168.0.0", 16, "private"],
  ["100.64.0.0", 10, "cgnat"],
];
const V6: [string, number, Block["range"]][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fe80::", 10, "link-local"],
  ["fc00::", 7, "private"],
  // deprecated site-local: still routed inside some networks
  ["fec0::", 10, "private"],
];

const BLOCKS: Block[] = [
  ...V4.map(([a, bits, range]) => ({ base: v4ToBigInt(a)!, bits, width: 32 as const, range })),
  ...V6.map(([a, bits, range]) => ({ base: v6ToBigInt(a)!, bits, width: 128 as const, range })),
];

/** The range of an IP address, or null when `ip` is not an address. IPv4 inside IPv6 (::ffff:a.b.c.d, ::a.b.c.d) counts as the IPv4 address. */
export function addressRange(ip: string): AddressRange | null {
  const bare = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  const v4 = v4ToBigInt(bare);
  if (v4 !== null) return lookUp(v4, 32);
  if (!bare.includes(":")) return null;
  const n = v6ToBigInt(bare.replace(/%.*$/, ""));
  if (n === null) return null;
  // ::ffff:0:0/96 (mapped) and ::/96 other than :: and ::1 (compatible) carry an IPv4 address
  const high = n >> 32n;
  if (high === 0xffffn || (high === 0n && n > 1n)) return lookUp(n & 0xffffffffn, 32);
  return lookUp(n, 128);
}

/** The range a configured host is in when it says so by itself (an address, or localhost); null for any other name. */
export function hostRange(host: string): AddressRange | null {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return "loopback";
  return addressRange(h);
}

function lookUp(n: bigint, width: 32 | 128): AddressRange {
  for (const b of BLOCKS) {
    if (b.width !== width) continue;
    const shift = BigInt(width - b.bits);
    if (n >> shift === b.base >> shift) return b.range;
  }
  return "public";
}

/** Dotted decimal only, as the connector sees an address (URL parsing has already turned 0x7f.1 and the like into this form). */
function v4ToBigInt(ip: string): bigint | null {
  if (!/^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/.test(ip)) return null;
  const parts = ip.split(".").map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function v6ToBigInt(ip: string): bigint | null {
  let text = ip;
  // a trailing dotted IPv4 part becomes two hex groups
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = v4ToBigInt(dotted[1]!);
    if (v4 === null) return null;
    text = `${text.slice(0, -dotted[1]!.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}
