import { describe, expect, it } from "vitest";
import { bodyExcerpt, createRedactor, REDACTED } from "@/core/evidence/redact";
import { redactHar } from "@/core/evidence/redact-har";

/** Every built-in pattern with an example, then configured ones, headers, URLs and the body cut. */
const r = createRedactor();

describe("built-in redaction", () => {
  const cases: { name: string; input: string; output: string }[] = [
    { name: "a token in JSON", input: '{"accessToken":"q3Vx9abcdef","tokenType":"Bearer"}', output: `{"accessToken":"${REDACTED}","tokenType":"Bearer"}` },
    { name: "a password field, any case", input: '{"Password": "hunter2"}', output: `{"Password": "${REDACTED}"}` },
    { name: "a secret JSON string cut off by the excerpt", input: '{"refresh_token":"abcdefghij', output: `{"refresh_token":"${REDACTED}"` },
    { name: "a token in a form or query", input: "a=1&access_token=xyz123&b=2", output: `a=1&access_token=${REDACTED}&b=2` },
    { name: "a Bearer value in text", input: "sent Authorization: Bearer sandbox-test-token-probe-01", output: `sent Authorization: Bearer ${REDACTED}` },
    { name: "a JWT", input: "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig-nature_x end", output: "jwt [REDACTED-JWT] end" },
    { name: "a 주민등록번호 with a dash", input: "주민번호 900101-1234567 확인", output: "주민번호 [REDACTED-RRN] 확인" },
    { name: "a 주민등록번호 without a dash", input: "rrn=9001012234567", output: "rrn=[REDACTED-RRN]" },
    { name: "a mobile number with dashes", input: "연락처 010-1234-5678", output: "연락처 [REDACTED-PHONE]" },
    { name: "a mobile number without separators", input: '"phone":"01012345678"', output: '"phone":"[REDACTED-PHONE]"' },
    { name: "a Seoul landline", input: "tel 02-123-4567", output: "tel [REDACTED-PHONE]" },
    { name: "an international mobile number", input: "+82-10-1234-5678", output: "[REDACTED-PHONE]" },
    { name: "a card number in groups", input: "card 9410-1234-5678-9012", output: "card [REDACTED-CARD]" },
  ];
  for (const c of cases) it(`hides ${c.name}`, () => expect(r.text(c.input)).toBe(c.output));

  const kept: { name: string; input: string }[] = [
    { name: "an error code", input: '{"error":{"code":"SERVICE_UNAVAILABLE","message":"점검 중"}}' },
    { name: "a top-up id and an amount", input: '{"topupId":"TP000000000001","amount":1000,"balanceAfter":1001100}' },
    { name: "an ISO instant", input: '"approvedAt":"2026-03-01T00:00:00.000Z"' },
    { name: "an 8-digit approval number", input: '"approvalNo":"48213377"' },
  ];
  for (const k of kept) it(`keeps ${k.name}`, () => expect(r.text(k.input)).toBe(k.input));
});

describe("configured redaction", () => {
  it("adds patterns and header names to the built-in ones", () => {
    const custom = createRedactor({ patterns: [{ name: "member", pattern: "M\\d{11}", replacement: "[MEMBER]" }], headers: ["X-Session"] });
    expect(custom.text('{"memberId":"M90000000001","phone":"010-1111-2222"}')).toBe('{"memberId":"[MEMBER]","phone":"[REDACTED-PHONE]"}');
    expect(custom.headers({ "x-session": "abc", authorization: "Bearer x", cookie: "s=1", "set-cookie": "s=1", "content-type": "application/json" })).toEqual({
      "x-session": REDACTED,
      authorization: REDACTED,
      cookie: REDACTED,
      "set-cookie": REDACTED,
      "content-type": "application/json",
    });
  });

  it("Authorization and Cookie are hidden whatever the configuration", () => {
    expect(createRedactor({ headers: [] }).headers({ Authorization: "Basic dXNlcjpwYXNz", Cookie: "sid=1" })).toEqual({
      Authorization: REDACTED,
      Cookie: REDACTED,
    });
  });

  it("URLs lose user, password and secret-looking parameters", () => {
    expect(r.url("https://user:pw@pay.example/cb?token=abc&amount=1000&sig=zz")).toBe("https://pay.example/cb?token=…&amount=1000&sig=…");
  });
});

describe("body excerpt", () => {
  it("cuts at the byte limit after redacting, so a secret across the cut is hidden whole", () => {
    const body = `${"a".repeat(95)}{"token":"${"s".repeat(40)}"}`;
    const { text, truncated } = bodyExcerpt(Buffer.from(body), 100, r);
    expect(truncated).toBe(true);
    expect(text).toBe(`${"a".repeat(95)}{"tok`);
    expect(text).not.toContain("sss");
    const wider = bodyExcerpt(Buffer.from(body), 200, r);
    expect(wider.text).toBe(`${"a".repeat(95)}{"token":"${REDACTED}"}`);
  });

  it("never splits a Korean character (3 bytes in UTF-8)", () => {
    // 10 × "점" = 30 bytes; a 10-byte limit keeps 3 characters (9 bytes), not a broken fourth
    expect(bodyExcerpt(Buffer.from("점".repeat(10)), 10, r).text).toBe("점점점");
  });

  it("keeps nothing of a binary body", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    expect(bodyExcerpt(png, 8192, r)).toEqual({ text: "", truncated: true, binary: true });
  });
});

describe("HAR redaction", () => {
  it("drops cookies and secret headers, redacts URLs, posted data and content", () => {
    const har = {
      log: {
        entries: [
          {
            request: {
              url: "http://h/api?token=abc&x=1",
              headers: [
                { name: "Authorization", value: "Bearer sandbox-test-token-probe-04" },
                { name: "Accept", value: "application/json" },
              ],
              cookies: [{ name: "sid", value: "1" }],
              queryString: [
                { name: "token", value: "abc" },
                { name: "x", value: "1" },
              ],
              postData: { text: '{"name":"모니터","phone":"010-0000-0000","birthDate":"1990-01-01"}' },
            },
            response: { headers: [{ name: "Set-Cookie", value: "sid=2" }], cookies: [{ name: "sid", value: "2" }], content: { text: '{"accessToken":"zzz"}' } },
          },
        ],
      },
    };
    const out = JSON.parse(redactHar(JSON.stringify(har), r, 8192)!) as typeof har;
    const e = out.log.entries[0]!;
    expect(e.request.url).toBe("http://h/api?token=…&x=1");
    expect(e.request.headers).toEqual([
      { name: "Authorization", value: REDACTED },
      { name: "Accept", value: "application/json" },
    ]);
    expect(e.request.cookies).toEqual([]);
    expect(e.request.queryString).toEqual([
      { name: "token", value: "…" },
      { name: "x", value: "1" },
    ]);
    expect(e.request.postData.text).toBe('{"name":"모니터","phone":"[REDACTED-PHONE]","birthDate":"1990-01-01"}');
    expect(e.response.headers).toEqual([{ name: "Set-Cookie", value: REDACTED }]);
    expect(e.response.cookies).toEqual([]);
    expect(e.response.content.text).toBe(`{"accessToken":"${REDACTED}"}`);
  });

  it("refuses what is not a HAR", () => expect(redactHar("<html>", r, 100)).toBeNull());
});
