import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/core/same-origin-path";

describe("sameOriginPath", () => {
  it.each<[string, string | null | undefined, string | null]>([
    ["a page", "/ko/desk", "/ko/desk"],
    ["a page with a query and a fragment", "/en/services/demo?tab=outages#x", "/en/services/demo?tab=outages#x"],
    ["percent-encoded Korean", "/ko/services/%EB%8F%99%EB%B0%B1%EC%A0%84", "/ko/services/%EB%8F%99%EB%B0%B1%EC%A0%84"],
    ["nothing", undefined, null],
    ["empty", "", null],
    ["relative", "ko/desk", null],
    ["another host", "https://evil.example/", null],
    ["protocol-relative", "//evil.example/x", null],
    ["a backslash", "/\\evil.example", null],
    ["a backslash later", "/ko\\..\\x", null],
    ["a tab", "/\t/evil.example", null],
    ["a percent-encoded tab", "/%09/evil.example", null],
    ["a percent-encoded slash", "/%2F/evil.example", null],
    ["a percent-encoded backslash", "/%5Cevil.example", null],
    ["a newline", "/ko/desk\nSet-Cookie: x=1", null],
    ["a percent-encoded CR", "/ko/desk%0D", null],
    ["a space", "/ /evil.example", null],
    ["a no-break space", "/ko\u00a0desk", null],
    ["a control character", "/ko/desk\u0001", null],
    ["a NUL", "/ko/desk\u0000", null],
    ["DEL", "/ko/desk\u007f", null],
    ["a scheme", "javascript:alert(1)", null],
    ["bad percent-encoding", "/ko/%E0%A4%A", null],
    ["too long", `/${"a".repeat(500)}`, null],
  ])("%s", (_, value, expected) => {
    expect(sameOriginPath(value)).toBe(expected);
  });
});
