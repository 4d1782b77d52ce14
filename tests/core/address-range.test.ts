import { describe, expect, it } from "vitest";
import { addressRange, hostRange } from "@/core/net/address-range";
import { allowedRanges } from "@/core/net/allowed-ranges";

describe("addressRange", () => {
  it.each([
    ["93.184.216.34", "public"],
    ["8.8.8.8", "public"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link-local"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.1", "private"],
    ["192.169.0.1", "public"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["100.128.0.1", "public"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["2001:db8::1", "public"],
    ["2606:4700:4700::1111", "public"],
    // IPv4 inside IPv6 is judged as the IPv4 address it carries
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link-local"],
    ["::ffff:8.8.8.8", "public"],
    ["::10.0.0.1", "private"],
    ["not-an-ip", null],
    ["999.1.1.1", null],
    ["127.1", null],
    ["1:2:3", null],
    ["::1::2", null],
  ] as const)("%s → %s", (ip, range) => expect(addressRange(ip)).toBe(range));
});

describe("hostRange", () => {
  it.each([
    ["localhost", "loopback"],
    ["api.localhost", "loopback"],
    ["LOCALHOST.", "loopback"],
    ["127.0.0.1", "loopback"],
    ["[fd00::5]", "private"],
    ["service.example", null],
    ["localhost.example", null],
  ] as const)("%s → %s", (host, range) => expect(hostRange(host)).toBe(range));
});

describe("allowedRanges", () => {
  it.each([
    ["a public name: public only", ["https://api.service.example/health"], false, ["public"]],
    ["a loopback address: loopback too", ["http://127.0.0.1:4010/health"], false, ["public", "loopback"]],
    ["a name is not trusted by itself", ["http://intranet.example/"], false, ["public"]],
    ["steps on two private kinds", ["http://10.0.0.5/a", "http://[fe80::1]/b"], false, ["public", "private", "link-local"]],
    ["a placeholder host never widens", ["http://{{host}}/x", "http://{{ip}}:80/"], false, ["public"]],
    ["allowPrivateNetwork: everything", ["https://api.service.example/"], true, ["public", "loopback", "link-local", "private", "unspecified", "cgnat"]],
  ] as const)("%s", (_, urls, allow, expected) => expect([...allowedRanges(urls, allow)].sort()).toEqual([...expected].sort()));
});
